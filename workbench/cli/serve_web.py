"""The web half of ``workbench serve``: gunicorn with pre-forked worker processes.

Started by :mod:`workbench.cli.serve_cmd` with the listening socket already bound
(``--fd``). The master process makes the instance folder and its secret key (so that no
two workers race to create them), writes the start-up state file, loads the language
tools of the drift checks once (shared by the workers, copy-on-write), and forks the
workers; it builds no app (no database connection or thread can cross a fork). Each
worker answers at once with a bare "starting" page while it builds its own app in a
thread, then the "preparing" page until the jobs process says the instance is ready
(:class:`workbench.cli.startup.SharedPreparation`), then the app -- all behind the
capacity limit, whose in-flight count the workers share.

No model is loaded here: pages do not need one, and a correction that rescores rows asks
the jobs process for its vectors (:mod:`workbench.cli.serve_encoder`).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from workbench.cli.serve_options import app_config, build_app, watch_parent
from workbench.cli.startup import SharedPreparation, preparing_wsgi

WORKER_BOOT_ERROR = 3  # gunicorn.arbiter.Arbiter.WORKER_BOOT_ERROR
SPARE_THREADS = 4
"""Threads per worker beyond ``--threads``: they answer "busy" (503) when the others are full."""


class _Slots:
    """Which capacity slot each live worker has (kept by the gunicorn master)."""

    def __init__(self, count: int) -> None:
        self.counts = multiprocessing.RawArray("i", count)  # shared with every forked worker
        self.free = list(range(count))
        self.mine: int | None = None  # set in a worker after the fork

    def claim(self) -> int:
        slot = self.free.pop(0)
        self.counts[slot] = 0
        return slot

    def release(self, slot: int | None) -> None:
        if slot is not None:
            self.counts[slot] = 0  # a worker killed mid-request leaves no phantom request
            self.free.append(slot)


def _busy_texts(app: Any) -> dict[str, tuple[str, str]]:
    """The busy page's title and message in every UI language, from the app's catalogs."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    texts = {}
    with app.test_request_context("/"):
        for lang in app.config["LANGUAGES"]:
            with force_locale(lang):
                texts[lang] = (_("The workbench is busy"),
                               _("The workbench is busy right now: nothing was changed. "
                                 "Try again in a moment."))
    return texts


def prepare_folder(options: dict[str, Any]) -> None:
    """The instance folder, its secret key and private modes: once, before any worker."""
    from flask import Flask

    from workbench.web.settings import instance_path, setup_config

    config = app_config(options)
    setup_config(Flask("workbench", instance_path=str(instance_path(config)),
                       instance_relative_config=True), config)


class WorkbenchServer(BaseApplication):
    """gunicorn, configured in code: no config file, no GUNICORN_CMD_ARGS."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.serve_options: dict[str, Any] = json.loads(options.options)
        self.slots = _Slots(2 * options.workers + 2)
        super().__init__()

    def load_config(self) -> None:
        opts = self.options
        settings: dict[str, Any] = {
            "bind": [f"fd://{opts.fd}"], "workers": opts.workers, "worker_class": "gthread",
            "threads": opts.threads + SPARE_THREADS, "graceful_timeout": 10, "timeout": 300,
            "keepalive": 5, "loglevel": "warning", "accesslog": None,
            # X-Forwarded-*: only the app's ProxyFix under --behind-proxy trusts them
            "forwarded_allow_ips": "", "proc_name": "workbench-web",
            "pre_fork": self._pre_fork, "post_fork": self._post_fork,
            "child_exit": self._child_exit, "when_ready": self._when_ready,
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def _pre_fork(self, server: Any, worker: Any) -> None:
        worker.capacity_slot = self.slots.claim()

    def _post_fork(self, server: Any, worker: Any) -> None:
        from workbench.store.db import dispose_engines

        dispose_engines()  # the master's engine (never connected) is not this worker's
        self.slots.mine = worker.capacity_slot

    def _child_exit(self, server: Any, worker: Any) -> None:
        self.slots.release(getattr(worker, "capacity_slot", None))

    def _when_ready(self, server: Any) -> None:
        watch_parent(os.getppid())

    def load(self) -> Callable[..., Iterable[bytes]]:
        """In each worker: the capacity limit around the preparing page; the app meanwhile."""
        from workbench.web.capacity import CapacityLimit, SharedCounter

        state = SharedPreparation(Path(self.options.state))
        assert self.slots.mine is not None
        limited = CapacityLimit(preparing_wsgi(state), self.options.threads * self.options.workers,
                                counter=SharedCounter(self.slots.counts, self.slots.mine,
                                                      own_limit=self.options.threads))
        threading.Thread(target=self._build, args=(state, limited), daemon=True,
                         name="workbench-app").start()
        return limited

    def _build(self, state: SharedPreparation, limited: Any) -> None:
        from workbench.web.capacity import busy_pages
        from workbench.web.memory import freeze_startup_objects

        try:
            app = build_app(self.serve_options)
            app.config["PREPARATION"] = state
            if app.config.get("ENCODER") is None and self.serve_options.get("encoder_socket"):
                from workbench.cli.serve_encoder import RemoteEncoder

                # corrections rescore with the jobs process's model: none loaded here
                app.config["ENCODER"] = RemoteEncoder(self.serve_options["encoder_socket"])
            limited.pages = busy_pages(_busy_texts(app))
        except Exception as exc:  # the bare "starting" page stays; say why once
            print(f"workbench: a web worker could not build the app: {exc}", file=sys.stderr,
                  flush=True)
            os._exit(WORKER_BOOT_ERROR)  # gunicorn then stops instead of forking it again
        state.app = app
        freeze_startup_objects()


WARM_TEXTS = (("zh", "1998年大坝建成。农民把牛赶到山上。"),
              ("ru", "В 1998 году плотину достроили. Крестьяне перегнали скот в горы."),
              ("en", "In 1998 the dam was finished. Farmers moved their cattle to the hills."))


def warm_language_tools() -> None:
    """Load what a correction's drift check needs (sentence splitters, jieba, natasha,
    pymorphy3, the detectors' tables: about 380 MB) in the master, before the workers are
    forked: a worker otherwise spends seconds on them in its first reviewer's correction,
    and holds a copy of its own. A three-sentence comparison with the deterministic fake
    encoder (no model here; the results are thrown away)."""
    from workbench import pipeline
    from workbench.nlp.embed.fake import FakeEncoder

    try:
        pipeline.compare([pipeline.VersionInput(label=lang, text=text, lang=lang)
                          for lang, text in WARM_TEXTS], FakeEncoder(), chain=["zh", "ru", "en"])
    except Exception as exc:  # a warm-up only: the first correction will load them instead
        print(f"workbench: warming the language tools failed: {exc}", file=sys.stderr,
              flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbench-web")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--options", required=True)
    options = parser.parse_args(argv)
    server = WorkbenchServer(options)
    try:
        prepare_folder(server.serve_options)
    except (OSError, ValueError) as exc:
        print(f"workbench: cannot prepare the instance folder: {exc}", file=sys.stderr)
        return 1
    SharedPreparation(Path(options.state)).begin("starting")  # the jobs process may start
    # Loaded once here and shared by every forked worker (copy-on-write, frozen out of the
    # collector): a worker's first correction then finds them ready, at no memory per worker.
    warm_language_tools()
    from workbench.web.memory import freeze_startup_objects

    freeze_startup_objects()
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
