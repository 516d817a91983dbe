"""What the central access check costs per request, and what a login costs.

    python -m bench.access [--repeat 200]

Saves the web tests' six-row comparison in a temporary SQLite database and times,
through the Flask test client (server time, no network), the review page and a
single-row partial: as the local user (no accounts: the hook only checks that none
exists and resolves the URL's ids), and logged in as a reviewer who is a member of
the project (session, timeouts, roles, every ORM query filtered to the user's
projects). Also the argon2id verification of a login. Noisy when other work shares
the CPU: compare the two columns, taken side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def _times(client: Any, url: str, repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = client.get(url, headers={"HX-Request": "true"} if "/rows/" in url else {})
        found.append(time.perf_counter() - start)
        assert answer.status_code == 200, (url, answer.status_code)
    return found


def _line(name: str, local: list[float], account: list[float]) -> str:
    def ms(values: list[float], q: float) -> float:
        return 1000 * statistics.quantiles(values, n=100)[int(q) - 1]

    return (f"{name:<22} local p50 {ms(local, 50):6.1f} ms  p95 {ms(local, 95):6.1f} ms   "
            f"account p50 {ms(account, 50):6.1f} ms  p95 {ms(account, 95):6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WORKBENCH_INSTANCE"] = str(Path(folder) / "instance")
        os.environ["WORKBENCH_CACHE"] = str(Path(folder) / "cache")
        os.environ.pop("WORKBENCH_DATABASE_URL", None)
        from tests.web.conftest import build_comparison, save
        from workbench.nlp.embed.fake import FakeEncoder
        from workbench.review.accounts import authenticate, create_user
        from workbench.review.members import share_project
        from workbench.store import dispose_engines, session_scope, upgrade_database
        from workbench.store.models import AlignmentRow, Comparison
        from workbench.web import create_app

        app = create_app({"INSTANCE_PATH": os.environ["WORKBENCH_INSTANCE"], "TESTING": True,
                          "WTF_CSRF_ENABLED": False, "ENCODER": FakeEncoder()})
        url = app.config["DATABASE_URL"]
        upgrade_database(url)
        comparison_id = save(app, build_comparison())
        with session_scope(url) as session:
            row_id = session.query(AlignmentRow.id).filter_by(
                comparison_id=comparison_id).limit(1).scalar()
        pages = {"review page": f"/comparisons/{comparison_id}",
                 "one row (partial)": f"/comparisons/{comparison_id}/rows/{row_id}"}
        client = app.test_client()
        local = {name: _times(client, page, options.repeat) for name, page in pages.items()}
        with session_scope(url) as session:
            create_user(session, "rita", "a long password")
            project_id = session.get(Comparison, comparison_id).project_id  # type: ignore[union-attr]
            share_project(session, project_id, "rita", "reviewer")
        client = app.test_client()
        assert client.post("/login", data={"username": "rita", "password": "a long password"}
                           ).status_code == 303
        account = {name: _times(client, page, options.repeat) for name, page in pages.items()}
        for name in pages:
            print(_line(name, local[name], account[name]))
        logins = []
        with session_scope(url) as session:
            for _ in range(10):
                start = time.perf_counter()
                assert authenticate(session, "rita", "a long password") is not None
                logins.append(time.perf_counter() - start)
        print(f"login (argon2id verify) median {1000 * statistics.median(logins):.0f} ms "
              f"over {len(logins)}")
        print(f"load average {os.getloadavg()[0]:.1f}")
        dispose_engines()


if __name__ == "__main__":
    main()
