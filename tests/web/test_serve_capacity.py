"""The pieces several server processes share: the in-flight count, the busy answer in the
reader's language, the start-up state file, the listening socket's errors."""

from __future__ import annotations

import multiprocessing
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
import pytest
from flask import Flask

from workbench.cli.serve_options import listen as _listen
from workbench.cli.serve_web import _busy_texts, _Slots
from workbench.cli.startup import SharedPreparation, preparing_wsgi
from workbench.web.capacity import CapacityLimit, SharedCounter, page_language


def _call(app: Any, environ: dict[str, Any]) -> tuple[str, dict[str, str], bytes]:
    answer: list[Any] = []
    body = app(environ, lambda status, headers: answer.extend([status, dict(headers)]))
    data = b"".join(body)
    getattr(body, "close", lambda: None)()
    return answer[0], answer[1], data


def test_the_limit_counts_the_requests_of_every_worker() -> None:
    slots = _Slots(4)
    first, second = slots.claim(), slots.claim()
    one, other = SharedCounter(slots.counts, first), SharedCounter(slots.counts, second)
    assert one.enter(3) and other.enter(3) and other.enter(3)
    assert not one.enter(3)  # three in flight in the two workers together
    assert one.in_flight == other.in_flight == 3
    other.leave()
    assert one.enter(3)
    slots.release(second)  # the worker ended (even killed mid-request): its count goes
    assert one.in_flight == 2 and second in slots.free


def test_a_worker_keeps_to_its_own_share_while_others_are_free() -> None:
    slots = _Slots(4)
    first, second = slots.claim(), slots.claim()
    one = SharedCounter(slots.counts, first, own_limit=2)
    other = SharedCounter(slots.counts, second, own_limit=2)
    assert one.enter(4) and one.enter(4)
    assert not one.enter(4)  # its two threads are busy: the third request is refused at once
    assert other.enter(4)  # the other worker still takes requests
    one.leave()
    assert one.enter(4) and one.in_flight == 3


def test_shared_slots_are_seen_by_a_forked_worker() -> None:
    slots = _Slots(2)
    slot = slots.claim()
    context = multiprocessing.get_context("fork")
    worker = context.Process(target=SharedCounter(slots.counts, slot).enter, args=(5,))
    worker.start()
    worker.join(30)
    assert worker.exitcode == 0 and SharedCounter(slots.counts, 1 - slot).in_flight == 1


def _busy_app() -> CapacityLimit:
    def never(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        raise AssertionError("past capacity the app is not called")

    limited = CapacityLimit(never, limit=1)
    assert limited.counter.enter(1)  # one request already in flight
    return limited


def test_busy_answer_speaks_the_pages_language(app: Flask) -> None:
    limited = CapacityLimit(_busy_app().app, limit=1, texts=_busy_texts(app))
    assert limited.counter.enter(1)
    status, headers, body = _call(limited, {"HTTP_COOKIE": "a=b; workbench_locale=ru"})
    assert status.startswith("503") and headers["Retry-After"] == "1"
    assert "ничего не изменено" in body.decode() and 'lang=ru' in body.decode()
    status, headers, body = _call(limited, {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9",
                                            "HTTP_HX_REQUEST": "true"})
    assert "未做任何更改" in body.decode()
    assert headers["HX-Retarget"] == "#status-message" and b"<html" not in body
    assert limited.refused == 2


def test_page_language_falls_back_to_english() -> None:
    languages = ("en", "ru", "zh")
    assert page_language({}, languages) == "en"
    assert page_language({"HTTP_COOKIE": "workbench_locale=xx",
                          "HTTP_ACCEPT_LANGUAGE": "de, ru;q=0.5"}, languages) == "ru"


def test_the_state_file_carries_the_preparation_to_every_worker(tmp_path: Path,
                                                               app: Flask) -> None:
    path = tmp_path / "serve-state.json"
    writer = SharedPreparation(path)
    writer.begin("starting")
    reader = SharedPreparation(path, app=app)
    app.config["PREPARATION"] = reader
    served = preparing_wsgi(reader)
    environ = {"PATH_INFO": "/projects", "REQUEST_METHOD": "GET", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1",
               "REMOTE_ADDR": "127.0.0.1", "wsgi.input": None}
    writer.begin("demo")
    assert not reader.ready and reader.view()["step"] == "demo"
    assert reader.view()["number"] == 3
    assert _call(served, dict(environ))[0].startswith("503")
    writer.finish()
    assert reader.ready and _call(served, dict(environ))[0].startswith("200")
    writer.finish(error="disk full")  # once ready, a worker stays ready
    assert reader.ready
    failed = SharedPreparation(tmp_path / "other.json")
    failed.finish(error="disk full")
    assert not SharedPreparation(tmp_path / "other.json").ready
    assert SharedPreparation(tmp_path / "other.json").error == "disk full"


def test_a_busy_port_is_one_clear_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(click.ClickException, match="already in use"):
            _listen("127.0.0.1", port)


def test_static_files_are_never_refused() -> None:
    def static(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        start_response("200 OK", [("Content-Type", "text/css")])
        return [b"body{}"]

    limited = CapacityLimit(static, limit=1)
    assert limited.counter.enter(1)  # full
    assert _call(limited, {"PATH_INFO": "/static/workbench.css"})[0] == "200 OK"
    assert _call(limited, {"PATH_INFO": "/projects"})[0].startswith("503")
