"""Overview: drift heat strip (SVG, each cell a link to its row), histogram, counts, progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import get_decimal_symbol
from flask import Blueprint, current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from workbench import review
from workbench.review import Overview
from workbench.web.db import get_session
from workbench.web.templating import render_htmx_template, score_band
from workbench.web.views.review import ready_comparison

bp = Blueprint("overview", __name__, url_prefix="/comparisons")

STRIP_WIDTH = 1000  # SVG user units; the strip scales to the page width


@dataclass
class HeatCell:
    """One cell of the heat strip: where it is drawn, its colour, its link and its tooltip."""

    x: float
    band: str
    href: str
    title: str


def heat_cells(comparison_id: int, overview: Overview, page_size: int) -> list[HeatCell]:
    """Cells for every row, prepared in Python: a long document has thousands of them."""
    base = url_for("review.show", comparison_id=comparison_id)
    width = STRIP_WIDTH / max(1, overview.row_count)
    decimal = get_decimal_symbol(get_locale() or "en")
    row_label = _("Row %(n)s", n="{n}")
    unscored = _("not scored")
    cells = []
    for position, (score, row_id) in enumerate(zip(overview.heat, overview.heat_row_ids,
                                                   strict=True)):
        offset = position // page_size * page_size
        query = f"?offset={offset}" if offset else ""
        shown = f"{score:.2f}".replace(".", decimal) if score is not None else unscored
        cells.append(HeatCell(x=position * width, band=score_band(score),
                              href=f"{base}{query}#row-{row_id}",
                              title=f"{row_label.replace('{n}', str(position + 1))}: {shown}"))
    return cells


@bp.get("/<int:comparison_id>/overview")
def show(comparison_id: int) -> Any:
    comparison = ready_comparison(comparison_id)
    overview = review.get_overview(get_session(), comparison_id)
    limit = int(current_app.config["ROWS_PER_PAGE"])
    return render_htmx_template(
        "overview.html", "partials/_overview.html", comparison=comparison, overview=overview,
        cells=heat_cells(comparison_id, overview, limit),
        cell_width=STRIP_WIDTH / max(1, overview.row_count), strip_width=STRIP_WIDTH,
        histogram_max=max(overview.histogram or [0]) or 1,
    )
