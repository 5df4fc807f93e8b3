"""The HTTP edge shared by every blueprint: one unit of work per request, auth, roles,
problem+json errors, idempotent replays and ETags.

Views stay thin: they read the actor and the unit of work from here and call one service.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

import marshmallow as ma
from flask import Flask, Response, current_app, g, request
from flask_smorest import Api
from flask_smorest import pagination as smorest_pagination
from flask_smorest.pagination import PaginationParameters
from flask_smorest.utils import prepare_response
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from core import idempotency
from core.auth import Actor, Role, actor_for_token
from core.db import UnitOfWork
from core.errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    FieldError,
    Forbidden,
    PreconditionFailed,
    Unauthorized,
    field_errors_from_webargs,
    problem_body,
    problem_from_domain,
    slug_for_status,
    status_of,
)
from core.runtime import Runtime
from core.schemas import ProblemSchema

log = logging.getLogger("fixroute.web")
View = TypeVar("View", bound=Callable[..., Any])


def runtime() -> Runtime:
    return current_app.extensions["fixroute"]


# --- decorators: every API view states who may call it -------------------------------


def roles(*allowed: Role) -> Callable[[View], View]:
    def mark(view: View) -> View:
        view._fixroute_roles = frozenset(allowed)  # type: ignore[attr-defined]
        return view

    return mark


def public(view: View) -> View:
    view._fixroute_public = True  # type: ignore[attr-defined]
    return view


def idempotent(view: View) -> View:
    """Marks a POST a phone may retry: an ``Idempotency-Key`` makes the retry a replay."""
    view._fixroute_idempotent = True  # type: ignore[attr-defined]
    return view


# --- per-request state -----------------------------------------------------------------


def current_uow() -> UnitOfWork:
    if "uow" not in g:
        g.uow = runtime().new_uow()
    return g.uow


def current_actor() -> Actor:
    actor = g.get("actor")
    if actor is None:
        raise Unauthorized("A bearer token is required.")
    return actor


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def if_match_version() -> int | None:
    """The version a client read, from ``If-Match: "7"``; None when it sent none."""
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()):  # "²".isdigit() is True, int("²") fails
        raise PreconditionFailed(
            "If-Match must be the ETag you read, like \"3\".",
            errors=[FieldError("If-Match", "Not an ETag of this resource.", "header")],
        )
    return int(value)


def etag_for(version: int) -> str:
    return f'"{version}"'


# --- ids and pagination, the same on every blueprint -----------------------------------

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` ids beyond the key column's range cannot exist: 404 before the database
    overflows on them (a 500 otherwise)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _pagination_parameters_schema(
    default_page: int, default_per_page: int, max_per_page: int
) -> type[ma.Schema]:
    """The DESIGN's ``?page=&per_page=`` instead of flask-smorest's ``page_size``."""

    class PaginationParametersSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        page = ma.fields.Integer(load_default=default_page, validate=ma.validate.Range(min=1))
        per_page = ma.fields.Integer(
            load_default=default_per_page, validate=ma.validate.Range(min=1, max=max_per_page)
        )

        @ma.post_load
        def make_paginator(self, data: dict[str, int], **_kwargs: Any) -> PaginationParameters:
            return PaginationParameters(data["page"], data["per_page"])

    return PaginationParametersSchema


# flask-smorest looks this factory up when ``@blp.paginate`` decorates a view; there is no
# setting for the parameter's name, so the one function is replaced before any view exists.
smorest_pagination._pagination_parameters_schema_factory = _pagination_parameters_schema


# --- the API object: problem+json everywhere -------------------------------------------


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


# --- request hooks ---------------------------------------------------------------------


def install(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.teardown_request(_close_request)
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(IntegrityError, integrity_error)
    app.register_error_handler(StaleDataError, integrity_error)
    app.register_error_handler(OperationalError, operational_error)
    app.register_error_handler(Exception, internal_error)


def _start_request() -> Response | None:
    g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    rt = runtime()
    if not rt.api_blueprints.intersection(request.blueprints):  # nested ones too ("workorders.orders")
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "_fixroute_public", False):
        return None
    g.actor = _resolve_actor(rt)
    _check_role(view, current_actor())
    if getattr(view, "_fixroute_idempotent", False) and "Idempotency-Key" in request.headers:
        return _claim_idempotency_key(rt, current_actor())
    return None


def _resolve_actor(rt: Runtime) -> Actor | None:
    token = bearer_token()
    if token is None:
        return None
    with rt.session_factory() as session:
        return actor_for_token(session, token, rt.clock.now())


def _check_role(view: Any, actor: Actor) -> None:
    allowed = getattr(view, "_fixroute_roles", None)
    if allowed is None:
        log.error("endpoint %s declares no roles; refusing by default", request.endpoint)
        raise Forbidden("This endpoint is not open to any role.")
    if actor.role not in allowed and actor.role is not Role.ADMIN:
        raise Forbidden(f"The {actor.role.value} role may not do this.")


def _claim_idempotency_key(rt: Runtime, actor: Actor) -> Response | None:
    key = request.headers["Idempotency-Key"]
    fingerprint = idempotency.request_fingerprint(request.method, request.path, request.get_data())
    with rt.session_factory() as session:
        stored = idempotency.claim(
            session, actor.user_id, key, fingerprint, rt.clock.now(), rt.settings["IDEMPOTENCY_TTL_S"]
        )
    if stored is None:
        g.idempotency_key = key
        return None
    response = Response(stored.body, stored.status_code, headers=stored.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _finish_request(response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "-")
    uow: UnitOfWork | None = g.get("uow")
    key: str | None = g.get("idempotency_key")
    if response.status_code >= 400:
        if uow is not None:
            uow.rollback()
        _release_key(key)
        return response
    try:
        if key is not None:
            stored = idempotency.StoredResponse(
                response.status_code, response.get_data(as_text=True),
                idempotency.stored_headers(response.headers))
            idempotency.complete(current_uow().session, current_actor().user_id, key, stored)
        if uow is not None or key is not None:
            current_uow().commit()
    except (IntegrityError, StaleDataError) as error:
        current_uow().rollback()
        _release_key(key)
        return integrity_error(error)
    except OperationalError as error:
        current_uow().rollback()
        _release_key(key)
        return operational_error(error)
    except Exception as error:  # noqa: BLE001 - any commit failure must answer as a problem
        current_uow().rollback()
        _release_key(key)
        return internal_error(error)
    return response


def _release_key(key: str | None) -> None:
    if key is None:
        return
    g.idempotency_key = None
    with runtime().session_factory() as session:
        idempotency.release(session, current_actor().user_id, key)


def _close_request(_error: BaseException | None) -> None:
    uow: UnitOfWork | None = g.pop("uow", None)
    if uow is not None:
        uow.rollback()
        uow.close()
