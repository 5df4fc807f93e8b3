"""Where complaints come from besides the desk's own form: a request triaged as one, and a
poor rating after a visit (which replaces the complaint-category request of before)."""

from __future__ import annotations

from typing import Any

from core.auth import Actor
from core.db import UnitOfWork
from workorders.complaints.models import Complaint, ComplaintSource, Severity
from workorders.complaints.service import open_complaint
from workorders.orders.models import WorkOrder
from workorders.requests.service import get_service_request


def open_from_request(uow: UnitOfWork, actor: Actor, request_id: int, fields: dict[str, Any]) -> Complaint:
    """The request closes as ``complaint_opened``; the case inherits its customer, channel and
    owner, and its symptom as the description unless the agent wrote one."""
    request = get_service_request(uow, request_id)
    request.require_open()
    complaint = open_complaint(uow, actor, fields | {
        "customer_id": request.customer_id, "channel": request.channel, "service_request_id": request.id,
        "description": fields.get("description") or request.symptom,
    }, ComplaintSource.SERVICE_REQUEST)
    if request.owner_user_id is not None and complaint.owner_user_id is None:
        complaint.owner_user_id = request.owner_user_id
    request.mark_complaint_opened(complaint.number, actor, uow.now())
    uow.session.flush()
    return complaint


def open_from_rating(uow: UnitOfWork, actor: Actor | None, work_order: WorkOrder, rating: int,
                     comment: str | None) -> Complaint:
    """Someone calls the customer back about the visit (and its engineer) they rated poorly."""
    description = f"Rated {rating}/5 after {work_order.number}. {comment or ''}".strip()
    return open_complaint(uow, actor, {
        "customer_id": work_order.customer_id, "severity": Severity.NORMAL, "description": description,
        "subject": {"work_order_id": work_order.id},
    }, ComplaintSource.RATING)
