"""Past capacity, answer 503 at once (with ``Retry-After``) instead of queueing for seconds.

A plain WSGI middleware (no Flask): at most ``limit`` requests are inside the app at a
time; one more gets a small "busy" page in microseconds. ``workbench serve`` runs a few
more server threads than ``limit``, so that those spare threads can refuse quickly
while the others work. A request counts until its response has been sent (``close``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

BUSY_PAGE = ("<!doctype html><html lang=en><meta charset=utf-8>"
             "<title>Busy \u00b7 Workbench</title>"
             "<p>The workbench is busy right now: nothing was changed. Try again in a moment."
             "<p lang=ru>Рабочее место сейчас перегружено: ничего не изменено. "
             "Попробуйте снова через минуту."
             "<p lang=zh>工作台正忙：未做任何更改。请稍后再试。</html>").encode()
"""Answered before the app (no Flask, no locale): the three UI languages at once."""


class _Counted:
    """The app's response body; the request stops counting once the server closes it."""

    def __init__(self, body: Iterable[bytes], release: Callable[[], None]) -> None:
        self._body, self._release, self._closed = body, release, False

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self._body, "close", None)
            if callable(close):
                close()
        finally:
            self._release()


class CapacityLimit:
    """At most ``limit`` requests in the app at once; the rest get 503 + Retry-After."""

    def __init__(self, app: Callable[..., Iterable[bytes]], limit: int,
                 retry_after: int = 1) -> None:
        self.app, self.limit, self.retry_after = app, max(1, limit), retry_after
        self._lock = threading.Lock()
        self.in_flight = 0
        self.refused = 0

    def _enter(self) -> bool:
        with self._lock:
            if self.in_flight >= self.limit:
                self.refused += 1
                return False
            self.in_flight += 1
            return True

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not self._enter():
            start_response("503 Service Unavailable", [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Retry-After", str(self.retry_after)), ("Cache-Control", "no-store"),
                ("Content-Length", str(len(BUSY_PAGE)))])
            return [BUSY_PAGE]
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self._leave()
            raise
        return _Counted(body, self._leave)


__all__ = ["CapacityLimit"]
