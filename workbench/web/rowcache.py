"""Rendered review rows, kept per worker process: a page re-renders only rows that changed.

A row's HTML (``partials/_row.html``, the heaviest part of a review page: about 0.4 ms
a row) depends only on the row itself, the comparison's versions and chain, the hidden
fields its forms carry (the view arguments and the CSRF token), the UI language and the
URL prefix. Those together are the key (the row's full ``repr``: text, scores, status,
every flag and comment), so a row edited anywhere, by any worker, has a new key and is
rendered afresh: nothing is ever invalidated, old entries just age out. The CSRF token,
which is the session's and changes every second, is never stored: rows are rendered with
a random per-process placeholder in its place, replaced by this request's token on the
way out (so no page ever shows another session's token). Off when templates reload.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from flask import current_app, g, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

ROW_TEMPLATE = "partials/_row.html"
MAX_ROWS = 2000
"""Rows kept per process (about 8 KB each)."""

_rows: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_lock = threading.Lock()
_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"  # cannot occur in a row's text by chance


def _page_part(context: Context) -> tuple[str, str, tuple[Any, ...]]:
    """This request's CSRF token, the hidden fields with the placeholder in its place, and
    the part of the key every row of the page shares: worked out once per request and
    context (a page of 50 rows asks 50 times)."""
    comparison, labels, hidden = context.get("comparison"), context.get("labels"), \
        context["hidden"]
    memo_key = (id(comparison), id(labels), str(hidden))
    # the memo holds the objects themselves, so their ids are not reused while it lives
    memo: dict[tuple[Any, ...], tuple[Any, Any, str, str, tuple[Any, ...]]] = g.setdefault(
        "rowcache_page", {})
    found = memo.get(memo_key)
    if found is None:
        token = generate_csrf()
        placed = str(hidden).replace(token, _PLACEHOLDER)
        found = memo[memo_key] = (comparison, labels, token, placed, (
            str(get_locale() or ""), request.script_root, getattr(comparison, "id", None),
            repr(getattr(comparison, "versions", None)),
            repr(getattr(comparison, "chain", None)), repr(labels), placed))
    return found[2], found[3], found[4]


@pass_context
def render_row(context: Context, row: Any) -> Markup:
    """``{% include "partials/_row.html" %}`` for ``row``, from the cache when it can."""
    template = context.environment.get_template(ROW_TEMPLATE)
    if current_app.jinja_env.auto_reload or "hidden" not in context:
        return Markup(template.render({**context.get_all(), "row": row}))
    token, hidden, page = _page_part(context)
    key = (*page, repr(row))
    with _lock:
        found = _rows.get(key)
        if found is not None:
            _rows.move_to_end(key)
    if found is None:
        found = template.render({**context.get_all(), "row": row, "hidden": Markup(hidden)})
        with _lock:
            _rows[key] = found
            while len(_rows) > MAX_ROWS:
                _rows.popitem(last=False)
    return Markup(found.replace(_PLACEHOLDER, token))


def clear() -> None:
    with _lock:
        _rows.clear()


__all__ = ["clear", "render_row"]
