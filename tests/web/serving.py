"""The real ``workbench serve`` in a subprocess, for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(instance: Path, *args: str, timeout: float = 600) -> Iterator[str]:
    """``workbench serve ARGS`` on a free port with ``instance`` as its folder; its base URL.

    Waits until ``/projects`` answers 200 (a first run aligns the demo first) and
    stops the server afterwards; a server that exits early fails with its log.
    """
    port = free_port()
    env = {**os.environ, "WORKBENCH_INSTANCE": str(instance)}
    env.pop("WORKBENCH_DATABASE_URL", None)
    log_path = instance / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "workbench", "serve", *args,
                                    "--port", str(port)], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise AssertionError("server exited: " + log_path.read_text()[-2000:])
                try:
                    with urllib.request.urlopen(f"{base}/projects", timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError("server did not start in time")
                time.sleep(0.5)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
