"""The wheel is complete: built from the checkout, installed elsewhere, it serves the demo.

The wheel goes into a fresh venv that sees the development venv's dependencies
(a ``.pth`` line per site folder, so their own ``.pth`` files, the editable
install's among them, are not run): the checkout is not importable there, and
templates, static files, catalogs, migrations and the demo corpus must all come
from the installed package. ``-m "not wheel"`` deselects it.
"""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.serving import free_port
from workbench.config import PROJECT_ROOT, cache_dir, data_dir

pytestmark = [pytest.mark.wheel, pytest.mark.model, pytest.mark.slow]

START_TIMEOUT = 600  # a first run aligns the demo with the real model


def _run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                          text=True, check=False, env=_clean_env())
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point back at the checkout."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("WORKBENCH_") and key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return {**environment, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the freshly built wheel installed; its ``bin`` folder."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", work / "dist", PROJECT_ROOT, cwd=work)
    (wheel,) = (work / "dist").glob("workbench-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    bin_dir = venv / "bin"
    python = bin_dir / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                   cwd=work).strip()
    dependencies = "\n".join(site.getsitepackages()) + "\n"
    (Path(purelib) / "dev_dependencies.pth").write_text(dependencies, encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--quiet", wheel, cwd=work)
    return bin_dir


def test_the_installed_package_does_not_come_from_the_checkout(installed: Path) -> None:
    probe = ("import sys, workbench.config as c; "
             "print(c.__file__); print(c.resource_dir('templates')); print(c.corpora_dir()); "
             "import importlib.util as u; print(u.find_spec('tests'))")
    lines = _run(installed / "python", "-c", probe, cwd=installed).splitlines()
    venv = installed.parent
    assert all(Path(line).is_relative_to(venv) for line in lines[:3]), lines
    assert lines[3] == "None", "the checkout is importable from the fresh venv"


@pytest.fixture(scope="module")
def server(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``workbench serve`` from the wheel, with a fresh home (the built model linked in)."""
    home = tmp_path_factory.mktemp("home")
    (data_dir() / "models").mkdir(parents=True, exist_ok=True)
    (home / "models").symlink_to(data_dir() / "models", target_is_directory=True)
    port = free_port()
    environment = _clean_env(WORKBENCH_HOME=str(home), WORKBENCH_CACHE=str(cache_dir()))
    log_path = home / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(installed / "workbench"), "serve", "--port", str(port)],
                                   cwd=home, stdout=log, stderr=subprocess.STDOUT, env=environment)
        try:
            yield _wait_for_demo(f"http://127.0.0.1:{port}", process, log_path)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_demo(base: str, process: subprocess.Popen[bytes], log_path: Path) -> str:
    """Until ``/`` leads to the aligned demo's review page; that page's URL."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("server exited: " + log_path.read_text()[-2000:])
        try:
            with urllib.request.urlopen(f"{base}/", timeout=5) as response:
                if re.search(r"/comparisons/\d+$", response.url) and response.status == 200:
                    return str(response.url)
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError("the demo was not ready in time: " + log_path.read_text()[-2000:])


def _get(url: str, **headers: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def test_serves_the_demo_comparison(server: str) -> None:
    status, body = _get(server)
    assert status == 200
    page = body.decode("utf-8")
    assert page.count('<article id="row-') > 10
    assert "Good-Neighborly Ties" in page


def test_serves_static_files(server: str) -> None:
    base = server.split("/comparisons/")[0]
    status, body = _get(f"{base}/static/workbench.css")
    assert status == 200
    assert body == (PROJECT_ROOT / "static" / "workbench.css").read_bytes()


def test_serves_the_russian_ui(server: str) -> None:
    base = server.split("/comparisons/")[0]
    status, body = _get(f"{base}/projects", **{"Accept-Language": "ru"})
    assert status == 200
    assert "Проекты" in body.decode("utf-8")
