"""Server time of the JSON API reading a 1,000-row page of rows (goal: p95 <= 150 ms).

    python -m bench.api_rows [--rows 2000] [--repeat 50]

Builds a zh/ru/en comparison of ``--rows`` aligned rows from the ``corpora/`` demo
texts (as :mod:`bench.review_page` does: scores and drift signals spread along it),
saves it in a temporary SQLite database, then times ``GET /api/v1/comparisons/ID/rows``
with ``limit=1000`` through the Flask test client (in process: routing, the queries,
the marshmallow dump and JSON; no network). Also a page deep in the document and the
flagged filter. Local single-user mode, as ``workbench serve`` runs on this machine.
Figures are noisy when other work shares the CPU; CPU time leaves out waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.review_page import build_comparison, p95


def time_page(client: Any, url: str, repeat: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU ms per request after a warm-up, and the rows the page held."""
    first = client.get(url)
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}: {first.get_data(as_text=True)}")
    rows = len(first.get_json()["rows"])
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        response.get_data()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return wall, cpu, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    if options.rows < 1000:
        raise SystemExit("--rows: the page read is 1,000 rows, so at least 1000")

    from workbench.store import create_project, save_comparison, session_scope, upgrade_database
    from workbench.web import create_app
    from workbench.web.memory import freeze_startup_objects

    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp) / "instance"
        os.environ["WORKBENCH_INSTANCE"] = str(instance)
        app = create_app({"INSTANCE_PATH": str(instance)})
        url = app.config["DATABASE_URL"]
        upgrade_database(url)
        started = time.perf_counter()
        comparison = build_comparison(options.rows)
        with session_scope(url) as session:
            comparison_id = save_comparison(session, create_project(session, "Bench"),
                                            comparison, title=comparison.record.title)
        print(f"built and saved {options.rows} rows in {time.perf_counter() - started:.1f} s; "
              f"{options.repeat} requests each (server time via the test client)")
        client = app.test_client()
        client.get(f"/api/v1/comparisons/{comparison_id}/rows?limit=1")  # load what a page needs
        freeze_startup_objects()  # as `workbench serve` does once it is ready
        rows = f"/api/v1/comparisons/{comparison_id}/rows"
        deep = options.rows - 1000
        cases = [("first 1,000 rows", f"{rows}?limit=1000"),
                 (f"1,000 rows from {deep}", f"{rows}?offset={deep}&limit=1000"),
                 ("flagged, limit 1,000", f"{rows}?filter=flagged&limit=1000")]
        print(f"  {'':24s} {'rows':>5s} {'wall p50':>9s} {'wall p95':>9s} {'CPU p50':>8s} "
              f"{'CPU p95':>8s}")
        headline = 0.0
        for index, (name, target) in enumerate(cases):
            wall, cpu, count = time_page(client, target, options.repeat)
            if index == 0:
                headline = p95(wall)
            print(f"  {name:24s} {count:5d} {statistics.median(wall):6.1f} ms "
                  f"{p95(wall):6.1f} ms {statistics.median(cpu):5.1f} ms {p95(cpu):5.1f} ms")
        verdict = "meets" if headline <= 150 else "MISSES"
        load = os.getloadavg()
        print(f"1,000-row page: wall p95 {headline:.1f} ms ({verdict} the goal p95 <= 150 ms); "
              f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
