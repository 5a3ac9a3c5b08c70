"""schemathesis against the app's own OpenAPI spec, in-process: generated requests, valid and invalid,
to every operation (POST /articles with the key), 15 per operation so the run stays near a minute. No
response may be a 5xx, every status must be one the spec declares, every body must match its schema, and
requests that break the spec must be rejected. test_inputs adds the dates at the calendar's ends, which
generated dates rarely reach."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from overtures.server import create_app
from tests.server.conftest import API_KEY, LOCAL

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# The spec is read from an app that is never called: building the spec touches no database.
schema = schemathesis.openapi.from_dict(create_app("sqlite://").openapi())


@pytest.fixture(scope="module")
def app(corpus_url: str, services) -> Iterator[FastAPI]:  # type: ignore[no-untyped-def]
    """The app under test, over this module's copy of the corpus; its store is closed afterwards."""
    served = create_app(corpus_url, api_key=API_KEY, services=services)
    yield served
    served.state.overtures.close()


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_get_declared_answers_and_never_a_5xx(
    case: schemathesis.Case, app: FastAPI
) -> None:
    case.call_and_validate(base_url=LOCAL, app=app, headers={"X-API-Key": API_KEY}, checks=CHECKS)
