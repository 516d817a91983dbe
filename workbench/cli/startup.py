"""What ``workbench serve`` answers while it starts: the port answers at once.

The WSGI callable below is what every web worker serves. Until the app is built it
answers a bare "starting" page; then, until the instance is prepared (by the jobs
process: :mod:`workbench.cli.serve_jobs`, which writes each step to a
:class:`SharedPreparation` file), the app's own translated ``/starting`` page (see
:mod:`workbench.web.views.starting`); then the app itself. No Flask import here:
this module must load in milliseconds.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
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


def preparing_wsgi(state: Preparation | SharedPreparation) -> Callable[..., Iterable[bytes]]:
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


class SharedPreparation:
    """The start-up state shared by the processes of ``workbench serve``, in a small file.

    The jobs process prepares the instance and writes each step (:meth:`begin`,
    :meth:`finish`); every web worker reads the file until it says ready (one ``stat``
    per request until then, nothing after). Same interface as :class:`Preparation`.
    """

    def __init__(self, path: Path, app: Any = None) -> None:
        self.path, self.app = path, app
        self._seen: tuple[int, int] | None = None
        self._view: dict[str, Any] = {"step": "starting", "error": "", "ready": False,
                                      "started": time.time()}
        self._ready = False

    def write(self, step: str, error: str = "", ready: bool = False) -> None:
        """Replace the file at once (a reader never sees half of it)."""
        data = {"step": step, "error": error, "ready": ready,
                "started": self._view.get("started", time.time())}
        self._view = data
        temporary = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, self.path)

    def begin(self, step: str) -> None:
        self.write(step)

    def finish(self, error: str = "") -> None:
        self.write(str(self._read().get("step", "starting")), error=error, ready=not error)

    def _read(self) -> dict[str, Any]:
        try:
            stat = self.path.stat()
            seen = (stat.st_mtime_ns, stat.st_size)
            if seen != self._seen:
                self._view = json.loads(self.path.read_text(encoding="utf-8"))
                self._seen = seen
        except (OSError, ValueError):
            pass  # being replaced, or not written yet: the last state read holds
        return self._view

    @property
    def ready(self) -> bool:
        if not self._ready:  # once ready, ready for good: no more reads
            self._ready = bool(self._read().get("ready"))
        return self._ready

    @property
    def error(self) -> str:
        return str(self._read().get("error") or "")

    def view(self) -> dict[str, Any]:
        state = self._read()
        step = str(state.get("step") or "starting")
        number = STEPS.index(step) + 1 if step in STEPS else 0
        return {"step": step, "number": number, "steps": len(STEPS),
                "error": str(state.get("error") or ""),
                "elapsed": max(0, int(time.time() - float(state.get("started") or time.time())))}
