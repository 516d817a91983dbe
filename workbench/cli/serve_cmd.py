"""``workbench serve``: the review workbench on a production WSGI server (waitress).

The port answers at once: the server starts listening first and, until the
instance is prepared (database migrated, Huey consumer started, the default
model built and the ``corpora/`` demo aligned when the database has no
comparison yet), every page is a "preparing" page with the step under way
(see :mod:`workbench.cli.startup`). Serves on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import _thread
import errno
import logging
import os
import socket
import threading
from pathlib import Path
from typing import Any

import click

from workbench.cli.errors import friendly_errors
from workbench.cli.startup import Preparation, preparing_wsgi

SPARE_THREADS = 4
"""Server threads beyond ``--threads``: they answer "busy" (503) when the others are full."""


def _first_run(url: str) -> bool:
    """No comparison stored yet: the demo will be aligned (and perhaps the model built)."""
    from sqlalchemy import func, select

    from workbench.store.db import session_scope
    from workbench.store.models import Comparison

    with session_scope(url) as session:
        return not session.scalar(select(func.count()).select_from(Comparison))


def prepare_instance(app: Any, *, demo: bool, state: Preparation | None = None) -> Any:
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


class _Startup(threading.Thread):
    """Builds the app and prepares the instance while the port already answers.

    A failure is kept for :func:`serve` to report, and ends the server loop.
    """

    def __init__(self, state: Preparation, demo: bool, address: str) -> None:
        super().__init__(name="workbench-startup", daemon=True)
        self.state, self.demo, self.address = state, demo, address
        self.local = True
        self.config: dict[str, Any] = {}  # ALLOWED_HOSTS, BEHIND_PROXY from the options
        self.consumer: Any = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        from workbench.web import create_app

        try:
            app = create_app(self.config or None)
            app.config["PREPARATION"] = self.state
            app.config["LOCAL_MODE"] = self.local  # other addresses: accounts required
            self.state.app = app
            self.consumer = prepare_instance(app, demo=self.demo, state=self.state)
        except BaseException as exc:  # reported by serve() in the main thread
            self.failure = exc
            self.state.finish(error=str(exc) or exc.__class__.__name__)
            _thread.interrupt_main()  # waitress's loop ends; serve() re-raises the failure
            return
        from workbench.web.memory import freeze_startup_objects

        freeze_startup_objects()  # the model and tables stay out of the collector's way
        self.state.finish()
        click.echo(f"workbench: ready on {self.address}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (keep 127.0.0.1 unless others must reach it).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Request threads of the WSGI server.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name the workbench answers to (repeatable); loopback "
                   "names and --host are always allowed.")
@click.option("--behind-proxy", is_flag=True,
              help="Behind a TLS reverse proxy: trust its X-Forwarded-Proto/Host, Secure "
                   "cookies.")
@click.option("--no-demo", is_flag=True, help="Do not load the corpora/ demo on first run.")
@click.option("--open-browser", is_flag=True,
              help="Open the workbench in a browser once ready (when a display is present).")
@friendly_errors
def serve(host: str, port: int, threads: int, allowed_hosts: tuple[str, ...],
          behind_proxy: bool, no_demo: bool, open_browser: bool) -> None:
    """Serve the review workbench in the browser (opens on the most recent comparison).

    The port answers at once; until the instance is ready (first run: a minute) every
    page says what is being prepared.
    """
    from waitress.server import create_server

    from workbench.web.capacity import CapacityLimit
    from workbench.web.security import allowed_hosts as allowed_host_names

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("workbench").setLevel(logging.INFO)
    _refuse_open_without_accounts(host)
    _check_port(host, port)  # a busy port is one clear line, before anything slow
    os.umask(0o077)  # database, queue and instance files: readable by this user only
    state = Preparation()
    # ``threads`` requests work at once; spare threads answer 503 at once past that.
    server = create_server(CapacityLimit(preparing_wsgi(state), threads), host=host,
                           port=port, threads=threads + SPARE_THREADS, ident="workbench")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    startup = _Startup(state, not no_demo, address)
    startup.local = is_loopback_host(host)
    served_names = (*allowed_hosts, *([] if host in ("0.0.0.0", "::", "") else [host]))
    startup.config = {"ALLOWED_HOSTS": allowed_host_names(served_names),
                      "BEHIND_PROXY": behind_proxy}
    click.echo(f"workbench: serving on {address}  (Ctrl+C to stop)")
    startup.start()
    if open_browser:
        _open_browser(address)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        startup.join(timeout=0 if startup.failure else 5)
        _stop(startup.consumer)
    if startup.failure is not None:
        raise startup.failure


def _open_browser(address: str) -> None:
    """Open ``address`` in the desktop's browser, only where there is a display to show it."""
    import os
    import sys
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                  or os.environ.get("WAYLAND_DISPLAY")):
        click.echo(f"no display here: open {address} in your browser")
        return
    if not webbrowser.open(address):
        click.echo(f"open {address} in your browser")


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
