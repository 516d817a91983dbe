"""The JSON API under ``/api/v1`` (flask-smorest): same layer as :mod:`workbench.web`.

It calls :mod:`workbench.review`, :mod:`workbench.jobs`, :mod:`workbench.pipeline` and
:mod:`workbench.export`; errors are RFC 9457 problem details; the OpenAPI 3.1 document
is served at ``/api/v1/openapi.json`` and rendered at ``/api/v1/docs``.
"""

from __future__ import annotations

import http
from typing import Any

from flask import Flask
from flask_smorest import Api
from flask_smorest.spec import prepare_response

from workbench.api.problems import PROBLEM_JSON
from workbench.api.responses import Problem

OPENAPI_VERSION = "3.1.0"
EXTENSION_KEY = "workbench_api"


class WorkbenchApi(Api):
    """flask-smorest's Api with problem details: its errors are documented as
    ``application/problem+json`` and handled on the API's blueprints, not app-wide."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self) -> None:
        """Nothing app-wide: :func:`register_problem_handlers` covers the API blueprints."""

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not 100 <= status < 200 and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "A problem (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", default, lazy=True)


def _spec_options() -> dict[str, Any]:
    return {
        "info": {"description": "The translation-comparison workbench for scripts. Errors are "
                                "RFC 9457 problem details (application/problem+json)."},
        "components": {"securitySchemes": {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "A token from `workbench tokens add USER` (not needed in local "
                           "single-user mode)."}}},
        "security": [{}, {"bearerAuth": []}],
    }


def setup_api(app: Flask) -> None:
    """Register the API blueprints and their document; CSRF-exempt (see :mod:`.auth`)."""
    from workbench.api import (  # noqa: F401  (their routes join the blueprints)
        views_create,
        views_export,
        views_meta,
        views_read,
        views_review,
    )
    from workbench.api.auth import register_rules
    from workbench.api.blueprint import ID, IdConverter, bp, id_schema, meta_bp
    from workbench.web.security import csrf

    app.url_map.converters[ID] = IdConverter
    api = WorkbenchApi(app, spec_kwargs={
        "title": "Workbench API", "version": "1", "openapi_version": OPENAPI_VERSION,
        **_spec_options()})
    api.register_converter(IdConverter, id_schema)
    for blueprint in (bp, meta_bp):
        csrf.exempt(blueprint)
    api.register_blueprint(bp)
    app.register_blueprint(meta_bp)
    app.extensions[EXTENSION_KEY] = api
    register_rules()


__all__ = ["OPENAPI_VERSION", "WorkbenchApi", "setup_api"]
