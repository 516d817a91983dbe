"""The app's Flask extension objects, created once and bound by ``create_app``.

A leaf module: the views, templating and error handlers take ``htmx`` from here, so
that only the app factory (``workbench/web/__init__.py``) imports the views and the API.
"""

from __future__ import annotations

from flask_htmx import HTMX

htmx = HTMX()

__all__ = ["htmx"]
