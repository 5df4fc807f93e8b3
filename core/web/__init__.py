"""The HTTP edge shared by every blueprint, one concern a module: per-request state
(``context``), who may call (``access``), versions as ETags (``versions``), ids and pages
(``paging``), problem+json (``problems``), idempotent replays (``replay``) and the request's
one transaction (``transaction``).

Views stay thin: they read the actor and the unit of work from here and call one service.
"""

from core.web.access import bearer_token, idempotent, public, roles
from core.web.context import current_actor, current_uow, runtime
from core.web.problems import FixrouteApi, problem_response
from core.web.transaction import install
from core.web.versions import etag_for, if_match_version

__all__ = [
    "FixrouteApi", "bearer_token", "current_actor", "current_uow", "etag_for", "idempotent",
    "if_match_version", "install", "problem_response", "public", "roles", "runtime",
]
