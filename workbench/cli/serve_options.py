"""What every process of ``workbench serve`` shares: the app from ``serve``'s options,
the listening socket, opening the browser, stopping with the parent.

The bottom of the serving modules: the command (:mod:`workbench.cli.serve_cmd`) and the
processes it starts (:mod:`~workbench.cli.serve_web`, :mod:`~workbench.cli.serve_jobs`,
:mod:`~workbench.cli.serve_waitress`) import it, it imports none of them.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
import threading
import time
import webbrowser
from typing import Any

import click


def app_config(options: dict[str, Any]) -> dict[str, Any]:
    """The Flask settings from ``serve``'s options (computed in each child process)."""
    from workbench.web.security import allowed_hosts  # the command's --help loads no Flask

    return {"ALLOWED_HOSTS": list(allowed_hosts(options["served_names"])),
            "BEHIND_PROXY": bool(options["behind_proxy"])}


def build_app(options: dict[str, Any]) -> Any:
    """The app of a serving process, configured from ``serve``'s options."""
    from workbench.web import create_app  # the command's --help loads no Flask app

    app = create_app(app_config(options))
    app.config["LOCAL_MODE"] = bool(options["local"])  # other addresses: accounts required
    return app


def listen(host: str, port: int) -> socket.socket:
    """The listening socket (inherited by the web server), or one clear line."""
    listener: socket.socket | None = None
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError as exc:
        if listener is not None:
            listener.close()
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} on {host} is already in use: stop the other "
                                       "server or choose another with --port") from None
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") \
            from None
    listener.set_inheritable(True)
    return listener


def open_in_browser(address: str) -> None:
    """Open ``address`` in the desktop's browser, only where there is a display to show it."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                  or os.environ.get("WAYLAND_DISPLAY")):
        click.echo(f"no display here: open {address} in your browser")
        return
    if not webbrowser.open(address):
        click.echo(f"open {address} in your browser")


def watch_parent(parent: int, interval: float = 1.0) -> None:
    """Stop this process (SIGTERM to itself) once ``parent`` is gone: no orphans."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="workbench-parent-watch", daemon=True).start()
