"""What ``workbench serve`` answers while it starts: the port answers at once.

The WSGI callable below is given to waitress before the Flask app even exists.
Until the app is built it answers a bare "starting" page; then, until the
instance is prepared, the app's own translated ``/starting`` page (see
:mod:`workbench.web.views.starting`); then the app itself. No Flask import here:
this module must load in milliseconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

STEPS = ("database", "model", "demo")
PREPARING_PATH = "/starting"
PASS_THROUGH = ("/static/", "/locale")
"""Paths the app answers itself while preparing (its CSS, the language switch)."""

BARE_PAGE = (b"<!doctype html><html lang=en><meta charset=utf-8>"
             b"<meta http-equiv=refresh content=1><title>Starting \xc2\xb7 Workbench</title>"
             b"<p>The workbench is starting\xe2\x80\xa6 this page reloads by itself.</p></html>")


@dataclass
class Preparation:
    """The start-up state: the app once built, the step under way, failure or readiness."""

    app: Any = None
    step: str = "starting"
    error: str = ""
    ready: bool = False
    started: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def begin(self, step: str) -> None:
        with self._lock:
            self.step = step

    def finish(self, error: str = "") -> None:
        with self._lock:
            self.error, self.ready = error, not error

    def view(self) -> dict[str, Any]:
        """A consistent copy for the page: step, its number, elapsed seconds, error."""
        with self._lock:
            number = STEPS.index(self.step) + 1 if self.step in STEPS else 0
            return {"step": self.step, "number": number, "steps": len(STEPS),
                    "error": self.error, "elapsed": int(time.monotonic() - self.started)}


def preparing_wsgi(state: Preparation) -> Callable[..., Iterable[bytes]]:
    """The server's WSGI app: bare page, then the preparing page, then the workbench."""

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        app = state.app
        if app is None:
            start_response("503 Service Unavailable", [
                ("Content-Type", "text/html; charset=utf-8"), ("Retry-After", "1"),
                ("Cache-Control", "no-store"), ("Content-Length", str(len(BARE_PAGE)))])
            return [BARE_PAGE]
        path = str(environ.get("PATH_INFO", ""))
        if not state.ready and not path.startswith(PASS_THROUGH):
            environ = {**environ, "PATH_INFO": PREPARING_PATH, "REQUEST_METHOD": "GET",
                       "QUERY_STRING": ""}
        result: Iterable[bytes] = app(environ, start_response)
        return result

    return wsgi
