"""Contract: schemathesis generates requests from the served OpenAPI document and checks
that no answer is a 5xx and every answer conforms to the document (status, media type,
headers, body schema). Some path ids are mapped onto objects that exist, so that the
operations are exercised past their 404s; alignment jobs are queued, not run (no model).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import API
from tests.web.conftest import build_comparison, save

REVIEWED, QUEUED, TO_REALIGN = 1, 2, 3  # comparisons the fixture makes, in this order
ROW_IDS = range(1, 13)  # the rows of REVIEWED: build_comparison(repeat=2)
SIGNAL, SIGNAL_TO_REMOVE = 1, 2  # its two number signals


def _known(path: str, method: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """The parameters with every id pointing at an object the fixture made."""
    known = dict(parameters)
    if "comparison_id" in known:
        known["comparison_id"] = (QUEUED if "/job" in path else
                                  TO_REALIGN if path.endswith("/realign") else REVIEWED)
    if "project_id" in known:
        known["project_id"] = 1
    if "row_id" in known:
        known["row_id"] = ROW_IDS[int(known["row_id"]) % len(ROW_IDS)]
    if "flag_id" in known:
        removes = method == "DELETE" and not path.endswith("/dismissal")
        known["flag_id"] = SIGNAL_TO_REMOVE if removes else SIGNAL
    return known


@pytest.fixture()
def api_schema(app: Flask) -> Any:
    from workbench.jobs import configure_queue, enqueue_alignment
    from workbench.pipeline import VersionInput
    from workbench.store import session_scope

    configure_queue(None, immediate=False)  # creating comparisons queues jobs nobody runs
    assert save(app, build_comparison(repeat=2)) == REVIEWED
    with session_scope(app.config["DATABASE_URL"]) as session:
        queued = enqueue_alignment(session, 1, [VersionInput("en", "One.", "en"),
                                                VersionInput("ru", "Один.", "ru")])
        assert queued.comparison_id == QUEUED
    assert save(app, build_comparison()) == TO_REALIGN
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", app)

    @schema.hook("flatmap_path_parameters")
    def sometimes_existing(context: Any, parameters: dict[str, Any]) -> Any:
        if not parameters:
            return st.just(parameters)
        operation = context.operation
        known = _known(operation.path, operation.method.upper(), parameters)
        return st.sampled_from([parameters, known, known])

    return schema


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
EXAMPLES = 12  # per operation: the whole run stays well under a minute


LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}  # local single-user mode, as `workbench serve` runs


def _run(operation: Any, statuses: set[int], examples: int,
         headers: dict[str, str] | None = None) -> None:
    """One operation's bounded hypothesis run; the statuses it answered go to ``statuses``."""

    @given(operation.as_strategy())
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def conforms(case: Any) -> None:
        response = case.call_and_validate(checks=CHECKS, environ_base=LOOPBACK, headers=headers)
        statuses.add(response.status_code)

    conforms()


def _run_all(schema: Any, examples: int,
             headers: dict[str, str] | None = None) -> dict[str, set[int]]:
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    answered: dict[str, set[int]] = {}
    for operation in operations:
        name = f"{operation.method.upper()} {operation.path}"
        _run(operation, answered.setdefault(name, set()), examples, headers)
    return answered


def test_api_conforms_to_its_document(api_schema: Any) -> None:
    """Every operation of the document, each with its own bounded hypothesis run, in local
    single-user mode. (Driven by hand rather than by schemathesis' pytest plugin, which does
    not load under this pytest.) Each operation must also answer something besides a
    refusal, and most must succeed sometimes, or the run would prove little."""
    answered = _run_all(api_schema, EXAMPLES)
    assert not [name for name, seen in answered.items() if seen <= {401, 403}], answered
    succeeded = [name for name, seen in answered.items() if any(s < 300 for s in seen)]
    assert len(succeeded) >= len(answered) * 3 // 4, answered


def test_api_with_accounts_conforms_too(app: Flask, api_schema: Any) -> None:
    """With accounts, a reviewer's token: the access check's refusals (404 for the project
    the reviewer is not in, 401 without a token) conform as well."""
    from tests.web.test_accounts import add_member, add_user
    from workbench.review.accounts import create_token
    from workbench.store import session_scope

    add_user(app, "rita")
    add_member(app, 1, "rita", "reviewer")  # the project of REVIEWED and QUEUED, not TO_REALIGN
    with session_scope(app.config["DATABASE_URL"]) as session:
        _info, token = create_token(session, "rita")
    answered = _run_all(api_schema, EXAMPLES // 3, {"Authorization": f"Bearer {token}"})
    assert 404 in answered[f"POST {API}/comparisons/{{comparison_id}}/realign"], answered
    assert 200 in answered[f"GET {API}/comparisons/{{comparison_id}}/rows"], answered
    anonymous = _run_all(api_schema, 1)
    assert {s for seen in anonymous.values() for s in seen} <= {401, 404, 405, 422}, anonymous
