"""Per-request state: the app's runtime, the request's unit of work, the caller."""

from __future__ import annotations

from flask import current_app, g

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import Unauthorized
from core.runtime import Runtime


def runtime() -> Runtime:
    return current_app.extensions["fixroute"]


def current_uow() -> UnitOfWork:
    """One unit of work per request, opened on first use, committed by ``transaction``."""
    if "uow" not in g:
        g.uow = runtime().new_uow()
    return g.uow


def current_actor() -> Actor:
    actor = g.get("actor")
    if actor is None:
        raise Unauthorized("A bearer token is required.")
    return actor
