"""``workbench serve --single-process``: one process, waitress, the job consumer in threads.

The fallback for systems without ``fork`` (gunicorn is Unix only): pages and jobs share
one Python interpreter lock, so it serves far fewer pages at once than the default
(about 16 review pages a second here against several times that with workers).
"""

from __future__ import annotations

import _thread
import threading
from typing import Any

import click

from workbench.cli.serve_jobs import prepare_instance
from workbench.cli.serve_options import build_app, listen, open_in_browser
from workbench.cli.startup import Preparation, preparing_wsgi

SPARE_THREADS = 4
"""Server threads beyond ``--threads``: they answer "busy" (503) when the others are full."""


class _Startup(threading.Thread):
    """Builds the app and prepares the instance while the port already answers.

    A failure is kept for :func:`serve_single` to report, and ends the server loop.
    """

    def __init__(self, state: Preparation, options: dict[str, Any], *, demo: bool,
                 address: str) -> None:
        super().__init__(name="workbench-startup", daemon=True)
        self.state, self.options = state, options
        self.demo, self.address = demo, address
        self.consumer: Any = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            app = build_app(self.options)
            app.config["PREPARATION"] = self.state
            self.state.app = app
            self.consumer = prepare_instance(app, demo=self.demo, state=self.state)
        except BaseException as exc:  # reported by serve_single() in the main thread
            self.failure = exc
            self.state.finish(error=str(exc) or exc.__class__.__name__)
            _thread.interrupt_main()  # waitress's loop ends; serve_single() re-raises it
            return
        from workbench.web.memory import freeze_startup_objects

        freeze_startup_objects()  # the model and tables stay out of the collector's way
        self.state.finish()
        click.echo(f"workbench: ready on {self.address}")


def serve_single(host: str, port: int, threads: int, options: dict[str, Any], *, demo: bool,
                 address: str, open_browser: bool) -> None:
    """Serve until Ctrl+C / SIGTERM in this process."""
    import signal

    from waitress.server import create_server

    from workbench.web.capacity import CapacityLimit

    listen(host, port).close()  # a busy port is one clear line, before anything slow
    state = Preparation()
    # ``threads`` requests work at once; spare threads answer 503 at once past that.
    server = create_server(CapacityLimit(preparing_wsgi(state), threads), host=host,
                           port=port, threads=threads + SPARE_THREADS, ident="workbench")
    startup = _Startup(state, options, demo=demo, address=address)
    click.echo(f"workbench: serving on {address}  (Ctrl+C to stop)")
    signal.signal(signal.SIGTERM, lambda *_: _thread.interrupt_main())
    startup.start()
    if open_browser:
        open_in_browser(address)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        startup.join(timeout=0 if startup.failure else 5)
        stop = getattr(startup.consumer, "stop", None)
        if callable(stop):
            stop()
    if startup.failure is not None:
        raise startup.failure
