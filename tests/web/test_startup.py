"""``workbench serve`` answers at once: a "preparing" page until the instance is ready."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import Client

from tests.web.conftest import build_comparison, save
from tests.web.serving import free_port as _free_port
from workbench.cli.startup import Preparation, preparing_wsgi


def test_preparing_page_until_ready(app: Flask) -> None:
    state = Preparation()
    client = Client(preparing_wsgi(state))
    bare = client.get("/comparisons/1")
    assert bare.status_code == 503 and b"starting" in bare.data
    state.app = app
    app.config["PREPARATION"] = state
    state.begin("demo")
    page = client.get("/comparisons/1", headers={"Accept-Language": "ru"})
    assert page.status_code == 503 and page.headers["Retry-After"] == "2"
    text = page.get_data(as_text=True)
    assert "Выравнивание демонстрации" in text and 'http-equiv="refresh"' in text
    assert "шаг 3 из 3" in text
    css = client.get("/static/workbench.css")
    assert css.status_code == 200
    css.close()
    state.finish()
    assert client.get("/projects").status_code == 200
    assert client.get("/starting").status_code == 302  # nothing left to wait for


def test_failed_start_says_why(app: Flask) -> None:
    state = Preparation(app=app)
    app.config["PREPARATION"] = state
    state.finish(error="disk full")
    page = Client(preparing_wsgi(state)).get("/")
    assert page.status_code == 500 and "disk full" in page.get_data(as_text=True)


def _serve(instance: Path, *args: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    env = {**os.environ, "WORKBENCH_INSTANCE": str(instance)}
    env.pop("WORKBENCH_DATABASE_URL", None)
    port = _free_port()
    log = instance / "serve.log"
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen([sys.executable, "-m", "workbench", "serve", "--port",
                                    str(port), *args], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}/projects", log


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.slow
def test_first_run_answers_while_the_demo_is_prepared(tmp_path: Path) -> None:
    # behaviour, not a clock: the first answer is the "preparing" page (the port listens
    # before the model and the demo are ready); how fast is bench's to print
    process, url, log = _serve(tmp_path)
    started = time.monotonic()
    try:
        status = None
        while status is None and time.monotonic() - started < 60:  # a loaded machine starts slowly
            status = _status(url)
            time.sleep(0.05 if status is None else 0)
        assert status == 503, status  # the demo is being aligned
        while "first run" not in log.read_text() and time.monotonic() - started < 60:
            assert process.poll() is None, log.read_text()
            time.sleep(0.2)
        assert "first run" in log.read_text()
    finally:
        _stop(process)


@pytest.mark.slow
def test_later_runs_do_not_announce_a_first_run(app: Flask, tmp_path: Path) -> None:
    save(app, build_comparison())
    process, url, log = _serve(Path(app.instance_path))
    try:
        deadline = time.monotonic() + 60
        while _status(url) != 200:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert "ready on" in log.read_text()
        assert "first run" not in log.read_text()
    finally:
        _stop(process)


@pytest.mark.slow
def test_a_failed_preparation_ends_the_server_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    env = {**os.environ, "WORKBENCH_INSTANCE": str(tmp_path),
           "WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path}/a-file/db.sqlite"}
    done = subprocess.run([sys.executable, "-m", "workbench", "serve", "--no-demo", "--port",
                           str(_free_port())], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert "serving on" in done.stdout  # it had answered at once, then said why it stopped
    assert done.stderr.strip()
