"""Overview: drift heat strip (SVG, each cell a link to its row), histogram, counts, progress."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from workbench import review
from workbench.web.db import get_session
from workbench.web.templating import render_htmx_template
from workbench.web.views.review import ready_comparison

bp = Blueprint("overview", __name__, url_prefix="/comparisons")

STRIP_WIDTH = 1000  # SVG user units; the strip scales to the page width


@bp.get("/<int:comparison_id>/overview")
def show(comparison_id: int) -> Any:
    comparison = ready_comparison(comparison_id)
    overview = review.get_overview(get_session(), comparison_id)
    limit = int(current_app.config["ROWS_PER_PAGE"])
    cell = STRIP_WIDTH / max(1, overview.row_count)
    return render_htmx_template(
        "overview.html", "partials/_overview.html", comparison=comparison, overview=overview,
        cell_width=cell, strip_width=STRIP_WIDTH, page_size=limit,
        histogram_max=max(overview.histogram or [0]) or 1,
    )
