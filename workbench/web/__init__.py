"""The review workbench in the browser: the Flask application factory.

``create_app`` is a flat list of ``setup_*`` calls, one concern per module
(configuration, database session, i18n, security, templating, errors), then one
blueprint per area of the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from workbench.config import resource_dir
from workbench.web.db import setup_db
from workbench.web.extensions import htmx
from workbench.web.i18n import setup_i18n
from workbench.web.settings import instance_path, setup_config


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the instance config, then ``test_config`` overrides."""
    # imported here, not above: a serving process imports web.settings, web.capacity and
    # web.memory to answer at once (the preparing page); the views, API and jobs load here
    from workbench.api import setup_api
    from workbench.web.account_setup import setup_accounts
    from workbench.web.errors import setup_errors
    from workbench.web.idempotency import setup_idempotency
    from workbench.web.security import setup_security
    from workbench.web.templating import setup_templating
    from workbench.web.views import register_blueprints

    app = Flask(
        __name__,
        instance_path=str(instance_path(test_config)),
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    setup_config(app, test_config)
    htmx.init_app(app)
    setup_db(app)
    setup_i18n(app)
    setup_security(app)
    setup_templating(app)
    setup_errors(app)
    register_blueprints(app)
    setup_api(app)  # the JSON API under /api/v1 (its own error handling)
    setup_accounts(app)  # after the blueprints: it wraps the login view in its rate limit
    setup_idempotency(app)  # after access control: a refused request claims no key
    return app


__all__ = ["create_app", "htmx"]
