"""The request's life: resolve the caller and check the role before the view, one commit
after it (with the idempotent answer stored in the same transaction), a rollback on any
error status, and every failure of the commit itself answered as a problem."""

from __future__ import annotations

import uuid

from flask import Flask, Response, current_app, g, request
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from core.db import UnitOfWork
from core.errors import DomainError
from core.web.access import check_role, is_idempotent, is_public, resolve_actor
from core.web.context import current_actor, current_uow, runtime
from core.web.paging import IdConverter
from core.web.problems import domain_error, integrity_error, internal_error, operational_error
from core.web.replay import claim_key, release_key, store_answer


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
    if not request.blueprints or request.blueprints[-1] not in rt.api_blueprints:
        return None  # not the API (its root blueprint): pages and static files
    view = current_app.view_functions.get(request.endpoint or "")
    if is_public(view):
        return None
    g.actor = resolve_actor(rt)
    check_role(view, current_actor())
    if is_idempotent(view) and "Idempotency-Key" in request.headers:
        return claim_key(rt, current_actor())
    return None


def _finish_request(response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "-")
    uow: UnitOfWork | None = g.get("uow")
    key: str | None = g.get("idempotency_key")
    if response.status_code >= 400:
        if uow is not None:
            uow.rollback()
        _release(key)
        return response
    try:
        if key is not None:
            store_answer(current_uow(), current_actor(), key, response)
        if uow is not None or key is not None:
            current_uow().commit()
    except (IntegrityError, StaleDataError) as error:
        return _failed_commit(key, integrity_error(error))
    except OperationalError as error:
        return _failed_commit(key, operational_error(error))
    except Exception as error:  # noqa: BLE001 - any commit failure must answer as a problem
        return _failed_commit(key, internal_error(error))
    return response


def _failed_commit(key: str | None, problem: Response) -> Response:
    current_uow().rollback()
    _release(key)
    return problem


def _release(key: str | None) -> None:
    if key is not None:
        release_key(runtime(), current_actor(), key)


def _close_request(_error: BaseException | None) -> None:
    uow: UnitOfWork | None = g.pop("uow", None)
    if uow is not None:
        uow.rollback()
        uow.close()
