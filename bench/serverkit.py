"""A real ``workbench serve`` on loopback for the fault and load benchmarks, and its clients.

Only 127.0.0.1 and a free port; every server gets a temporary ``WORKBENCH_HOME`` (and
instance folder) of its own. Clients use the standard library: a cookie jar per
client, the CSRF token read from the page (``hx-headers``), an ``Idempotency-Key`` per
write as htmx sends it.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOKEN = re.compile(r'hx-headers=\'(\{[^\']*\})\'')
ROW_ID = re.compile(r'data-row-id="(\d+)"')
DRAFT = re.compile(r'name="draft" value="([^"]+)"')
INLINE_SEGMENTING = {"WORKBENCH_FLASK_INLINE_SEGMENT_CHARS": "10000000"}
"""Server environment: the demo texts are segmented in the preview request, not a job."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_stats() -> Iterator[tuple[int, list[str]]]:
    """Every process of the machine with the fields of ``/proc/<pid>/stat`` after its name
    (state, ppid, pgrp, ...)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield int(entry.name), (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue


def process_tree(root: int) -> set[int]:
    """``root`` and every process descended from it."""
    parents = {pid: int(fields[1]) for pid, fields in process_stats()}
    tree, grown = {root}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree, grown = tree | found, bool(found)
    return tree


def memory_kb(pids: Iterable[int], field: str = "Pss") -> int:
    """``field`` of ``/proc/<pid>/smaps_rollup`` summed over ``pids`` (kB): ``Rss`` counts the
    pages processes share (forked workers' common code) once per process, ``Pss`` splits them."""
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup if line.startswith(f"{field}:"))
    return total


@dataclass
class Server:
    """``workbench serve --no-demo`` in a subprocess; ``start`` again after ``kill``.

    ``workers`` None: the server's default; ``single_process``: the waitress fallback.
    """

    home: Path
    threads: int | None = None
    workers: int | None = None
    single_process: bool = False
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def instance(self) -> Path:
        return self.home / "instance"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> Path:
        return self.instance / "workbench.db"

    def start(self, timeout: float = 180) -> float:
        """Start and wait until ``/projects`` answers 200; the seconds it took."""
        environment = {**os.environ, **self.env, "WORKBENCH_HOME": str(self.home),
                       "WORKBENCH_INSTANCE": str(self.instance)}
        environment.pop("WORKBENCH_DATABASE_URL", None)
        log = (self.home / "server.log").open("ab")
        began = time.monotonic()
        options = [*(["--workers", str(self.workers)] if self.workers else []),
                   *(["--threads", str(self.threads)] if self.threads else []),
                   *(["--single-process"] if self.single_process else [])]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbench", "serve", "--no-demo", "--port", str(self.port),
             *options], stdout=log, stderr=subprocess.STDOUT,
            env=environment, start_new_session=True)  # its own group: kill() ends all of it
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + self.log_tail())
            try:
                with urllib.request.urlopen(f"{self.base}/projects", timeout=5) as answer:
                    if answer.status == 200:
                        return time.monotonic() - began
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start in time: " + self.log_tail())

    def kill(self) -> None:
        """``kill -9`` of every server process at once (supervisor, web workers, jobs): no
        cleanup of any kind, as when the machine loses power."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
        self.process = None

    def pids(self) -> list[int]:
        """The server's processes (its process group), the supervisor first."""
        if self.process is None:
            return []
        group = self.process.pid
        found = [pid for pid, fields in process_stats() if int(fields[2]) == group]  # pgrp
        return sorted(found, key=lambda pid: pid != group)

    def cpu_seconds(self) -> float:
        """CPU time used so far by all the server's processes (and their reaped children)."""
        return sum(self.cpu_by_role().values())

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds so far per kind of server process: ``web`` (the web workers and their
        master), ``jobs`` (the jobs process: the alignment job, the model) and ``other``
        (the supervisor, the single-process server)."""
        ticks = os.sysconf("SC_CLK_TCK")
        totals = {"web": 0, "jobs": 0, "other": 0}
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            role = ("web" if b"serve_web" in command else
                    "jobs" if b"serve_jobs" in command else "other")
            totals[role] += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        return {role: ticks_used / ticks for role, ticks_used in totals.items()}

    def rss_mb(self, field: str = "Rss") -> float:
        """Memory of all the server's processes together (MiB): see :func:`memory_kb`."""
        return memory_kb(self.pids(), field) / 1024

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def log_tail(self) -> str:
        path = self.home / "server.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read the database directly (read-only; the server may be running)."""
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30) as db:
            return list(db.execute(sql, args))

    def integrity(self) -> str:
        with sqlite3.connect(self.database, timeout=30) as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def seed(home: Path, repeat: int = 10) -> int:
    """A migrated instance with one comparison of 6 x ``repeat`` rows; its id."""
    os.environ["WORKBENCH_HOME"] = str(home)
    os.environ["WORKBENCH_INSTANCE"] = str(home / "instance")
    from tests.web.serving import seed_instance

    return seed_instance(home / "instance", repeat)


class Client:
    """One browser: its cookies, its CSRF token, htmx's headers."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        self.base, self.timeout = base, timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token: dict[str, str] = {}

    def get(self, path: str, htmx: bool = False) -> tuple[int, str]:
        headers = {"HX-Request": "true"} if htmx else {}
        return self._send(urllib.request.Request(self.base + path, headers=headers))

    def page(self, path: str) -> str:
        """GET a full page and keep its CSRF token."""
        status, body = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        found = TOKEN.search(body)
        if found:
            self.token = json.loads(found.group(1).replace("&#34;", '"'))
        return body

    def post(self, path: str, fields: dict[str, str], key: str | None = None,
             htmx: bool = True) -> tuple[int, str]:
        headers = {**self.token, "Content-Type": "application/x-www-form-urlencoded",
                   "Idempotency-Key": key or uuid.uuid4().hex}
        if htmx:
            headers["HX-Request"] = "true"
        data = urllib.parse.urlencode(fields).encode()
        return self._send(urllib.request.Request(self.base + path, data=data, headers=headers,
                                                 method="POST"))

    def post_file(self, path: str, name: str, filename: str, content: bytes,
                  fields: dict[str, str]) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                 .encode() for k, v in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                     + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {**self.token, "Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Idempotency-Key": uuid.uuid4().hex}
        return self._send(urllib.request.Request(self.base + path, data=body, headers=headers,
                                                 method="POST"))

    def _send(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


def row_ids(page: str) -> list[int]:
    return [int(n) for n in dict.fromkeys(ROW_ID.findall(page))]


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_demo_alignment(base: str) -> None:
    """Queue an alignment of the demo texts through the web's own path: preview, then Align."""
    from workbench.config import corpora_dir

    fields = {"title": "Demo alignment under test"}
    for number, lang in enumerate(("zh", "ru", "en"), start=1):
        path = corpora_dir() / f"sco-neighbors.{lang}.txt"
        fields |= {f"text_{number}": path.read_text(encoding="utf-8"),
                   f"label_{number}": lang, f"lang_{number}": lang}
    client = Client(base, timeout=120)
    deadline = time.monotonic() + 60  # a server still starting answers 503 (busy): wait
    while True:
        status, _body = client.get("/comparisons/new")
        if status != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    client.page("/comparisons/new")
    status, preview = client.post("/comparisons/preview", fields, htmx=False)
    while status == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
        status, preview = client.post("/comparisons/preview", fields, htmx=False)
    token = DRAFT.search(preview)
    if status != 200 or token is None:
        raise RuntimeError(f"preview: {status} {preview[:300]}")
    client.post("/comparisons/draft", {"draft": token.group(1), "op": "align"}, htmx=False)
