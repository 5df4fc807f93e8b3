"""Customer notices: queued when what a customer was told changes, sent later.

A customer hears from us only when what they were told changes: the engineer coming or the
window they come in. The last notice per work order is what the customer knows; a change
that keeps both is silent. The facts arrive in events (a published plan names each visit it
touched); sending is a separate step (the scheduler), through a sender, so a slow mail server
never holds a publish.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from core.db import UnitOfWork
from notifications.models import CustomerNotice, NoticeStatus
from notifications.senders import NoticeSender

log = logging.getLogger("fixroute.notices")


class Visit(Protocol):
    """What the customer of one job may need telling: who comes (None: nobody yet) and when."""

    work_order_id: int
    work_order_number: str
    customer_id: int
    engineer_id: int | None
    engineer_name: str | None
    window_start: datetime | None
    window_end: datetime | None
    planned_arrival: datetime | None


def last_notice(uow: UnitOfWork, work_order_id: int) -> CustomerNotice | None:
    return uow.session.scalar(select(CustomerNotice).where(CustomerNotice.work_order_id == work_order_id)
                              .order_by(CustomerNotice.id.desc()).limit(1))


def queue_changes(uow: UnitOfWork, plan_id: int, timezone: str, visits: Iterable[Visit]) -> int:
    """A notice for each customer whose engineer or window differs from the last one sent (a
    customer never told anything hears nothing until an engineer is coming)."""
    tz = ZoneInfo(timezone)
    queued = 0
    for visit in visits:
        previous = last_notice(uow, visit.work_order_id)
        if previous is None and visit.engineer_id is None:
            continue
        if previous is not None and previous.tells(visit.engineer_id, visit.window_start, visit.window_end):
            continue
        uow.session.add(CustomerNotice(
            work_order_id=visit.work_order_id, customer_id=visit.customer_id, plan_id=plan_id,
            engineer_id=visit.engineer_id, engineer_name=visit.engineer_name,
            window_start=visit.window_start, window_end=visit.window_end,
            planned_arrival=visit.planned_arrival, message=_message(visit, tz),
            status=NoticeStatus.PENDING, attempts=0, created_at=uow.now()))
        queued += 1
    uow.session.flush()
    return queued


def _message(visit: Visit, tz: ZoneInfo) -> str:
    assert visit.window_start is not None and visit.window_end is not None
    start, end = visit.window_start.astimezone(tz), visit.window_end.astimezone(tz)
    when = f"{start:%Y-%m-%d} between {start:%H:%M} and {end:%H:%M}"
    if visit.engineer_name is None:
        return (f"Your visit {visit.work_order_number} on {when} could not be planned yet; "
                "we will call you to agree a time.")
    return f"Your visit {visit.work_order_number}: {visit.engineer_name} will come on {when}."


def notices_queued_for_plan(uow: UnitOfWork, plan_id: int) -> int:
    """How many notices a plan's publishing queued (a plan is published once)."""
    return uow.session.scalar(select(func.count()).select_from(CustomerNotice)
                              .where(CustomerNotice.plan_id == plan_id)) or 0


def deliver_pending(uow: UnitOfWork, sender: NoticeSender, limit: int = 200) -> int:
    """Sends the oldest pending notices; a failure is retried later, up to ``MAX_ATTEMPTS``."""
    pending = uow.session.scalars(select(CustomerNotice).where(CustomerNotice.status == NoticeStatus.PENDING)
                                  .order_by(CustomerNotice.id).limit(limit)).all()
    sent = 0
    for notice in pending:
        try:
            sender.send(notice)
        except Exception:  # noqa: BLE001 - one bad address must not stop the others
            notice.failed()
            log.warning("notice %s failed (attempt %s)", notice.id, notice.attempts, exc_info=True)
            continue
        notice.sent(uow.now())
        sent += 1
    uow.session.flush()
    return sent
