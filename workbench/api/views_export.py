"""Export a comparison in any format of :mod:`workbench.export`, and ``check`` aligned material.

``POST /check`` is ``workbench check`` over HTTP: the uploaded TMX, XLIFF, CSV/TSV or
JSONL keeps its own pairing and is scored and checked with the default model; nothing
is stored. It answers when done (large files take a while: use the CLI for those).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from workbench.api import lookup
from workbench.api.blueprint import ID, bp
from workbench.api.responses import CheckOut
from workbench.api.schemas import CheckIn, ExportQuery
from workbench.export import FORMATS, ExportOptions, content_disposition, export
from workbench.review import InvalidOperationError

BINARY = {"schema": {"type": "string", "format": "binary"}}
_TEXT_MIMETYPES = {"jsonl": "application/jsonl", "tsv": "text/tab-separated-values",
                   "html": "text/html"}


def _export_responses() -> dict[str, Any]:
    content = {spec.mimetype: BINARY for spec in FORMATS.values()}
    return {"200": {"description": "The file (Content-Disposition names it).",
                    "content": content}}


def _options(query: dict[str, Any], labels: list[str]) -> ExportOptions:
    pair: tuple[str, str] | None = None
    if query["pair"]:
        first, _sep, second = query["pair"].partition("|")
        if first not in labels or second not in labels or first == second:
            raise InvalidOperationError(_("Unknown version pair %(pair)s; the versions are "
                                          "%(labels)s.", pair=query["pair"][:50],
                                          labels=", ".join(labels)))
        pair = (first, second)
    return ExportOptions(rows=query["rows"], min_score=query["min_score"], pair=pair)


@bp.get(f"/comparisons/<{ID}:comparison_id>/export")
@bp.arguments(ExportQuery, location="query")
@bp.doc(responses=_export_responses())
def export_comparison(query: dict[str, Any], comparison_id: int) -> Response:
    """The comparison with its review (statuses, flags, comments, dismissals) as a file.

    Formats: tmx, xliff (one pair: ``pair=a|b``), csv, plain-csv, tsv, jsonl, xlsx, html.
    ``rows``: all, accepted, unflagged; ``min_score`` keeps rows scoring at least that.
    """
    from workbench.store import load_record

    comparison = lookup.ready(comparison_id)
    options = _options(query, comparison.labels)
    data = export(load_record(lookup.session(), comparison_id), query["format"], options)
    spec = FORMATS[query["format"]]
    filename = f"{comparison.title or 'comparison'}{spec.extension}"
    return Response(data, mimetype=spec.mimetype,
                    headers={"Content-Disposition": content_disposition(filename)})


def _check_responses() -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": CheckOut}}
    content.update({mimetype: BINARY for mimetype in _TEXT_MIMETYPES.values()})
    return {"200": {"description": "The rows with scores and signals.", "content": content}}


@bp.post("/check")
@bp.arguments(CheckIn, location="multipart")
@bp.doc(responses=_check_responses())
def check(form: dict[str, Any]) -> Response:
    """Score and check aligned material (TMX, XLIFF, CSV/TSV, JSONL), keeping its pairing.

    ``format=json`` (default) answers with the rows as ``workbench check`` prints them;
    ``jsonl``, ``tsv`` and ``html`` with that file. An optional ``glossary`` (CSV/TSV or
    TBX) adds term signals. Nothing is stored.
    """
    from workbench.export import render_rows as render
    from workbench.imported import check_aligned as check_material

    upload = form["file"]
    if not isinstance(upload, FileStorage):
        raise InvalidOperationError(_("file: send the aligned material as a file upload."))
    data = upload.read()
    if not data:
        raise InvalidOperationError(_("The file %(name)s is empty.", name=upload.filename or ""))
    glossary = form.get("glossary")
    if glossary is not None and not isinstance(glossary, FileStorage):
        raise InvalidOperationError(_("glossary: send the term list as a file upload."))
    terms = (glossary.read(), glossary.filename or "glossary.csv") if glossary else None
    chain = [c.strip() for c in form["chain"].split(",") if c.strip()] or None
    record = check_material(data, upload.filename or "upload.tmx", chain, terms)
    if form["format"] != "json":
        return Response(render(record, form["format"]),
                        mimetype=_TEXT_MIMETYPES[form["format"]])
    body = {"title": record.title, "labels": record.labels, "chain": record.chain,
            "rows": [row.to_json() for row in record.rows]}
    return Response(json.dumps(CheckOut().dump(body), ensure_ascii=False),
                    mimetype="application/json")
