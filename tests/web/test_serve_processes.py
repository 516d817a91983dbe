"""``workbench serve`` as processes: a supervisor, gunicorn with its workers, the jobs process.

Against the real command on a free loopback port: pages answer from several workers, a
correction made in a worker is rescored by the jobs process's model, a job submitted
through the web is done by the jobs process (the only one that loads the model), SIGTERM
leaves no process behind, and a supervisor killed with SIGKILL takes its
children with it. No speed is asserted (``python -m bench.load`` prints the figures).
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.serverkit import DRAFT, Client, process_stats
from tests.web.serving import free_port, seed_instance

RU = "Весной река поднялась. Крестьяне перегнали скот в горы. В 1998 году плотину достроили."
EN = "The river rose in spring. Farmers moved their cattle to the hills. In 1998 the dam was done."


def _children(pid: int) -> list[int]:
    return [child for child, fields in process_stats()
            if int(fields[1]) == pid and fields[0] != "Z"]


def _descendants(pid: int) -> list[int]:
    every, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            every.append(child)
            todo.append(child)
    return every


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def _loads_torch(pid: int) -> bool:
    return "libtorch" in Path(f"/proc/{pid}/maps").read_text()


def _wait(condition: object, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, int, Path]]:
    """``workbench serve --workers 2`` on a seeded instance: (process, base URL, id, log)."""
    if "WORKBENCH_DATABASE_URL" in os.environ:
        pytest.skip("WORKBENCH_DATABASE_URL is set: the seeded database would not be used")
    instance = tmp_path / "instance"
    comparison_id = seed_instance(instance, 3)
    port = free_port()
    env = {**os.environ, "WORKBENCH_INSTANCE": str(instance)}
    log = instance / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "workbench", "serve", "--no-demo", "--workers", "2",
             "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        client = Client(base)
        _wait(lambda: process.poll() is None and _status(client, "/projects") == 200,
              "server not ready: " + log.read_text()[-2000:])
        yield process, base, comparison_id, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)


def _status(client: Client, path: str) -> int | None:
    try:
        return client.get(path)[0]
    except OSError:
        return None


def _processes(supervisor: int) -> tuple[int, list[int], int]:
    """(gunicorn master, its workers, jobs process) under the supervisor."""
    children = {pid: _command(pid) for pid in _children(supervisor)}
    web = [pid for pid, command in children.items() if "serve_web" in command]
    jobs = [pid for pid, command in children.items() if "serve_jobs" in command]
    assert len(web) == 1 and len(jobs) == 1, children
    return web[0], _children(web[0]), jobs[0]


@pytest.mark.slow
@pytest.mark.model
def test_workers_answer_the_consumer_runs_jobs_and_sigterm_leaves_nothing(
        served: tuple[subprocess.Popen[bytes], str, int, Path]) -> None:
    process, base, comparison_id, log = served
    master, workers, jobs = _processes(process.pid)
    assert len(workers) == 2, workers
    client = Client(base)
    for _ in range(6):  # pages answer (whichever worker takes the connection)
        page = client.page(f"/comparisons/{comparison_id}")
        assert 'data-row-id="' in page
    # a correction rescores with the model of the jobs process: merge the first two rows
    first_row = int(re.findall(r'data-row-id="(\d+)"', page)[0])
    status, merged = client.post(f"/comparisons/{comparison_id}/rows/{first_row}/correct",
                                 {"op": "merge"})
    assert status == 200, merged[:500]
    after = client.page(f"/comparisons/{comparison_id}")
    assert len(set(re.findall(r'data-row-id="(\d+)"', after))) == \
        len(set(re.findall(r'data-row-id="(\d+)"', page))) - 1
    client.page("/comparisons/new")
    status, preview = client.post("/comparisons/preview", {
        "title": "Dam", "text_1": RU, "label_1": "ru", "lang_1": "ru", "text_2": EN,
        "label_2": "en", "lang_2": "en"}, htmx=False)
    token = DRAFT.search(preview)
    assert status == 200 and token is not None, preview[:500]
    status, _body = client.post("/comparisons/draft", {"draft": token.group(1), "op": "align"},
                                htmx=False)
    assert status == 200, _body[:500]
    database = Path(log).parent / "workbench.db"

    def job_state() -> str:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
            found = db.execute("SELECT state, error FROM jobs ORDER BY id DESC").fetchone()
        assert found is None or found[0] != "failed", found
        return str(found[0]) if found else ""

    _wait(lambda: job_state() == "done", "the job was not done: " + log.read_text()[-2000:],
          timeout=600)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        new = int(db.execute("SELECT max(id) FROM comparisons").fetchone()[0])
    assert "Farmers" in client.page(f"/comparisons/{new}")
    # the model lives in the jobs process only: pages never loaded it
    assert _loads_torch(jobs)
    assert not any(_loads_torch(pid) for pid in [master, *workers])
    every = [process.pid, *_descendants(process.pid)]
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 0, log.read_text()[-2000:]
    _wait(lambda: not any(_alive(pid) for pid in every), "processes left after SIGTERM",
          timeout=30)
    assert "Traceback" not in log.read_text()


@pytest.mark.slow
def test_a_killed_supervisor_takes_its_children_with_it(
        served: tuple[subprocess.Popen[bytes], str, int, Path]) -> None:
    process, _base, _cid, _log = served
    master, workers, jobs = _processes(process.pid)
    os.kill(process.pid, signal.SIGKILL)  # no cleanup in the supervisor at all
    process.wait(30)
    _wait(lambda: not any(_alive(pid) for pid in [master, *workers, jobs]),
          "orphans left after the supervisor was killed", timeout=60)
