"""``workbench serve``: the review workbench on gunicorn, with the job consumer beside it.

This process only supervises. It binds the port first (it answers at once), then
starts two children: the web server (:mod:`workbench.cli.serve_web`: gunicorn,
``--workers`` pre-forked processes) and the jobs process
(:mod:`workbench.cli.serve_jobs`: prepares the instance -- database migrated, the
default model built and the ``corpora/`` demo aligned on a first run -- then runs the
Huey consumer). Until the instance is ready every page is a "preparing" page with the
step under way (see :mod:`workbench.cli.startup`). SIGTERM or SIGINT (Ctrl+C) stops
both children; either one ending stops the other; children whose supervisor is killed
stop within a second. Serves on 127.0.0.1 unless told otherwise.

``--single-process`` keeps the former server (waitress, consumer threads in the same
process) for systems without ``fork`` (gunicorn needs a Unix).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from workbench.cli.errors import friendly_errors
from workbench.cli.serve_options import listen, open_in_browser

STOP_WAIT = 15.0
"""Seconds the children get to stop after SIGTERM before they are killed."""


def default_workers() -> int:
    """One web worker per core plus one (pages are CPU work; a spare covers I/O waits)."""
    return min(8, (os.cpu_count() or 1) + 1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(1, 32), default=None,
              help="Web worker processes (default: cores + 1).")
@click.option("--threads", type=click.IntRange(1, 64), default=None,
              help="Requests each worker works on at once (default 4; --single-process: 8); "
                   "past workers x threads in flight the server answers 503 (busy) at once.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name the workbench answers to (repeatable); loopback "
                   "names and --host are always allowed.")
@click.option("--behind-proxy", is_flag=True,
              help="Behind a TLS reverse proxy: trust its X-Forwarded-Proto/Host, Secure "
                   "cookies.")
@click.option("--no-demo", is_flag=True, help="Do not load the corpora/ demo on first run.")
@click.option("--open-browser", is_flag=True,
              help="Open the workbench in a browser once ready (when a display is present).")
@click.option("--single-process", is_flag=True,
              help="One process (waitress, jobs in threads): for systems without fork.")
@friendly_errors
def serve(host: str, port: int, workers: int | None, threads: int | None,
          allowed_hosts: tuple[str, ...], behind_proxy: bool, no_demo: bool,
          open_browser: bool, single_process: bool) -> None:
    """Serve the review workbench in the browser (opens on the most recent comparison).

    The port answers at once; until the instance is ready (first run: a minute) every
    page says what is being prepared.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("workbench").setLevel(logging.INFO)
    _refuse_open_without_accounts(host)
    os.umask(0o077)  # database, queue and instance files: readable by this user only
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    options = {"served_names": [*allowed_hosts, *([] if host in ("0.0.0.0", "::", "")
                                                  else [host])],
               "behind_proxy": behind_proxy, "local": is_loopback_host(host)}
    if single_process or not hasattr(os, "fork"):
        from workbench.cli.serve_waitress import serve_single

        serve_single(host, port, threads or 8, options, demo=not no_demo, address=address,
                     open_browser=open_browser)
        return
    listener = listen(host, port)  # a busy port is one clear line, before anything slow
    click.echo(f"workbench: serving on {address}  (Ctrl+C to stop)")
    code = _supervise(listener, options, demo=not no_demo, address=address,
                      workers=workers or default_workers(), threads=threads or 4,
                      open_browser=open_browser)
    if code:
        raise SystemExit(code)


def _supervise(listener: socket.socket, options: dict[str, Any], *, demo: bool, address: str,
               workers: int, threads: int, open_browser: bool) -> int:
    """Run the web and jobs processes until a signal or until one of them ends.

    The web server starts first: it makes the instance folder and its secret key before
    forking its workers; the jobs process starts once it has (the start-up state file
    appears), so that no two processes race to create them.
    """
    from workbench.cli.startup import SharedPreparation

    stopping: list[int] = []

    def request_stop(signum: int, _frame: Any) -> None:
        stopping.append(signum)

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGTERM, signal.SIGINT)}
    children: dict[str, subprocess.Popen[bytes]] = {}
    folder = tempfile.mkdtemp(prefix="workbench-serve-")
    state_path = Path(folder) / "state.json"
    from workbench.cli.serve_encoder import KEY_VARIABLE

    options = {**options, "encoder_socket": str(Path(folder) / "encoder.sock")}
    try:
        environment = {**os.environ, "PYTHONUNBUFFERED": "1",
                       KEY_VARIABLE: secrets.token_hex(32)}  # not on a command line
        common = ["--state", str(state_path), "--options", json.dumps(options)]
        children["web"] = subprocess.Popen(
            [sys.executable, "-m", "workbench.cli.serve_web", "--fd", str(listener.fileno()),
             "--workers", str(workers), "--threads", str(threads), *common],
            pass_fds=(listener.fileno(),), env=environment)
        listener.close()  # the web server has it now
        opened = not open_browser
        while not stopping:
            ended = {name: child.returncode for name, child in children.items()
                     if child.poll() is not None}
            if ended:
                return _stopped_early(ended, children)
            if "jobs" not in children and state_path.exists():
                children["jobs"] = subprocess.Popen(
                    [sys.executable, "-m", "workbench.cli.serve_jobs", *common, "--address",
                     address, *([] if demo else ["--no-demo"])], env=_jobs_environment(environment))
            if not opened and SharedPreparation(state_path).ready:
                open_in_browser(address)
                opened = True
            time.sleep(0.1)
        return 0
    finally:
        _stop_children(children)
        shutil.rmtree(folder, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _jobs_environment(environment: dict[str, str]) -> dict[str, str]:
    """The jobs process leaves the pages a core: its model uses the others (at least one),
    and its OpenMP threads sleep between operations instead of spinning on a shared core.
    Either can be set by whoever starts the server."""
    from workbench.config import MODEL_THREADS_VARIABLE, available_cores

    return {MODEL_THREADS_VARIABLE: str(max(1, available_cores() - 1)),
            "OMP_WAIT_POLICY": "PASSIVE", **environment}


def _stopped_early(ended: dict[str, int], children: dict[str, Any]) -> int:
    """A child ended by itself: say so (the jobs process already said why) and stop."""
    if ended.get("jobs") == 0 and "web" not in ended:
        return 0
    if "web" in ended:
        click.echo(f"workbench: the web server stopped (exit status {ended['web']})", err=True)
    return 1


def _stop_children(children: dict[str, subprocess.Popen[bytes]]) -> None:
    """SIGTERM to every child still running, then SIGKILL after ``STOP_WAIT`` seconds."""
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT
    for child in children.values():
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: only this machine can connect."""
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _refuse_open_without_accounts(host: str) -> None:
    """Any address but loopback needs accounts: others could reach the port."""
    if is_loopback_host(host):
        return
    from sqlalchemy import inspect, select

    from workbench.store.db import database_url, session_scope
    from workbench.store.models import UserModel

    url = database_url()
    with session_scope(url) as session:
        has_table = inspect(session.connection()).has_table(UserModel.__tablename__)
        accounts = has_table and session.scalar(select(UserModel.id).limit(1)) is not None
    if not accounts:
        raise click.ClickException(
            f"refusing to serve on {host} without accounts: anyone reaching the port could read "
            "and change every project. Create one first with `workbench users add NAME --admin` "
            "(or serve on 127.0.0.1)")


