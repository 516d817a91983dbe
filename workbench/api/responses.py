"""Output schemas: the read-only views of :mod:`workbench.review` as the API sends them."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from workbench.api.schemas import COMPARISON_STATES, JOB_STATES, UtcDateTime
from workbench.review import STATUSES


class Problem(ma.Schema):
    """RFC 9457 problem details (``application/problem+json``)."""

    type = fields.String(required=True, metadata={"example": "about:blank"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String()
    errors = fields.Dict(metadata={"description": "Validation errors by location and field."})


class ProjectOut(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = UtcDateTime(required=True)
    comparison_count = fields.Integer(required=True)


class VersionOut(ma.Schema):
    id = fields.Integer(required=True)
    label = fields.String(required=True)
    lang = fields.String(required=True)
    position = fields.Integer(required=True)
    title = fields.String(required=True)
    source_filename = fields.String(required=True)
    encoding = fields.String(required=True)
    segment_count = fields.Integer(required=True)


class JobOut(ma.Schema):
    id = fields.Integer(required=True)
    comparison_id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "align or realign"})
    state = fields.String(required=True, metadata={"enum": list(JOB_STATES)})
    phase = fields.String(required=True)
    percent = fields.Float(required=True)
    message = fields.String(required=True)
    error = fields.String(required=True)
    attempts = fields.Integer(required=True)
    finished = fields.Boolean(required=True)
    created_at = UtcDateTime(required=True)
    updated_at = UtcDateTime(required=True)


class ComparisonOut(ma.Schema):
    id = fields.Integer(required=True)
    project_id = fields.Integer(required=True)
    title = fields.String(required=True)
    chain = fields.List(fields.String(), required=True, allow_none=True)
    model_id = fields.String(required=True)
    state = fields.String(required=True, metadata={"enum": list(COMPARISON_STATES)})
    labels = fields.List(fields.String(), required=True)
    versions = fields.List(fields.Nested(VersionOut), required=True)
    row_count = fields.Integer(required=True)
    reviewed_count = fields.Integer(required=True)
    job = fields.Nested(JobOut, required=True, allow_none=True)
    can_undo = fields.Boolean(required=True)
    can_redo = fields.Boolean(required=True)
    created_at = UtcDateTime(required=True)
    updated_at = UtcDateTime(required=True)


class FlagOut(ma.Schema):
    id = fields.Integer(required=True)
    source = fields.String(required=True, metadata={"enum": ["auto", "reviewer"]})
    type = fields.String(required=True)
    hop = fields.String(required=True)
    detail = fields.String(required=True)
    severity = fields.String(required=True)
    comment = fields.String(required=True)
    spans = fields.Dict(keys=fields.String(),
                        values=fields.List(fields.List(fields.Integer())), required=True,
                        metadata={"description": "label -> [[start, end], ...] in the row text"})
    carried = fields.Boolean(required=True, allow_none=True)
    dismissed = fields.String(required=True, allow_none=True,
                              metadata={"description": "A dismissed signal's reason."})
    dismissed_at = UtcDateTime(required=True, allow_none=True)


class CommentOut(ma.Schema):
    id = fields.Integer(required=True)
    text = fields.String(required=True)
    author = fields.String(required=True)
    created_at = UtcDateTime(required=True)


class RowOut(ma.Schema):
    id = fields.Integer(required=True)
    position = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"example": "1-1-2"})
    segments = fields.Dict(keys=fields.String(), values=fields.List(fields.Integer()),
                           required=True)
    segment_texts = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                                required=True)
    text = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    similarity = fields.Dict(keys=fields.String(), values=fields.Float(), required=True,
                             metadata={"description": "pair key a|b -> cosine similarity"})
    score = fields.Dict(keys=fields.String(), values=fields.Float(), required=True,
                        metadata={"description": "pair key a|b -> calibrated score 0..1"})
    min_score = fields.Float(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    corrected = fields.Boolean(required=True)
    flags = fields.List(fields.Nested(FlagOut), required=True)
    comments = fields.List(fields.Nested(CommentOut), required=True)


class RowPageOut(ma.Schema):
    rows = fields.List(fields.Nested(RowOut), required=True)
    total = fields.Integer(required=True, metadata={"description": "rows matching the view"})
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    total_rows = fields.Integer(required=True, metadata={"description": "rows in all"})


class ChangeOut(ma.Schema):
    """What a review change did: rows ``start .. start + removed - 1`` became ``rows``."""

    comparison_id = fields.Integer(required=True)
    action = fields.String(required=True, metadata={"description": "\"none\": nothing changed"})
    description = fields.String(required=True)
    start = fields.Integer(required=True)
    removed = fields.Integer(required=True)
    rows = fields.List(fields.Nested(RowOut), required=True)
    history_id = fields.Integer(required=True)
    can_undo = fields.Boolean(required=True)
    can_redo = fields.Boolean(required=True)


class CheckedFlagOut(ma.Schema):
    type = fields.String(required=True)
    hop = fields.String(required=True)
    detail = fields.String(required=True)
    severity = fields.String(required=True)
    source = fields.String(required=True)
    spans = fields.Dict(keys=fields.String(),
                        values=fields.List(fields.List(fields.Integer())), required=True)
    carried = fields.Boolean()
    comment = fields.String()
    dismissed = fields.String()
    reason = fields.Dict(metadata={"description": "message key and arguments"})


class CheckedRowOut(ma.Schema):
    """One row as ``workbench check`` / ``align`` print it (JSONL)."""

    row = fields.Integer(required=True)
    segments = fields.Dict(keys=fields.String(), values=fields.List(fields.Integer()),
                           required=True)
    text = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    similarity = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    score = fields.Dict(keys=fields.String(), values=fields.Float())
    flags = fields.List(fields.Nested(CheckedFlagOut))
    status = fields.String()
    comments = fields.List(fields.String())


class CheckOut(ma.Schema):
    title = fields.String(required=True)
    labels = fields.List(fields.String(), required=True)
    chain = fields.List(fields.String(), required=True, allow_none=True)
    rows = fields.List(fields.Nested(CheckedRowOut), required=True)
