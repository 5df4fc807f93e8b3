"""What the desk must act on now, as a read others call: the customer loop's ``/alerts``
lists these next to its own clocks (each carries its owner, so alerts can go to the right person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from core.db import UnitOfWork
from workorders.complaints.models import UNANSWERED, Complaint, ComplaintStatus
from workorders.requests.models import RequestStatus, ServiceRequest

CALL_BACK_DUE = "call_back_due"  # a request's agreed call-back time has come
COMPLAINT_ESCALATED = "complaint_escalated"  # for the supervisors
COMPLAINT_BREACHED = "complaint_breached"  # flagged until the customer confirms


@dataclass(frozen=True)
class DeskReminder:
    kind: str
    record: str  # "service_request" or "complaint"
    record_id: int
    number: str
    customer_id: int
    owner_user_id: int | None
    at: datetime  # when it became due (the call-back time, the escalation, the due time)


def desk_reminders(uow: UnitOfWork, now: datetime) -> list[DeskReminder]:
    """Call-backs due, complaints escalated and still unanswered, complaints breached; oldest first."""
    found = [DeskReminder(CALL_BACK_DUE, "service_request", r.id, r.number, r.customer_id, r.owner_user_id,
                          r.callback_at)
             for r in uow.session.execute(
                 select(ServiceRequest.id, ServiceRequest.number, ServiceRequest.customer_id,
                        ServiceRequest.owner_user_id, ServiceRequest.callback_at)
                 .where(ServiceRequest.status == RequestStatus.OPEN, ServiceRequest.callback_at <= now))]
    complaints = uow.session.execute(
        select(Complaint.id, Complaint.number, Complaint.customer_id, Complaint.owner_user_id,
               Complaint.status, Complaint.escalated_at, Complaint.breached_at)
        .where(Complaint.status != ComplaintStatus.CONFIRMED,
               Complaint.escalated_at.is_not(None) | Complaint.breached_at.is_not(None)))
    for c in complaints:
        if c.escalated_at is not None and c.status in UNANSWERED:
            found.append(DeskReminder(COMPLAINT_ESCALATED, "complaint", c.id, c.number, c.customer_id,
                                      c.owner_user_id, c.escalated_at))
        if c.breached_at is not None:
            found.append(DeskReminder(COMPLAINT_BREACHED, "complaint", c.id, c.number, c.customer_id,
                                      c.owner_user_id, c.breached_at))
    return sorted(found, key=lambda r: (r.at, r.record, r.record_id))
