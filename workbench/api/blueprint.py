"""The API's blueprints: ``api`` (documented operations) and ``api_meta`` (document, page).

View arguments are named ``project_id``, ``comparison_id``, ``row_id`` and ``flag_id``, as
in the web UI, so that the central ownership check applies to the API too. ``ID`` bounds
them (by their digits, so that a larger or zero id matches no route and gets the API's
404, not the web UI's) to the store's integer range.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask import Blueprint as FlaskBlueprint
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter

from workbench.api.auth import as_problem, guard_csrf
from workbench.api.problems import register_problem_handlers

PREFIX = "/api/v1"
ID = "api_id"
MAX_ID = 10**18 - 1


class IdConverter(IntegerConverter):
    """1 .. 10**18 - 1 (within SQLite's and PostgreSQL's 64-bit integers), no leading zero."""

    regex = r"[1-9]\d{0,17}"


def id_schema(_converter: Any) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class MultipartParser(FlaskParser):
    """webargs with a ``multipart`` location: the form's fields and its files in one schema
    (flask-smorest documents one request body per operation)."""

    __location_map__ = {  # noqa: RUF012  (webargs reads it as a class attribute)
        **FlaskParser.__location_map__, "multipart": "load_multipart"}

    def load_multipart(self, req: Any, schema: Any) -> Any:
        combined = MultiDict([*req.form.items(multi=True), *req.files.items(multi=True)])
        return self._makeproxy(combined, schema)


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING: ClassVar[dict[str, str]] = {
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING, "multipart": "multipart/form-data"}


bp = ApiBlueprint("api", __name__, url_prefix=PREFIX,
               description="Comparisons, alignment jobs, rows and their review, export, check.")
meta_bp = FlaskBlueprint("api_meta", __name__, url_prefix=PREFIX)
bp.before_request(guard_csrf)
for _blueprint in (bp, meta_bp):
    register_problem_handlers(_blueprint)
    _blueprint.after_request(as_problem)
