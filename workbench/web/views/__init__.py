"""One blueprint per area of the UI."""

from __future__ import annotations

from flask import Flask

from workbench.web.views import (
    actions,
    auth,
    create,
    export,
    history,
    import_aligned,
    locale,
    overview,
    progress,
    project_admin,
    projects,
    review,
    starting,
)


def register_blueprints(app: Flask) -> None:
    for module in (projects, create, import_aligned, review, actions, progress, overview, export,
                   locale, starting, history, project_admin, auth):
        app.register_blueprint(module.bp)
