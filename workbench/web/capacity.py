"""Past capacity, answer 503 at once (with ``Retry-After``) instead of queueing for seconds.

A plain WSGI middleware (no Flask): at most ``limit`` requests are inside the app at a
time; one more gets a small "busy" page, in the reader's UI language, in microseconds.
``workbench serve`` runs several worker processes: their in-flight requests are counted
together in shared memory (:class:`SharedCounter`, one slot per worker that the server
process clears when a worker ends), so the limit is the server's, not one worker's; each
worker also keeps to its own share (``--threads``).
Each worker runs a few more threads than it is expected to use, so that a spare thread
can refuse at once while the others work. A request counts until its response has been
sent (``close``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence
from html import escape
from typing import Any, Protocol

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

BUSY_TEXT = {
    "en": ("The workbench is busy",
           "The workbench is busy right now: nothing was changed. Try again in a moment."),
    "ru": ("Рабочее место перегружено",
           "Рабочее место сейчас перегружено: ничего не изменено. Попробуйте снова через минуту."),
    "zh": ("工作台正忙", "工作台正忙：未做任何更改。请稍后再试。"),
}
"""Title and message per UI language (the app passes its catalogs' own translations)."""
LOCALE_COOKIE = "workbench_locale"  # the same cookie as web/i18n.py (not imported: no Flask)


def busy_pages(texts: Mapping[str, tuple[str, str]]) -> dict[str, tuple[bytes, bytes]]:
    """Per language: the full page and the htmx notice (aimed at the page's notice area)."""
    pages = {}
    for lang, (title, message) in texts.items():
        page = (f"<!doctype html><html lang={lang}><meta charset=utf-8>"
                f"<title>{escape(title)} \u00b7 Workbench</title>"
                f"<h1>{escape(title)}</h1><p>{escape(message)}</p></html>")
        notice = (f'<div class="error-box notice-error" role="alert" data-status="503">'
                  f"<strong>{escape(title)}</strong> "
                  f'<span class="error-message">{escape(message)}</span></div>')
        pages[lang] = (page.encode(), notice.encode())
    return pages


class Counter(Protocol):
    def enter(self, limit: int) -> bool: ...

    def leave(self) -> None: ...

    @property
    def in_flight(self) -> int: ...


class LocalCounter:
    """Requests in flight in this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.in_flight = 0

    def enter(self, limit: int) -> bool:
        with self._lock:
            if self.in_flight >= limit:
                return False
            self.in_flight += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


class SharedCounter:
    """Requests in flight in every worker: ``slots`` is shared memory, ``slot`` this worker's.

    Only this worker writes its slot (under a thread lock); the others only read it, so
    the total may briefly run one or two over the limit, never stay wrong: the server
    process zeroes a slot when its worker ends, even killed in the middle of a request.
    """

    def __init__(self, slots: MutableSequence[int], slot: int,
                 own_limit: int | None = None) -> None:
        self.slots, self.slot, self.own_limit = slots, slot, own_limit
        self._lock = threading.Lock()

    @property
    def in_flight(self) -> int:
        return sum(self.slots)

    def enter(self, limit: int) -> bool:
        """Count one more request unless the server has ``limit`` in flight, or this worker
        its ``own_limit``: a worker's threads share one interpreter lock, so requests
        beyond its share would only slow each other down while other workers idle."""
        with self._lock:
            if sum(self.slots) >= limit or (
                    self.own_limit is not None and self.slots[self.slot] >= self.own_limit):
                return False
            self.slots[self.slot] += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.slots[self.slot] = max(0, self.slots[self.slot] - 1)


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


def page_language(environ: Mapping[str, Any], languages: Iterable[str]) -> str:
    """The UI language: the locale switch's cookie, else the browser's best match, else en."""
    choices = tuple(languages)
    for part in str(environ.get("HTTP_COOKIE", "")).split(";"):
        name, _, value = part.strip().partition("=")
        if name == LOCALE_COOKIE and value in choices:
            return value
    header = environ.get("HTTP_ACCEPT_LANGUAGE")
    if header:
        best = parse_accept_header(str(header), LanguageAccept).best_match(choices)
        if best:
            return str(best)
    return "en" if "en" in choices else choices[0]


class CapacityLimit:
    """At most ``limit`` requests in the app at once; the rest get 503 + Retry-After."""

    def __init__(self, app: Callable[..., Iterable[bytes]], limit: int, retry_after: int = 1,
                 *, counter: Counter | None = None,
                 texts: Mapping[str, tuple[str, str]] | None = None,
                 exempt: tuple[str, ...] = ("/static/",)) -> None:
        self.app, self.limit, self.retry_after = app, max(1, limit), retry_after
        self.exempt = exempt  # paths never refused: a page's own CSS and scripts (cheap)
        self.counter: Counter = counter if counter is not None else LocalCounter()
        self.pages = busy_pages(texts or BUSY_TEXT)
        self.refused = 0

    @property
    def in_flight(self) -> int:
        return self.counter.in_flight

    def _busy(self, environ: dict[str, Any],
              start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.refused += 1
        page, notice = self.pages[page_language(environ, self.pages)]
        headers = [("Retry-After", str(self.retry_after)), ("Cache-Control", "no-store"),
                   ("Content-Type", "text/html; charset=utf-8")]
        body = page
        if environ.get("HTTP_HX_REQUEST"):  # htmx: the reason in the page's notice area
            body = notice
            headers += [("HX-Retarget", "#status-message"), ("HX-Reswap", "innerHTML")]
        start_response("503 Service Unavailable",
                       [*headers, ("Content-Length", str(len(body)))])
        return [body]

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        if str(environ.get("PATH_INFO", "")).startswith(self.exempt):
            return self.app(environ, start_response)
        if not self.counter.enter(self.limit):
            return self._busy(environ, start_response)
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self.counter.leave()
            raise
        return _Counted(body, self.counter.leave)


__all__ = ["BUSY_TEXT", "CapacityLimit", "LocalCounter", "SharedCounter", "page_language"]
