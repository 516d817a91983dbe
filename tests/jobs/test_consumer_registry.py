"""The consumer knows every task before it consumes (a job queued elsewhere is not dropped)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_a_fresh_consumer_registers_the_tasks(tmp_path: Path) -> None:
    """A server process that has not imported the tasks yet must still run a queued job:
    Huey drops a message whose task is not registered and the job would stay queued."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from workbench.jobs.consumer import start_consumer
        from workbench.jobs.queue import huey
        assert "workbench.jobs.tasks" not in sys.modules
        handle = start_consumer(workers=1, instance=Path({str(tmp_path)!r}),
                                database_url="sqlite:///{tmp_path / 'db.sqlite'}")
        try:
            names = set(huey._registry._registry)
        finally:
            handle.stop(timeout=5)
        print(sorted(names))
        assert "workbench.jobs.tasks.align_comparison" in names, names
        assert "workbench.jobs.tasks.import_aligned" in names, names
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
