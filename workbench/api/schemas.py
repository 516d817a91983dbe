"""Marshmallow schemas of the JSON API: what it reads (validated before any write) and sends.

The output schemas dump the read-only views of :mod:`workbench.review` as they are;
flask-smorest turns every schema into a component of the OpenAPI document.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from workbench.export import FORMATS, ROW_FILTERS
from workbench.nlp.langid import SUPPORTED_LANGUAGES
from workbench.review import CATEGORIES, SEVERITIES, STATUSES
from workbench.states import ComparisonState, JobState

LANG_CHOICES = ("auto", *SUPPORTED_LANGUAGES)
ROW_VIEWS = ("all", "flagged", "below", "unreviewed")
JOB_STATES = tuple(state.value for state in JobState)
COMPARISON_STATES = tuple(state.value for state in ComparisonState)
MAX_VERSIONS = 4
MAX_PAGE = 1000
MAX_OFFSET = 10**9
MAX_TEXT = 2000


class UtcDateTime(fields.DateTime):
    """The store keeps naive UTC times; the API says so (``...+00:00``, RFC 3339)."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _has_text(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("must contain text, not only spaces")


def _plain_label(value: str) -> None:
    if "|" in value:
        raise ma.ValidationError("a label cannot contain “|” (it joins pair keys)")


# --- input ---------------------------------------------------------------------------------

class VersionIn(ma.Schema):
    label = fields.String(load_default="", validate=[validate.Length(max=20), _plain_label],
                          metadata={"description": "Empty: the detected language code."})
    lang = fields.String(load_default="auto", validate=validate.OneOf(LANG_CHOICES))
    text = fields.String(required=True, validate=[validate.Length(min=1), _has_text])
    title = fields.String(load_default="", validate=validate.Length(max=200))
    segmented = fields.Boolean(load_default=False,
                               metadata={"description": "One segment per line, not split."})


class ComparisonIn(ma.Schema):
    title = fields.String(load_default="", validate=validate.Length(max=200))
    project_id = fields.Integer(load_default=None, allow_none=True, strict=True,
                                validate=validate.Range(min=1, max=2**63 - 1),
                                metadata={"description": "None: a new project is made."})
    chain = fields.List(fields.String(validate=validate.Length(min=1, max=20)),
                        load_default=None, allow_none=True,
                        metadata={"description": "Translation order, e.g. [zh, ru, en]."})
    versions = fields.List(fields.Nested(VersionIn), required=True,
                           validate=validate.Length(min=2, max=MAX_VERSIONS))


def _file(description: str = "") -> fields.Raw:
    return fields.Raw(metadata={"type": "string", "format": "binary",
                                **({"description": description} if description else {})})


class ComparisonUploadIn(ma.Schema):
    """The multipart form (the web form's names): files 1..4, at least two; labels, languages."""

    title = fields.String(load_default="", validate=validate.Length(max=200))
    project_id = fields.Integer(load_default=None, validate=validate.Range(min=1, max=2**63 - 1))
    chain = fields.String(load_default="", validate=validate.Length(max=200),
                          metadata={"description": "e.g. zh,ru,en"})
    file_1 = _file("TXT, DOCX, ODT, EPUB, PDF, HTML, Markdown or SRT")
    file_2 = _file()
    file_3 = _file()
    file_4 = _file()
    label_1 = fields.String(validate=validate.Length(max=20))
    label_2 = fields.String(validate=validate.Length(max=20))
    label_3 = fields.String(validate=validate.Length(max=20))
    label_4 = fields.String(validate=validate.Length(max=20))
    lang_1 = fields.String(validate=validate.OneOf(LANG_CHOICES))
    lang_2 = fields.String(validate=validate.OneOf(LANG_CHOICES))
    lang_3 = fields.String(validate=validate.OneOf(LANG_CHOICES))
    lang_4 = fields.String(validate=validate.OneOf(LANG_CHOICES))


class ProjectIn(ma.Schema):
    name = fields.String(required=True, validate=[validate.Length(min=1, max=200), _has_text])


class RowsQuery(ma.Schema):
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=MAX_PAGE))
    filter = fields.String(load_default="all", validate=validate.OneOf(ROW_VIEWS))
    threshold = fields.Float(load_default=None, validate=validate.Range(min=0.0, max=1.0),
                             metadata={"description": "For filter=below (default 0.5)."})
    q = fields.String(load_default="", validate=validate.Length(max=200),
                      metadata={"description": "Case-insensitive text search."})
    signal = fields.String(load_default="", validate=validate.Length(max=50),
                           metadata={"description": "Rows with a standing signal of this type."})
    signal_hop = fields.String(load_default="", validate=validate.Length(max=210),
                               metadata={"description": "…of this hop (\"-\": no hop)."})


class StatusIn(ma.Schema):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))


class FlagIn(ma.Schema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    severity = fields.String(load_default="major", validate=validate.OneOf(SEVERITIES))
    comment = fields.String(load_default="", validate=validate.Length(max=MAX_TEXT))
    hop = fields.String(load_default="", validate=validate.Length(max=41),
                        metadata={"description": "\"\" (the row), a label or a pair a|b."})


class CommentIn(ma.Schema):
    text = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_TEXT),
                                                  _has_text])


class DismissalIn(ma.Schema):
    reason = fields.String(load_default="", validate=validate.Length(max=500),
                           metadata={"description": "Empty: \"false alarm\"."})


class ExportQuery(ma.Schema):
    format = fields.String(required=True, validate=validate.OneOf(tuple(FORMATS)))
    rows = fields.String(load_default="all", validate=validate.OneOf(ROW_FILTERS))
    min_score = fields.Float(load_default=None, validate=validate.Range(min=0.0, max=1.0))
    pair = fields.String(load_default="", validate=validate.Length(max=41),
                         metadata={"description": "Two labels a|b (bilingual formats)."})


CHECK_FORMATS = ("json", "jsonl", "tsv", "html")


class CheckIn(ma.Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "TMX, XLIFF, CSV/TSV or JSONL"})
    glossary = _file("CSV/TSV or TBX term list")
    chain = fields.String(load_default="", validate=validate.Length(max=200))
    format = fields.String(load_default="json", validate=validate.OneOf(CHECK_FORMATS))
