"""The work-order package's scheduled work: the complaint sweep (escalate what is still open
4 hours before its due time, flag what passed it unanswered). Safe to run twice: each case
escalates once per round and is flagged once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import UnitOfWork
from core.scheduling import ScheduledJob, in_one_unit
from workorders import events
from workorders.complaints.models import ESCALATE_BEFORE_DUE, UNANSWERED, Complaint, EscalationReason

SWEEP_EVERY_S = 60


def sweep_complaints(uow: UnitOfWork) -> dict[str, int]:
    now = uow.now()
    due_soon = (Complaint.escalated_at.is_(None) & (Complaint.due_at <= now + ESCALATE_BEFORE_DUE)) \
        | (Complaint.breached_at.is_(None) & (Complaint.due_at <= now))
    escalated = breached = 0
    for complaint in uow.session.scalars(select(Complaint).where(
            Complaint.status.in_(list(UNANSWERED)), due_soon).order_by(Complaint.id)):
        if complaint.needs_escalation(now):
            complaint.escalate(EscalationReason.DUE_SOON, None, now,
                               "Still open 4 hours before its due time.")
            uow.publish(events.ComplaintEscalated(complaint.id, EscalationReason.DUE_SOON.value))
            escalated += 1
        breached += complaint.mark_breached(now)
    uow.session.flush()
    return {"escalated": escalated, "breached": breached}


def scheduled(settings: dict[str, Any]) -> list[ScheduledJob]:
    return [ScheduledJob("sweep-complaints", in_one_unit(sweep_complaints), every_s=SWEEP_EVERY_S)]
