"""``flask plan DATE [--publish]``: the whole planning round trip from a terminal.

The command is its own process, so it solves inline; it prints what a dispatcher checks first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy import select

from core.auth import Actor, Role, User
from core.cli import command_runtime, in_app
from core.clock import local_date
from core.errors import DomainError
from dispatch.planning import service
from dispatch.planning.models import RunStatus
from dispatch.planning.runs import run_plan
from dispatch.publishing.service import publish_plan


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
            result = publish_plan(uow, actor, plan_id)
            diff = result.diff
            yield (f"plan {plan_id} published: {len(diff.added)} added, {len(diff.moved)} moved, "
                   f"{len(diff.removed)} removed, {len(result.reservations)} reservations, "
                   f"{result.notices} customer notices")


@click.command("plan")
@in_app
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]), required=False)
@click.option("--publish", is_flag=True, help="Publish the plan once solved.")
@click.option("--time-limit", "time_limit_s", type=float, default=None, help="Search time in seconds.")
@click.option("--territory", default=None, help="Only this territory.")
@click.option("--as", "username", default=None,
              help="The dispatcher publishing (default: the first dispatcher or admin).")
def plan_command(day: Any, publish: bool, time_limit_s: float | None, territory: str | None,
                 username: str | None) -> None:
    """Plans DAY (default: tomorrow) here, not in a worker, and with --publish publishes it."""
    rt = command_runtime()
    service_day = day.date() if day else local_date(rt.clock.now(), ZoneInfo(rt.settings["TIMEZONE"])) \
        + timedelta(days=1)
    try:
        for line in plan_day(rt.unit_of_work, service_day, time_limit_s, territory, publish, username):
            click.echo(line)
    except LookupError as missing:
        raise click.ClickException(str(missing)) from missing
    except DomainError as refusal:
        raise click.ClickException(refusal.detail) from refusal


commands = [plan_command]
