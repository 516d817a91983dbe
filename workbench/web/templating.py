"""Templating helpers: htmx-aware rendering, score colours, highlights, Babel formatting."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal as babel_format_decimal
from flask import Flask, render_template, request
from flask_babel import format_datetime, format_decimal, format_percent, get_locale
from markupsafe import Markup

from workbench.nlp.drift.ranking import by_severity
from workbench.scores import score_band
from workbench.web.drift_text import localise_detail, localise_reason
from workbench.web.extensions import htmx
from workbench.web.highlight import highlight
from workbench.web.messages import export_description, localise_error, localise_job_message
from workbench.web.rowcache import render_row
from workbench.web.ui_labels import TEMPLATE_GLOBALS, flag_type_name, row_strings
from workbench.web.worddiff import row_word_diffs


def render_htmx_template(page: str, partial: str, /, status: int = 200, **context: Any) -> Any:
    """The partial for an htmx request (not a history restore), the full page otherwise."""
    wants_partial = bool(htmx) and not htmx.history_restore_request
    template = partial if wants_partial else page
    return render_template(template, **context), status


@lru_cache(maxsize=16384)
def _decimal_in(value: Any, fmt: str, locale: str) -> str:
    return str(babel_format_decimal(value, format=fmt, locale=locale))


def decimal(value: Any, fmt: str = "0.00") -> str:
    """Babel's ``format_decimal`` in the page's locale, memoised: a review page formats
    every score of every row (the same few thousand values, page after page)."""
    try:
        return _decimal_in(value, fmt, str(get_locale() or "en"))
    except TypeError:  # an unhashable number type
        return str(format_decimal(value, fmt))


def row_highlights(text: str, label: str, flags: Any) -> Markup:
    """A version's text in a row with every flag's spans for that label marked."""
    spans = [span for flag in flags for span in (flag.spans or {}).get(label, [])]
    return highlight(text, spans)


def can_split(row: Any) -> bool:
    """A row can be split in two when some version has two or more segments in it."""
    return any(len(segments) > 1 for segments in row.segments.values())


def hop_label(hop: str) -> str:
    """``"zh|ru"`` -> ``"zh → ru"`` for display."""
    return " → ".join(hop.split("|"))


def compared_pairs(labels: list[str]) -> str:
    """``"zh ↔ ru, zh ↔ en, ru ↔ en"``: the pairs a comparison without a chain scores."""
    return ", ".join(f"{a} ↔ {b}" for i, a in enumerate(labels) for b in labels[i + 1:])


def query_args(args: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """Current view arguments with some changed (``None`` removes one): for links."""
    merged = {k: v for k, v in args.items() if v not in (None, "")}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def setup_templating(app: Flask) -> None:
    """Autoescape stays on for every template; filters and globals for the views."""
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters.update(
        score_band=score_band,
        decimal=decimal,
        percent=lambda v, fmt="#,##0%": format_percent(v, fmt),
        datetime=lambda v, fmt="medium": format_datetime(v, fmt),
        hop=hop_label,
        drift_detail=localise_detail,
        drift_reason=localise_reason,
        by_severity=by_severity,
        job_message=localise_job_message,
        error_text=localise_error,
    )
    app.jinja_env.globals.update(export_description=export_description,
                                 compared_pairs=compared_pairs)
    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.globals.update(row_strings=row_strings, flag_type_name=flag_type_name)
    app.jinja_env.globals.update(
        current_locale=lambda: str(get_locale() or "en"),
        row_highlights=row_highlights,
        row_word_diffs=row_word_diffs,
        can_split=can_split,
        render_row=render_row,
        query_args=query_args,
        htmx_request=lambda: bool(htmx),
        current_args=lambda: request.args.to_dict(),
    )
