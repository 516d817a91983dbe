"""N simulated reviewers against a real server while an alignment job runs.

    python -m bench.load [--reviewers 50] [--seconds 30] [--think 0.5] [--threads T]
                         [--workers N | --single-process] [--baseline one-worker|single-process]
                         [--seed S]

Loopback only: ``workbench serve`` on a free port of 127.0.0.1 with a temporary
``WORKBENCH_HOME``, seeded with one comparison of ``6 x --repeat`` rows. Once the
demo texts' alignment job is queued (through the web's own preview and Align),
each reviewer (a thread with its own cookies and CSRF token) loops for
``--seconds``: read a review page (a random window), read one row as htmx does,
flag a row (Idempotency-Key and a comment naming it), then waits a random
0..2 x ``--think`` seconds (after a 503, the Retry-After second first). Prints
throughput, p50/p95/p99 per kind and overall (503s apart, as "busy"), errors
(anything but 200 and 503), busy answers (503, refused at once by the capacity
limit), lost flags (acknowledged but not stored exactly once), whether
the job finished, the server's processes and their memory together, the CPU time of the
web workers, of the jobs process and of the simulated reviewers apart, and the load
average before and after (other work on the machine shows there too). ``--seed`` fixes
what each reviewer reads and flags (reviewer ``k`` draws from ``Random(f"{seed}-{k}")``),
so that a setting chosen on one seed is reported on another.
``--baseline`` first measures another server the same way (one worker, or the
single-process waitress fallback) and prints the ratio of the two p95s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.serverkit import (
    INLINE_SEGMENTING,
    Client,
    Server,
    percentile,
    row_ids,
    seed,
    start_demo_alignment,
)


class Tally:
    """Latencies per kind of request, status counts, acknowledged flag keys."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)
        self.failures: list[str] = []
        self.acked: set[str] = set()

    def add(self, kind: str, began: float, status: int) -> None:
        elapsed = time.monotonic() - began
        with self.lock:  # a 503 is timed apart: it is the capacity limit's quick refusal
            self.seconds["busy" if status == 503 else kind].append(elapsed)
            self.statuses[status] += 1


def reviewer(base: str, comparison_id: int, rows: int, per_page: int, until: float,
             think: float, tally: Tally, rng: random.Random) -> None:
    client = Client(base, timeout=60)
    row_list: list[int] = []
    for _attempt in range(20):  # a busy server (503) says when to come back: Retry-After 1
        try:
            row_list = row_ids(client.page(f"/comparisons/{comparison_id}"))
            break
        except (OSError, RuntimeError):
            time.sleep(1.0)
    if not row_list:
        with tally.lock:
            tally.failures.append("no first page in 20 attempts")
        return
    while time.monotonic() < until:
        try:
            offset = rng.randrange(0, max(1, rows), per_page)
            began = time.monotonic()
            status, page = client.get(f"/comparisons/{comparison_id}?offset={offset}",
                                      htmx=True)
            tally.add("page", began, status)
            if status == 503:  # busy: come back after Retry-After, as a person would
                time.sleep(1.0)
                continue
            row_list = row_ids(page) or row_list
            row = rng.choice(row_list)
            began = time.monotonic()
            status, _body = client.get(f"/comparisons/{comparison_id}/rows/{row}", htmx=True)
            tally.add("row", began, status)
            if status == 503:
                time.sleep(1.0)
                continue
            key = f"load-{uuid.uuid4().hex}"
            began = time.monotonic()
            status, _body = client.post(f"/comparisons/{comparison_id}/rows/{row}/flags",
                                        {"category": "other", "severity": "minor",
                                         "comment": key, "offset": str(offset)}, key=key)
            tally.add("flag", began, status)
            if status == 200:
                with tally.lock:
                    tally.acked.add(key)
        except OSError as exc:
            with tally.lock:
                tally.failures.append(f"{type(exc).__name__}: {exc}")
        time.sleep(rng.uniform(0, 2 * think))


def _line(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"  {name:8} n={len(ms):6}  p50={percentile(ms, 0.5):7.1f} ms  "
            f"p95={percentile(ms, 0.95):7.1f} ms  p99={percentile(ms, 0.99):7.1f} ms")


def run_load(args: argparse.Namespace, workers: int | None, single: bool) -> dict[str, Any]:
    """One server, one load run: the figures of :func:`report`."""
    with tempfile.TemporaryDirectory(prefix="wb-load-") as folder:
        home = Path(folder)
        comparison_id = seed(home, repeat=args.repeat)
        server = Server(home, threads=args.threads, workers=workers, single_process=single,
                        env=dict(INLINE_SEGMENTING))
        server.start()
        try:
            if not args.no_job:
                start_demo_alignment(server.base)
            load_before = os.getloadavg()
            cpu_before = server.cpu_by_role()
            client_cpu_before = time.process_time()
            tally = Tally()
            began = time.monotonic()
            until = began + args.seconds
            threads = [threading.Thread(target=reviewer, args=(
                server.base, comparison_id, 6 * args.repeat, 50, until, args.think, tally,
                random.Random(f"{args.seed}-{k}")))
                for k in range(args.reviewers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - began
            load_after = os.getloadavg()
            client_cpu = time.process_time() - client_cpu_before
            cpu_after = server.cpu_by_role()
            cpu_roles = {role: cpu_after[role] - cpu_before[role] for role in cpu_after}
            cpu = sum(cpu_roles.values())
            rss, pss = server.rss_mb(), server.rss_mb("Pss")
            processes = len(server.pids())
            stored: dict[str, int] = defaultdict(int)
            for (comment,) in server.query(
                    "SELECT comment FROM flags WHERE comment LIKE 'load-%'"):
                stored[comment] += 1
            jobs = server.query("SELECT kind, state, percent FROM jobs ORDER BY id")
            integrity = server.integrity()
        finally:
            server.stop()
    name = ("single process (waitress)" if single else
            f"{workers or 'default'} worker(s)")
    return {"name": name, "tally": tally, "elapsed": elapsed, "stored": stored, "jobs": jobs,
            "integrity": integrity, "load": (load_before, load_after), "rss": rss, "pss": pss,
            "cpu": cpu, "cpu_roles": cpu_roles, "client_cpu": client_cpu,
            "processes": processes}


def report(args: argparse.Namespace, run: dict[str, Any]) -> tuple[float, int, int, int]:
    """Print one run; (p95 of every answer in ms, errors, lost flags, client failures)."""
    tally: Tally = run["tally"]
    elapsed = run["elapsed"]
    every = [s for values in tally.seconds.values() for s in values]
    answered = [s for kind, values in tally.seconds.items() if kind != "busy" for s in values]
    errors = sum(n for status, n in tally.statuses.items() if status not in (200, 503))
    lost = sum(1 for key in tally.acked if run["stored"].get(key) != 1)
    print(f"== {run['name']}: {args.reviewers} reviewers for {elapsed:.1f} s "
          f"(think {args.think} s), {args.threads or 'default'} threads per worker, "
          f"{6 * args.repeat} rows, seed {args.seed}, "
          f"{run['processes']} server processes, memory at the end: RSS {run['rss']:.0f} MiB "
          f"(PSS {run['pss']:.0f} MiB)")
    print(f"throughput: {len(every) / elapsed:.1f} requests/s "
          f"({len(tally.acked) / elapsed:.1f} flags/s acknowledged)")
    print(f"server CPU: {run['cpu']:.1f} s in {elapsed:.1f} s (the alignment job included), "
          f"{1000 * run['cpu'] / max(1, len(answered)):.1f} ms per answered request: "
          "what the machine's load does not change")
    roles = run["cpu_roles"]
    print(f"  of which web workers {roles['web']:.1f} s "
          f"({1000 * roles['web'] / max(1, len(answered)):.1f} ms per answered request), "
          f"jobs process {roles['jobs']:.1f} s, other {roles['other']:.1f} s; "
          f"the {args.reviewers} simulated reviewers (this process) {run['client_cpu']:.1f} s")
    for kind in ("page", "row", "flag", "busy"):
        print(_line(kind, tally.seconds.get(kind, [])))
    print(_line("all 200", answered))
    print(_line("all", every))
    print(f"statuses: {dict(sorted(tally.statuses.items()))}; errors: {errors}; "
          f"busy (503): {tally.statuses.get(503, 0)}; client failures: "
          f"{len(tally.failures)} {tally.failures[:3]}")
    print(f"flags acknowledged: {len(tally.acked)}, lost: {lost}; integrity: {run['integrity']}")
    print(f"jobs: {run['jobs']}")
    before, after = run["load"]
    print("load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
        *before, *after))
    return percentile([v * 1000 for v in every], 0.95), errors, lost, len(tally.failures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean pause between a reviewer's actions, seconds")
    parser.add_argument("--threads", type=int, default=None,
                        help="workbench serve --threads (default: the server's)")
    parser.add_argument("--workers", type=int, default=None,
                        help="workbench serve --workers (default: the server's)")
    parser.add_argument("--single-process", action="store_true",
                        help="the waitress fallback (one process) instead of workers")
    parser.add_argument("--baseline", choices=("none", "one-worker", "single-process"),
                        default="none", help="first run this server, then the chosen one, "
                                             "and print the ratio of their p95")
    parser.add_argument("--repeat", type=int, default=50, help="rows: 6 x repeat")
    parser.add_argument("--no-job", action="store_true", help="no alignment job meanwhile")
    parser.add_argument("--seed", type=int, default=1,
                        help="the reviewers' choices (tune on one seed, report on another)")
    args = parser.parse_args(argv)
    runs = []
    if args.baseline != "none":
        runs.append(run_load(args, 1 if args.baseline == "one-worker" else None,
                             args.baseline == "single-process"))
    runs.append(run_load(args, args.workers, args.single_process))
    failed = False
    figures = []
    for run in runs:
        p95, errors, lost, failures = report(args, run)
        figures.append(p95)
        failed = failed or bool(errors or lost or failures)
    if len(figures) == 2:
        print(f"p95 of every answer: {runs[0]['name']} {figures[0]:.0f} ms -> "
              f"{runs[1]['name']} {figures[1]:.0f} ms ({figures[0] / figures[1]:.1f}x)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
