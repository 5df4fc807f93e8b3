"""``flask plan DATE [--publish]``: the whole planning round trip from a terminal.

The command is its own process, so it solves inline; it prints what a dispatcher checks first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import select

from core.auth import Actor, Role, User
from dispatch import publish, service
from dispatch.models import RunStatus
from dispatch.runs import run_plan


def office_actor(uow: Any, username: str | None) -> Actor:
    office = User.role.in_((Role.DISPATCHER, Role.ADMIN))
    stmt = select(User).where(office).order_by(User.role != Role.DISPATCHER, User.id)
    if username is not None:
        stmt = select(User).where(User.username == username, office)
    user = uow.session.scalars(stmt.limit(1)).first()
    if user is None:
        raise LookupError(f"No dispatcher or admin user {username or ''} to publish as.".replace("  ", " "))
    return Actor(user.id, user.username, user.role)


def plan_day(new_uow: Any, day: date, time_limit_s: float | None, territory: str | None, publish_it: bool,
             username: str | None) -> Iterator[str]:
    with new_uow() as uow:
        actor = office_actor(uow, username) if publish_it else None
        plan_id = service.request_plan(uow, actor, day, time_limit_s, territory).id
    yield f"plan {plan_id} for {day.isoformat()}: solving…"
    run_plan(new_uow, plan_id)
    with new_uow() as uow:
        plan = service.get_plan(uow, plan_id)
        if plan.run_status is not RunStatus.DONE:
            yield f"plan {plan_id} {plan.run_status.value}: {plan.error or ''}".rstrip()
            raise LookupError(f"plan {plan_id} did not finish")
        yield (f"plan {plan_id}: {plan.served} of {plan.job_count} jobs served by "
               f"{len(plan.routes)} engineers, "
               f"{plan.distance_m / 1000:.1f} km, {plan.overtime_s // 60} min overtime, "
               f"{len(plan.unassigned)} unassigned")
        reasons: dict[str, int] = {}
        for item in plan.unassigned:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        for reason, count in sorted(reasons.items()):
            yield f"  unassigned {reason}: {count}"
    if publish_it:
        with new_uow() as uow:
            result = publish.publish_plan(uow, actor, plan_id)
            diff = result.diff
            yield (f"plan {plan_id} published: {len(diff.added)} added, {len(diff.moved)} moved, "
                   f"{len(diff.removed)} removed, {len(result.reservations)} reservations, "
                   f"{result.notices} customer notices")
