"""The layer contract (``[tool.importlinter]`` in ``pyproject.toml``) holds for the code.

``lint-imports`` checks every import, those inside functions and under
``TYPE_CHECKING`` included; a second test plants an upward import in a copy of
the package and checks that the contract catches it (so the first cannot pass
by checking nothing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from workbench.config import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the ``workbench`` package found first in ``root``."""
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache",
                           str(PROJECT_ROOT / "pyproject.toml")], cwd=root, env=environment,
                          capture_output=True, text=True, check=False)


def test_every_import_keeps_the_layer_contract() -> None:
    done = _lint(PROJECT_ROOT)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout and "KEPT" in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "workbench"
    shutil.copytree(PROJECT_ROOT / "workbench", copy,
                    ignore=shutil.ignore_patterns("__pycache__", "_data"))
    (copy / "store" / "planted.py").write_text(
        "from __future__ import annotations\n\nfrom workbench.pipeline import compare\n",
        encoding="utf-8")
    (copy / "nlp" / "align" / "planted.py").write_text(
        "from __future__ import annotations\n\nimport flask\n", encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "workbench.store.planted -> workbench.pipeline" in done.stdout
    assert "workbench.nlp.align.planted -> flask" in done.stdout
