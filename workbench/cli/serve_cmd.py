"""``workbench serve``: the review workbench on a production WSGI server (waitress).

Start-up order: migrate the database, start the Huey consumer in this process,
load the ``corpora/`` demo (aligned) if the database has no comparison yet, then
serve on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path
from typing import Any

import click

from workbench.cli.errors import friendly_errors


def prepare_instance(app: Any, *, demo: bool) -> Any:
    """Migrate, start the job consumer, load the demo; the consumer handle (stop it at exit)."""
    from workbench.jobs import ensure_demo, start_consumer
    from workbench.store.db import session_scope
    from workbench.store.migrate import upgrade_database

    url = app.config["DATABASE_URL"]
    upgrade_database(url)
    consumer = start_consumer(workers=1, instance=Path(app.instance_path), database_url=url)
    if demo:
        with session_scope(url) as session:
            ensure_demo(session)
    return consumer


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Request threads of the WSGI server.")
@click.option("--no-demo", is_flag=True, help="Do not load the corpora/ demo on first run.")
@friendly_errors
def serve(host: str, port: int, threads: int, no_demo: bool) -> None:
    """Serve the review workbench in the browser (opens on the most recent comparison)."""
    from waitress.server import create_server

    from workbench.web import create_app

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("workbench").setLevel(logging.INFO)
    app = create_app()
    _check_port(host, port)  # a busy port is reported before a minute of demo alignment
    server = create_server(app, host=host, port=port, threads=threads, ident="workbench")
    if not no_demo:
        click.echo("preparing the database and the demo (first run aligns it: a minute)…")
    try:
        consumer = prepare_instance(app, demo=not no_demo)
    except BaseException:
        server.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"workbench: serving on http://{shown}:{port}/  (Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        _stop(consumer)


def _check_port(host: str, port: int) -> None:
    """One clear line when ``host:port`` cannot be listened on (busy, or no such address)."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does
            probe.bind(address)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is already in use: stop the other "
                                       "server or choose another with --port") from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") \
            from None


def _stop(consumer: Any) -> None:
    stop = getattr(consumer, "stop", None)
    if callable(stop):
        stop()
