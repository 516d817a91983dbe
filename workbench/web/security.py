"""What the app trusts: host names, origins, CSRF tokens, a proxy in front, and safe headers.

* **Host**: only configured names are served (``ALLOWED_HOSTS``: loopback by default,
  plus ``workbench serve --allowed-host``), so a page that rebinds its own DNS name to
  127.0.0.1 cannot read the workbench (its requests carry its name as ``Host``).
* **Origin**: a state-changing request whose ``Origin`` (or, without one, ``Referer``)
  names another origin is refused, even with a valid CSRF token.
* **CSRF**: CSRFProtect checks POST/PUT/PATCH/DELETE (a form field or the
  ``X-CSRFToken`` header that htmx sends); tokens expire (``WTF_CSRF_TIME_LIMIT``).
* **Proxy**: ``BEHIND_PROXY`` trusts one proxy's ``X-Forwarded-Proto/Host/For``
  (werkzeug's ProxyFix) and marks cookies ``Secure``.
* **Ids**: every ``<int:...>`` of a URL is bounded to SQLite's integer range, so an
  id of 2^63 is a 404 instead of an ``OverflowError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import BadRequest, Forbidden, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from workbench.web.inputs import MAX_ID

csrf = CSRFProtect()

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)


def _bounded_ids(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Every ``<int:...>`` of the URL from 0 to 2^63 - 1 (what SQLite stores), else 404.

    Checked here rather than by the converter's ``max``: werkzeug would then answer 405
    for a POST whose URL also names a GET-only rule.
    """
    for value in (values or {}).values():
        if isinstance(value, int) and not 0 <= value <= MAX_ID:
            raise NotFound()


def host_name(host: str) -> str:
    """``Host`` header -> lower-case name without port or IPv6 brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def allowed_hosts(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The loopback names plus ``extra`` (normalised, duplicates dropped)."""
    names = [host_name(name) for name in (*LOOPBACK_HOSTS, *extra) if name.strip()]
    return tuple(dict.fromkeys(name for name in names if name))


def _check_host() -> None:
    configured = current_app.config.get("ALLOWED_HOSTS") or LOOPBACK_HOSTS
    if host_name(request.host) not in allowed_hosts(configured):
        raise BadRequest(_("This workbench does not answer to the host name in the "
                           "address. Open it at an address its administrator configured "
                           "(for example http://127.0.0.1)."))


def _origin_of(url: str) -> str | None:
    """``scheme://host:port`` of a URL, or None when it has none (``null``, garbage)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    shown = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme.lower()}://{shown}{'' if port in (None, default) else f':{port}'}"


def _own_origin() -> str:
    origin = _origin_of(request.host_url)
    return origin or ""


def _check_origin() -> None:
    """A write from another site is refused; no Origin and no Referer is allowed (CSRF)."""
    if request.method in SAFE_METHODS:
        return
    claimed = request.headers.get("Origin")
    if claimed is None:
        claimed = request.headers.get("Referer")
        if not claimed:
            return
    if _origin_of(claimed) != _own_origin():
        raise Forbidden(_("This action came from another web site and was refused; "
                          "nothing was changed. Use the workbench's own pages."))


def _security_headers(response: Response) -> Response:
    """No framing, no MIME sniffing, and only our own scripts, styles and form targets."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def setup_security(app: Flask) -> None:
    """Host and Origin checks first of the ``before_request`` hooks, then CSRF."""
    app.url_value_preprocessor(_bounded_ids)
    if app.config.get("BEHIND_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
        app.config["SESSION_COOKIE_SECURE"] = True
    app.before_request(_check_host)
    app.before_request(_check_origin)
    csrf.init_app(app)
    app.after_request(_security_headers)
