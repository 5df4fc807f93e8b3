"""Customer notices: written to an outbox in the publishing transaction, sent later.

A customer hears from us only when what they were told changes: the engineer coming or the
window they come in. The last notice per work order is what the customer knows; a plan that
keeps both is silent. Sending is a separate step (the scheduler), through a sender that by
default writes to the log, so a slow mail server never holds a publish.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.db import UnitOfWork
from dispatch.models import CustomerNotice, NoticeStatus, Plan
from dispatch.snapshot import PlanningDay
from engineers import engineer_names
from workorders import PlanningWorkOrder, Status

log = logging.getLogger("fixroute.notices")
MAX_ATTEMPTS = 5


class NoticeSender(Protocol):
    def send(self, notice: CustomerNotice) -> None: ...


class LogSender:
    """The offline default: the notice goes to the log, which is where a developer looks."""

    def send(self, notice: CustomerNotice) -> None:
        log.info("notice %s to customer %s: %s", notice.id, notice.customer_id, notice.message)


def last_notice(uow: UnitOfWork, work_order_id: int) -> CustomerNotice | None:
    return uow.session.scalar(select(CustomerNotice).where(CustomerNotice.work_order_id == work_order_id)
                              .order_by(CustomerNotice.id.desc()).limit(1))


def queue_changes(uow: UnitOfWork, plan: Plan, day: PlanningDay,
                  work_orders: Sequence[PlanningWorkOrder]) -> int:
    """A notice for each customer whose engineer or window differs from the last one sent."""
    tz = ZoneInfo(day.timezone)
    names = engineer_names(uow, {w.engineer_id for w in work_orders
                                 if w.status is Status.ASSIGNED and w.engineer_id is not None})
    queued = 0
    for work_order in work_orders:
        engineer_id = work_order.engineer_id if work_order.status is Status.ASSIGNED else None
        previous = last_notice(uow, work_order.id)
        told = (previous.engineer_id, previous.window_start, previous.window_end) if previous else None
        now_true = (engineer_id, work_order.window_start, work_order.window_end)
        if told == now_true or (told is None and engineer_id is None):
            continue
        name = names.get(engineer_id) if engineer_id is not None else None
        uow.session.add(CustomerNotice(
            work_order_id=work_order.id, customer_id=work_order.customer_id, plan_id=plan.id,
            engineer_id=engineer_id, engineer_name=name, window_start=work_order.window_start,
            window_end=work_order.window_end, planned_arrival=work_order.planned_start,
            message=_message(work_order, name, tz), status=NoticeStatus.PENDING, attempts=0,
            created_at=uow.now()))
        queued += 1
    uow.session.flush()
    return queued


def _message(work_order: PlanningWorkOrder, engineer_name: str | None, tz: ZoneInfo) -> str:
    assert work_order.window_start is not None and work_order.window_end is not None
    start, end = work_order.window_start.astimezone(tz), work_order.window_end.astimezone(tz)
    when = f"{start:%Y-%m-%d} between {start:%H:%M} and {end:%H:%M}"
    if engineer_name is None:
        return (f"Your visit {work_order.number} on {when} could not be planned yet; "
                "we will call you to agree a time.")
    return f"Your visit {work_order.number}: {engineer_name} will come on {when}."


def deliver_pending(uow: UnitOfWork, sender: Any, limit: int = 200) -> int:
    """Sends the oldest pending notices; a failure is retried later, up to ``MAX_ATTEMPTS``."""
    pending = uow.session.scalars(select(CustomerNotice).where(CustomerNotice.status == NoticeStatus.PENDING)
                                  .order_by(CustomerNotice.id).limit(limit)).all()
    sent = 0
    for notice in pending:
        notice.attempts += 1
        try:
            sender.send(notice)
        except Exception:  # noqa: BLE001 - one bad address must not stop the others
            log.warning("notice %s failed (attempt %s)", notice.id, notice.attempts, exc_info=True)
            if notice.attempts >= MAX_ATTEMPTS:
                notice.status = NoticeStatus.FAILED
            continue
        notice.status, notice.sent_at = NoticeStatus.SENT, uow.now()
        sent += 1
    uow.session.flush()
    return sent


def sender_for(settings: dict[str, Any]) -> NoticeSender:
    return LogSender()
