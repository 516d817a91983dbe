"""Downloads of a comparison through :func:`workbench.export.export` (GET: reads only)."""

from __future__ import annotations

from itertools import permutations
from typing import Any

from flask import Blueprint, Response, request
from flask_babel import gettext as _

from workbench.export import FORMATS, ROW_FILTERS, ExportOptions, content_disposition, export
from workbench.store import load_record
from workbench.web.db import get_session
from workbench.web.errors import BadInput
from workbench.web.inputs import parse_score
from workbench.web.templating import render_htmx_template
from workbench.web.views.review import ready_comparison

bp = Blueprint("export", __name__, url_prefix="/comparisons")


@bp.get("/<int:comparison_id>/export")
def form(comparison_id: int) -> Any:
    comparison = ready_comparison(comparison_id)
    return render_htmx_template("export.html", "partials/_export_form.html",
                                comparison=comparison, formats=FORMATS,
                                row_choices=ROW_FILTERS,
                                pairs=list(permutations(comparison.labels, 2)))


def _options(labels: list[str]) -> ExportOptions:
    rows = request.args.get("rows", "all")
    if rows not in ROW_FILTERS:
        raise BadInput(_("Choose one of: %(choices)s.", choices=", ".join(ROW_FILTERS)))
    min_score = parse_score(request.args.get("min_score"), 0.0,
                            _("The minimum score is a number from 0 to 1."))
    pair_arg = request.args.get("pair", "")
    pair: tuple[str, str] | None = None
    if pair_arg:
        first, _sep, second = pair_arg.partition("|")
        if first not in labels or second not in labels or first == second:
            raise BadInput(_("Unknown version pair %(pair)s.", pair=pair_arg))
        pair = (first, second)
    return ExportOptions(rows=rows, min_score=min_score or None, pair=pair)


@bp.get("/<int:comparison_id>/download")
def download(comparison_id: int) -> Response:
    comparison = ready_comparison(comparison_id)
    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        raise BadInput(_("Unknown export format %(format)s; choose one of %(choices)s.",
                         format=fmt, choices=", ".join(FORMATS)))
    options = _options(comparison.labels)
    data = export(load_record(get_session(), comparison_id), fmt, options)
    spec = FORMATS[fmt]
    filename = f"{comparison.title or 'comparison'}{spec.extension}"
    return Response(data, mimetype=spec.mimetype,
                    headers={"Content-Disposition": content_disposition(filename)})
