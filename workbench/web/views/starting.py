"""``/starting``: the page ``workbench serve`` shows while it prepares (first run: a minute).

``app.config["PREPARATION"]`` is the start-up state (see :mod:`workbench.cli.serve_cmd`):
its ``view()`` names the step under way. Until it is ready every request is answered
with this page (503, reloading itself every two seconds).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

bp = Blueprint("starting", __name__)

STEP_NAMES = {"starting": _l("Starting"), "database": _l("Preparing the database"),
              "model": _l("Loading the model (the first run builds it: about 20 s)"),
              "demo": _l("Aligning the demo (first run only: about a minute)")}


@bp.get("/starting")
def page() -> Any:
    """503 with the step under way (and a reload in 2 s), or the workbench once ready."""
    state = current_app.config.get("PREPARATION")
    if state is None or state.ready:
        return redirect(url_for("projects.index"))
    view = state.view()
    view["step_name"] = STEP_NAMES.get(view["step"], view["step"])
    status = 500 if view["error"] else 503
    return render_template("starting.html", **view), status, {"Retry-After": "2",
                                                              "Cache-Control": "no-store"}
