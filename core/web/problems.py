"""Every error as RFC 9457 problem+json: domain errors by the table in ``core.errors``,
flask-smorest's own 404/405/422, database refusals, and anything unexpected (a 500 with a
request id, logged; nothing saved)."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from flask import Response, g
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core.errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    field_errors_from_webargs,
    problem_body,
    problem_from_domain,
    slug_for_status,
    status_of,
)
from core.schemas import ProblemSchema

log = logging.getLogger("fixroute.web")


class FixrouteApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        """Like flask-smorest's, but every error response is documented as problem+json."""
        for status in HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Problem details (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response("DEFAULT_ERROR", default, lazy=True)

    def register_blueprint(self, blp: Any, **options: Any) -> None:
        super().register_blueprint(blp, **options)
        self._app.extensions["fixroute"].api_blueprints.add(blp.name)

    def handle_http_exception(self, error: HTTPException) -> Response:
        status = error.code or 500
        data = getattr(error, "data", None) or {}
        errors = field_errors_from_webargs(data.get("messages", {})) if "messages" in data else []
        headers = dict(data.get("headers") or {})
        allow = dict(error.get_headers()).get("Allow")
        if allow:
            headers["Allow"] = allow
        if status >= 500:
            return internal_error(error)
        detail = "Some fields are invalid." if errors else error.description
        body = problem_body(status, slug_for_status(status), error.name, detail, errors)
        return problem_response(body, headers)


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps(body), body["status"], mimetype=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def domain_error(error: DomainError) -> Response:
    headers = {}
    if "retry_after_s" in error.context:
        headers["Retry-After"] = str(error.context["retry_after_s"])
    if status_of(error) == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(problem_from_domain(error), headers)


def internal_error(error: BaseException) -> Response:
    request_id = g.get("request_id", "-")
    log.error("unhandled error in request %s", request_id, exc_info=error)
    body = problem_body(500, "internal-error", "Internal server error",
                        "Something went wrong on our side; nothing was saved.", request_id=request_id)
    return problem_response(body)


def integrity_error(error: IntegrityError | StaleDataError) -> Response:
    log.info("write refused by the database in request %s: %s", g.get("request_id"), error)
    body = problem_body(409, "conflict", "Conflicts with the current state",
                        "Another change got there first or a unique value is taken; nothing was saved.")
    return problem_response(body)


# PostgreSQL's serialization failure and deadlock; SQLite's busy timeout running out.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})


def is_transient(error: BaseException) -> bool:
    """A write that lost a race with another transaction: nothing was saved, and the same
    request sent again will most likely go through."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)


def operational_error(error: OperationalError) -> Response:
    if not is_transient(error):
        return internal_error(error)
    log.warning("transient database conflict in request %s: %s", g.get("request_id"), error.orig)
    body = problem_body(409, "concurrent-update", "Another change got in the way",
                        "The database refused this change because of a simultaneous one; nothing was "
                        "saved. Send the same request again.")
    response = problem_response(body)
    response.headers["Retry-After"] = "1"
    return response
