"""Idempotent replays: a write sent again with the same ``Idempotency-Key`` gets the first
answer back and changes nothing (a phone retrying a tap it never saw answered)."""

from __future__ import annotations

from flask import Response, g, request

from core import idempotency
from core.auth import Actor
from core.db import UnitOfWork
from core.runtime import Runtime


def claim_key(rt: Runtime, actor: Actor) -> Response | None:
    """The stored first answer, or None once this request owns the key (``g.idempotency_key``)."""
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


def store_answer(uow: UnitOfWork, actor: Actor, key: str, response: Response) -> None:
    """Kept in the request's own transaction: the answer lands exactly when the work does."""
    stored = idempotency.StoredResponse(
        response.status_code, response.get_data(as_text=True), idempotency.stored_headers(response.headers))
    idempotency.complete(uow.session, actor.user_id, key, stored)


def release_key(rt: Runtime, actor: Actor, key: str | None) -> None:
    """The work failed: the key is free for the retry that will come."""
    if key is None:
        return
    g.idempotency_key = None
    with rt.session_factory() as session:
        idempotency.release(session, actor.user_id, key)
