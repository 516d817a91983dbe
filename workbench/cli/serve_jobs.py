"""The jobs half of ``workbench serve``: prepares the instance, then runs the Huey consumer.

A process of its own (started and stopped by :mod:`workbench.cli.serve_cmd`), so that
alignments do not share a Python interpreter lock with the pages, and it runs at a
lower CPU priority than the web workers: a reviewer's page comes before a background
job. Steps (written to the shared start-up state that the web workers read): migrate
the database, start the consumer (jobs a killed server left "running" become failed),
and on a first run build the model and align the demo. Then it waits for SIGTERM or
SIGINT, lets a running task finish for a few seconds, and exits.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from workbench.cli.serve_options import build_app, watch_parent
from workbench.cli.startup import SharedPreparation

JOB_NICENESS = 5
"""Added to this process's nice value: pages first, jobs with the CPU left over."""
STOP_TIMEOUT = 8.0
"""Seconds a running task gets to finish at shutdown (it is marked failed otherwise)."""


def _first_run(url: str) -> bool:
    """No comparison stored yet: the demo will be aligned (and perhaps the model built)."""
    from sqlalchemy import func, select

    from workbench.store.db import session_scope
    from workbench.store.models import Comparison

    with session_scope(url) as session:
        return not session.scalar(select(func.count()).select_from(Comparison))


def prepare_instance(app: Any, *, demo: bool, state: Any = None) -> Any:
    """Migrate, start the job consumer, load the demo; the consumer handle (stop it at exit).

    ``state`` is told each step (the preparing page shows it).
    """
    from workbench.jobs import ensure_demo, start_consumer
    from workbench.store.db import session_scope
    from workbench.store.migrate import upgrade_database

    def step(name: str) -> None:
        if state is not None:
            state.begin(name)

    url = app.config["DATABASE_URL"]
    step("database")
    upgrade_database(url)
    consumer = start_consumer(workers=1, instance=Path(app.instance_path), database_url=url)
    if demo and _first_run(url):
        from workbench.nlp.embed import get_encoder

        click.echo("first run: building the model and aligning the demo (about a minute)…")
        step("model")
        encoder = get_encoder()
        step("demo")
        with session_scope(url) as session:
            ensure_demo(session, encoder)
    return consumer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbench-jobs")
    parser.add_argument("--state", required=True)
    parser.add_argument("--options", required=True)
    parser.add_argument("--address", default="")
    parser.add_argument("--no-demo", action="store_true")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    watch_parent(os.getppid())
    with contextlib.suppress(OSError):
        os.nice(JOB_NICENESS)
    state = SharedPreparation(Path(options.state))
    consumer = None
    try:
        app = build_app(json.loads(options.options))
        consumer = prepare_instance(app, demo=not options.no_demo, state=state)
    except Exception as exc:  # one line for the person who started the server
        message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        state.finish(error=message)
        click.echo(f"workbench: could not prepare the instance: {message}", err=True)
        return 1
    service = None
    serve_options = json.loads(options.options)
    if serve_options.get("encoder_socket"):
        from workbench.cli.serve_encoder import EncoderService

        service = EncoderService(serve_options["encoder_socket"])  # for the web workers
        service.start()
    from workbench.web.memory import freeze_startup_objects

    freeze_startup_objects()
    state.finish()
    click.echo(f"workbench: ready on {options.address}")
    stop.wait()
    if service is not None:
        service.close()
    consumer.stop(timeout=STOP_TIMEOUT)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # a task thread still running after the timeout does not hold the exit
