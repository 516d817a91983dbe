"""kill -9 of a real server during writes and jobs: nothing acknowledged is lost, nothing half.

    python -m bench.faults [--rounds 3] [--threads 8] [--kinds flags,import,align,realign]

Loopback only: each run starts ``workbench serve`` on a free port of 127.0.0.1 with a
temporary ``WORKBENCH_HOME``, seeded with one comparison. Each round kills the server --
every one of its processes (supervisor, web workers, jobs process) -- with SIGKILL at a
random moment

* ``flags``: during a burst of ``--threads`` clients posting flags (each with its own
  Idempotency-Key and a comment naming it);
* ``import``: while an aligned TSV file is imported (queued, read by a job);
* ``align``: while an alignment job of the demo texts runs (queued from outside);
* ``realign``: while a "re-align the rest" job runs;

then starts it again and checks: ``PRAGMA integrity_check`` is ok; every flag whose
POST was answered 200 is stored exactly once; unanswered flags retried with their
key after the restart are stored once (replayed, not written twice); no comparison is
half there (each is ready with every segment in a row and rows for every version, or
failed with no rows); a killed re-alignment leaves the rows exactly as they were.
Prints one line per round and a summary; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psutil

from bench.serverkit import INLINE_SEGMENTING, Client, Server, row_ids, seed, start_demo_alignment

KINDS = ("flags", "import", "align", "realign")


class WholeServer(Server):
    """A server whose ``kill`` is a ``kill -9`` of every one of its processes at once.

    ``workbench serve`` is a supervisor with a web process (pre-forked workers) and a jobs
    process; SIGKILL of the supervisor alone leaves them serving (orphans), so that a
    "crash" would lose nothing by construction. A crash of the machine or an OOM kill of
    the service takes them all: that is what is simulated here.
    """

    def kill(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        try:
            tree = [psutil.Process(self.process.pid)]
            tree += tree[0].children(recursive=True)
        except psutil.NoSuchProcess:
            tree = []
        for process in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()  # SIGKILL, no cleanup of any kind
        psutil.wait_procs(tree, timeout=30)
        self.process.wait(30)
        self.process = None


def _flag_burst(server: Server, comparison_id: int, threads: int,
                kill_after: float) -> tuple[set[str], dict[str, str]]:
    """(acknowledged keys, keys sent but not answered) of a burst killed ``kill_after``
    seconds after its first acknowledged flag."""
    acked: set[str] = set()
    unanswered: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def reviewer() -> None:
        client = Client(server.base, timeout=10)
        try:
            rows = row_ids(client.page(f"/comparisons/{comparison_id}"))
        except (OSError, RuntimeError):
            return
        while not stop.is_set():
            key = f"fault-{uuid.uuid4().hex}"
            path = f"/comparisons/{comparison_id}/rows/{random.choice(rows)}/flags"
            fields = {"category": "other", "severity": "minor", "comment": key}
            try:
                status, _body = client.post(path, fields, key=key)
            except (OSError, http.client.HTTPException):  # killed mid-answer: IncompleteRead
                with lock:
                    unanswered[key] = path
                return
            with lock:
                if status == 200:
                    acked.add(key)
                else:
                    unanswered[key] = path

    workers = [threading.Thread(target=reviewer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 30
    while not acked and time.monotonic() < deadline:  # the burst is under way
        time.sleep(0.02)
    time.sleep(kill_after)
    server.kill()
    stop.set()
    for worker in workers:
        worker.join(30)
    return acked, unanswered


def round_flags(server: Server, comparison_id: int, threads: int) -> dict[str, Any]:
    acked, unanswered = _flag_burst(server, comparison_id, threads, random.uniform(1.0, 4.0))
    integrity = server.integrity()
    server.start()
    stored = _comment_counts(server)
    lost = [k for k in acked if stored.get(k, 0) != 1]
    saved_unacked = sum(1 for k in unanswered if stored.get(k, 0))
    client = Client(server.base)
    client.page(f"/comparisons/{comparison_id}")
    for key, path in unanswered.items():  # the client's retry after the timeout: same key
        client.post(path, {"category": "other", "severity": "minor", "comment": key}, key=key)
    after_retry = _comment_counts(server)
    doubled = [k for k in unanswered if after_retry.get(k, 0) > 1]
    ok = integrity == "ok" and not lost and not doubled
    return {"ok": ok, "acknowledged": len(acked), "lost": len(lost),
            "saved_unacknowledged": saved_unacked, "retried": len(unanswered),
            "doubled_by_retry": len(doubled), "integrity": integrity}


def _comment_counts(server: Server) -> dict[str, int]:
    counts: dict[str, int] = {}
    for (comment,) in server.query("SELECT comment FROM flags WHERE comment LIKE 'fault-%'"):
        counts[comment] = counts.get(comment, 0) + 1
    return counts


def _half_comparisons(server: Server) -> list[str]:
    """Comparisons that are neither whole (ready, rows for every version) nor empty."""
    problems = []
    for cid, state in server.query("SELECT id, state FROM comparisons"):
        rows = server.query("SELECT count(*) FROM rows WHERE comparison_id = ?",
                            cid)[0][0]
        loose = server.query(
            "SELECT count(*) FROM segments s JOIN versions v ON s.version_id = v.id "
            "LEFT JOIN rows r ON s.row_id = r.id "
            "WHERE v.comparison_id = ? AND (r.id IS NULL OR r.comparison_id != ?)", cid, cid)
        if state == "ready" and (rows == 0 or loose[0][0]):
            problems.append(f"{cid}: ready with {rows} rows, {loose[0][0]} loose segments")
        if state in ("failed", "queued") and rows and not _was_ready(server, cid):
            problems.append(f"{cid}: {state} with {rows} rows")
    return problems


def _was_ready(server: Server, comparison_id: int) -> bool:
    """A failed re-alignment keeps the rows it had (that is the point)."""
    kinds = server.query("SELECT kind FROM jobs WHERE comparison_id = ?", comparison_id)
    return any(kind == "realign" for (kind,) in kinds)


def _settle(server: Server, timeout: float = 120) -> None:
    """Wait until no job is queued or running (recovered ones are failed at start-up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = server.query("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')")
        if not busy[0][0]:
            return
        time.sleep(0.5)


def _wait_running(server: Server, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.query("SELECT count(*) FROM jobs WHERE state = 'running'")[0][0]:
            return True
        time.sleep(0.05)
    return False


def _job_round(server: Server, start_job: Any, window: float) -> dict[str, Any]:
    start_job()
    running = _wait_running(server)
    jobs = server.query("SELECT id, kind, state FROM jobs ORDER BY id DESC LIMIT 1")
    time.sleep(random.uniform(0.0, window))
    server.kill()
    integrity = server.integrity()
    server.start()
    _settle(server)
    half = _half_comparisons(server)
    after = server.query("SELECT state, error FROM jobs WHERE id = ?", jobs[0][0]) if jobs \
        else []
    return {"ok": integrity == "ok" and not half, "killed_while_running": running,
            "job": [*jobs[0], *after[0]] if jobs else None, "half": half,
            "integrity": integrity}


def round_import(server: Server, lines: int) -> dict[str, Any]:
    text = "".join(f"Строка номер {i} о реке.\tLine number {i} about the river.\n"
                   for i in range(lines)).encode()

    def start() -> None:
        client = Client(server.base)
        client.page("/comparisons/import")
        client.post_file("/comparisons/import", "file", "pairs.tsv", text,
                         {"title": "Fault import"})
    return _job_round(server, start, 2.0)


def round_align(server: Server) -> dict[str, Any]:
    return _job_round(server, lambda: start_demo_alignment(server.base), 3.0)


def _rows_dump(server: Server, comparison_id: int) -> str:
    rows = server.query("SELECT id, position, status FROM rows "
                        "WHERE comparison_id = ? ORDER BY position", comparison_id)
    segments = server.query("SELECT s.id, s.row_id FROM segments s JOIN versions v "
                            "ON s.version_id = v.id WHERE v.comparison_id = ? ORDER BY s.id",
                            comparison_id)
    return json.dumps([rows, segments])


def round_realign(server: Server, comparison_id: int) -> dict[str, Any]:
    before = _rows_dump(server, comparison_id)

    def start() -> None:
        client = Client(server.base)
        client.page(f"/comparisons/{comparison_id}")
        client.post(f"/comparisons/{comparison_id}/realign", {})
    result = _job_round(server, start, 1.0)
    state = server.query("SELECT state FROM comparisons WHERE id = ?", comparison_id)[0][0]
    unchanged = _rows_dump(server, comparison_id) == before
    result["rows_kept"] = unchanged
    result["ok"] = result["ok"] and (unchanged or state == "ready")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind (10: issue)")
    parser.add_argument("--threads", type=int, default=8, help="clients in a flag burst")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--import-lines", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    random.seed(args.seed)
    kinds = [k for k in args.kinds.split(",") if k]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="wb-faults-") as folder:
        home = Path(folder)
        comparison_id = seed(home, repeat=20)
        server = WholeServer(home, env={"WORKBENCH_FLASK_REALIGN_INLINE_ROWS": "0",
                                   "WORKBENCH_FLASK_IMPORT_INLINE_BYTES": "0",
                                   **INLINE_SEGMENTING})
        print(f"server started in {server.start():.1f} s on {server.base}")
        totals = {"acknowledged": 0, "lost": 0, "saved_unacknowledged": 0,
                  "doubled_by_retry": 0}
        try:
            for kind in kinds:
                for number in range(1, args.rounds + 1):
                    if kind == "flags":
                        result = round_flags(server, comparison_id, args.threads)
                        for name in totals:
                            totals[name] += int(result[name])
                    elif kind == "import":
                        result = round_import(server, args.import_lines)
                    elif kind == "align":
                        result = round_align(server)
                    else:
                        result = round_realign(server, comparison_id)
                    failures += not result["ok"]
                    print(f"{kind} round {number}: {json.dumps(result, ensure_ascii=False)}",
                          flush=True)
        finally:
            server.stop()
    print(f"summary: {failures} failed round(s); flags {json.dumps(totals)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
