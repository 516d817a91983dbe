"""CSRF on every state-changing request (htmx sends the token as a header) and safe headers."""

from __future__ import annotations

from flask import Flask, Response
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def _security_headers(response: Response) -> Response:
    """No framing, no MIME sniffing, and only our own scripts and styles."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'",
    )
    return response


def setup_security(app: Flask) -> None:
    """CSRFProtect checks POST/PUT/PATCH/DELETE: a form field or the ``X-CSRFToken`` header."""
    csrf.init_app(app)
    app.after_request(_security_headers)
