"""Who may call a view: every API view states it with a decorator, and the request hook
checks the bearer token's user against it before the view runs (no declaration, no access)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import request

from core.auth import Actor, Role, actor_for_token
from core.errors import Forbidden
from core.runtime import Runtime

log = logging.getLogger("fixroute.web")
View = TypeVar("View", bound=Callable[..., Any])


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


def is_public(view: Any) -> bool:
    return getattr(view, "_fixroute_public", False)


def is_idempotent(view: Any) -> bool:
    return getattr(view, "_fixroute_idempotent", False)


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def resolve_actor(rt: Runtime) -> Actor | None:
    token = bearer_token()
    if token is None:
        return None
    with rt.session_factory() as session:
        return actor_for_token(session, token, rt.clock.now())


def check_role(view: Any, actor: Actor) -> None:
    allowed = getattr(view, "_fixroute_roles", None)
    if allowed is None:
        log.error("endpoint %s declares no roles; refusing by default", request.endpoint)
        raise Forbidden("This endpoint is not open to any role.")
    if actor.role not in allowed and actor.role is not Role.ADMIN:
        raise Forbidden(f"The {actor.role.value} role may not do this.")
