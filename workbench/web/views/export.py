"""Downloads of a comparison through :func:`workbench.export.export` (GET: reads only)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.templating import render_htmx_template
from workbench.web.views.review import ready_comparison

bp = Blueprint("export", __name__, url_prefix="/comparisons")

ROW_CHOICES = ("all", "accepted", "not_flagged")


def _formats() -> dict[str, Any]:
    from workbench.export import FORMATS

    return dict(FORMATS)


@bp.get("/<int:comparison_id>/export")
def form(comparison_id: int) -> Any:
    comparison = ready_comparison(comparison_id)
    return render_htmx_template("export.html", "partials/_export_form.html",
                                comparison=comparison, formats=sorted(_formats()),
                                row_choices=ROW_CHOICES)


@bp.get("/<int:comparison_id>/download")
def download(comparison_id: int) -> Response:
    from workbench.export import ExportOptions, content_disposition, export
    from workbench.store import load_record

    comparison = ready_comparison(comparison_id)
    formats = _formats()
    fmt = request.args.get("format", "")
    if fmt not in formats:
        raise BadInput(f"unknown export format {fmt!r}; choose one of {', '.join(sorted(formats))}")
    rows = request.args.get("rows", "all")
    if rows not in ROW_CHOICES:
        raise BadInput(f"unknown row selection {rows!r}")
    try:
        min_score = float(request.args.get("min_score") or 0.0)
    except ValueError:
        raise BadInput("the minimum score must be a number between 0 and 1") from None
    options = ExportOptions(accepted_only=rows == "accepted",
                            exclude_flagged=rows == "not_flagged", min_score=min_score or None)
    record = load_record(get_session(), comparison_id)
    data = export(record, fmt, options)
    spec = formats[fmt]
    extension = str(getattr(spec, "extension", fmt)).lstrip(".")
    mimetype = str(getattr(spec, "mimetype", "application/octet-stream"))
    filename = f"{comparison.title or 'comparison'}.{extension}"
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": content_disposition(filename)})
