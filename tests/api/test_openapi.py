"""The published contract: a valid OpenAPI document, and no endpoint open by accident."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

PUBLIC_OPERATIONS = {("POST", "/api/v1/auth/login")}


def _operations(spec: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_openapi_document_is_valid(client: FlaskClient) -> None:
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    validate(answer.json)


def test_every_api_view_declares_its_roles(app: Flask) -> None:
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint.split(".")[0] in app.extensions["fixroute"].api_blueprints
        and not getattr(view, "_fixroute_roles", None)
        and not getattr(view, "_fixroute_public", False)
    ]
    assert undeclared == []


def test_every_operation_but_login_needs_a_token(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    operations = _operations(spec)
    assert len(operations) > 2
    for method, path in operations:
        if (method, path) in PUBLIC_OPERATIONS:
            continue
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        answer = client.open(concrete, method=method, json={})
        assert answer.status_code == 401, (method, path, answer.status_code)
        assert answer.content_type == "application/problem+json"


@pytest.mark.parametrize("status", ["401", "403", "404", "409", "412", "422", "429"])
def test_error_responses_are_documented_as_problem_json(client: FlaskClient, status: str) -> None:
    spec = client.get("/api/v1/openapi.json").json
    response = spec["components"]["responses"]["DEFAULT_ERROR"]
    assert "application/problem+json" in response["content"]


def test_the_root_page_says_where_the_api_is(client: FlaskClient) -> None:
    answer = client.get("/")
    assert answer.status_code == 200
    assert b"/api/v1/openapi.json" in answer.data
    answer.close()
