"""Server CPU per request of a reviewer's cycle, with the rendered-row cache off and on.

    python -m bench.page_cost [--cycles 60] [--repeat 50]

The cycle ``bench.load``'s reviewers repeat (a review page at a random window as htmx
asks for it, one row, a flag on it), through the Flask test client on a seeded
comparison of ``6 x --repeat`` rows: CPU milliseconds per request (the process's CPU
time, which other work on the machine does not change), first with the row cache off
(templates reloading: every row rendered afresh), then on, in the same process and on the
same windows, and their ratio. The flags written change rows as they would under load.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROW_ID = re.compile(r'data-row-id="(\d+)"')
HX = {"HX-Request": "true"}


def cycle(client: Any, comparison_id: int, rows: int, rng: random.Random) -> list[float]:
    """CPU ms of the page, the row and the flag."""
    offset = rng.randrange(0, rows, 50)
    spent = []
    began = time.process_time()
    page = client.get(f"/comparisons/{comparison_id}?offset={offset}", headers=HX)
    spent.append(time.process_time() - began)
    row = rng.choice(ROW_ID.findall(page.get_data(as_text=True)))
    began = time.process_time()
    assert client.get(f"/comparisons/{comparison_id}/rows/{row}", headers=HX).status_code == 200
    spent.append(time.process_time() - began)
    key = uuid.uuid4().hex
    began = time.process_time()
    answer = client.post(f"/comparisons/{comparison_id}/rows/{row}/flags",
                         data={"category": "other", "severity": "minor", "comment": key,
                               "offset": str(offset)}, headers={**HX, "Idempotency-Key": key})
    spent.append(time.process_time() - began)
    assert page.status_code == answer.status_code == 200
    return [1000 * s for s in spent]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=50, help="rows: 6 x repeat")
    args = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="wb-page-cost-"))
    os.environ["WORKBENCH_HOME"] = str(home)
    os.environ["WORKBENCH_INSTANCE"] = str(home / "instance")
    from tests.web.serving import seed_instance
    from workbench.web import create_app

    comparison_id = seed_instance(home / "instance", args.repeat)
    app = create_app({"INSTANCE_PATH": str(home / "instance"), "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    medians = {}
    for name, reload in (("row cache off", True), ("row cache on", False)):
        app.jinja_env.auto_reload = reload
        rng = random.Random(7)  # the same windows and rows both times
        for _ in range(5):
            cycle(client, comparison_id, 6 * args.repeat, rng)
        spent = [cycle(client, comparison_id, 6 * args.repeat, rng) for _ in range(args.cycles)]
        medians[name] = [statistics.median(s[k] for s in spent) for k in range(3)]
        page, row, flag = medians[name]
        print(f"{name:14s} CPU median: page {page:5.1f} ms, row {row:5.1f} ms, "
              f"flag {flag:5.1f} ms, cycle {page + row + flag:5.1f} ms")
    off, on = sum(medians["row cache off"]), sum(medians["row cache on"])
    print(f"cycle CPU {off:.1f} -> {on:.1f} ms ({off / on:.2f}x); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs ({6 * args.repeat} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
