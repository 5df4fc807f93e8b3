"""Use cases of complaint cases: take one in (at the desk, from a request, from a poor
rating), work it to the customer's confirmation, and open a return visit when it is about one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from core.auth import Actor
from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from workorders import events
from workorders.complaints.models import (
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    ComplaintStep,
    EscalationReason,
)
from workorders.customers.models import Customer
from workorders.desk.staff import owner_for_new_work, require_desk_member
from workorders.errors import RecordNotFound
from workorders.numbering import next_number
from workorders.orders.models import WorkOrder
from workorders.parts_catalog import require_known_skus
from workorders.ports import due_times, known_engineers
from workorders.triage import Tier

SUBJECTS = ("work_order_id", "engineer_id", "part_sku", "service")


def require_subject(subject: dict[str, Any] | None) -> dict[str, Any]:
    """A complaint is about something: a visit, an engineer, a part, or the service in general."""
    subject = subject or {}
    if not any(subject.get(name) for name in SUBJECTS):
        raise InvalidInput("Say what the complaint is about.", [FieldError(
            "subject", "Give at least one of work_order_id, engineer_id, part_sku, or service: true.")])
    return subject


def _checked_subject(uow: UnitOfWork, customer_id: int, subject: dict[str, Any]) -> dict[str, Any]:
    """The visit must be the customer's, the engineer and the part must exist; a visit names its
    engineer unless another one is given."""
    subject = require_subject(subject)
    engineer_id = subject.get("engineer_id")
    if subject.get("work_order_id") is not None:
        work_order = uow.session.get(WorkOrder, subject["work_order_id"])
        if work_order is None or work_order.customer_id != customer_id:
            raise InvalidInput("Unknown visit.", [FieldError("subject.work_order_id",
                                                             "Not a work order of this customer.")])
        engineer_id = engineer_id or work_order.engineer_id
    if subject.get("engineer_id") is not None and not known_engineers(uow, [subject["engineer_id"]]):
        raise InvalidInput("Unknown engineer.", [FieldError("subject.engineer_id", "No such engineer.")])
    if subject.get("part_sku"):
        require_known_skus(uow, [subject["part_sku"]], field="subject.part_sku")
    return {"work_order_id": subject.get("work_order_id"), "engineer_id": engineer_id,
            "part_sku": subject.get("part_sku"), "about_service": bool(subject.get("service"))}


def due_at(uow: UnitOfWork, tier: Tier, start: datetime) -> datetime:
    """The tier's promise (``DeskDueTimes``; 24 h unless a tier policy says otherwise)."""
    return start + timedelta(hours=due_times(uow).complaint_due_hours(uow, tier))


def open_complaint(uow: UnitOfWork, actor: Actor | None, fields: dict[str, Any],
                   source: ComplaintSource = ComplaintSource.DESK) -> Complaint:
    customer = uow.session.get(Customer, fields["customer_id"])
    if customer is None:
        raise InvalidInput("Unknown customer.", [FieldError("customer_id", "No such customer.")])
    subject = _checked_subject(uow, customer.id, fields.get("subject") or {})
    now = uow.now()
    complaint = Complaint(
        number=next_number(uow, "CP"), severity=fields["severity"], source=source,
        channel=fields.get("channel"), customer_id=customer.id, **subject,
        service_request_id=fields.get("service_request_id"), description=fields["description"],
        demand=fields.get("demand"), owner_user_id=owner_for_new_work(actor))
    complaint.receive(actor, now, due_at(uow, customer.tier, now))
    uow.session.add(complaint)
    uow.session.flush()
    uow.publish(events.ComplaintReceived(complaint.id, customer.id, complaint.work_order_id,
                                         complaint.severity.value, complaint.due_at))
    _announce_escalation(uow, complaint)
    return complaint


def _announce_escalation(uow: UnitOfWork, complaint: Complaint) -> None:
    if complaint.escalation_reason is not None:
        uow.publish(events.ComplaintEscalated(complaint.id, complaint.escalation_reason.value))


def get_complaint(uow: UnitOfWork, complaint_id: int) -> Complaint:
    complaint = uow.session.get(Complaint, complaint_id)
    if complaint is None:
        raise RecordNotFound(f"No complaint {complaint_id}.")
    return complaint


def complaint_log(uow: UnitOfWork, complaint_id: int) -> list[ComplaintStep]:
    return list(get_complaint(uow, complaint_id).log)


def list_complaints(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Complaint).order_by(Complaint.received_at.desc(), Complaint.id.desc())
    for name in ("status", "severity", "customer_id", "work_order_id", "owner_user_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(Complaint, name) == filters[name])
    if filters.get("mine"):
        stmt = stmt.where(Complaint.owner_user_id == actor.user_id)
    if filters.get("escalated") is not None:
        stmt = stmt.where(Complaint.escalated_at.is_not(None) if filters["escalated"]
                          else Complaint.escalated_at.is_(None))
    if filters.get("breached") is not None:
        flagged = Complaint.breached_at.is_not(None) & (Complaint.status != ComplaintStatus.CONFIRMED)
        stmt = stmt.where(flagged if filters["breached"] else ~flagged)
    return SelectCollection(uow.session, stmt)


def assign_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int,
                     owner_user_id: int | None) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    if owner_user_id is not None:
        require_desk_member(uow, owner_user_id)
    complaint.assign(owner_user_id, actor, uow.now())
    uow.session.flush()
    return complaint


def investigate_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, notes: str | None) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    complaint.investigate(actor, uow.now(), notes)
    uow.session.flush()
    return complaint


def escalate_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, notes: str) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    already = complaint.escalated
    complaint.escalate(EscalationReason.BY_AGENT, actor, uow.now(), notes)
    uow.session.flush()
    if not already:
        _announce_escalation(uow, complaint)
    return complaint


def resolve_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, cause: str, action: str) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    late = complaint.resolve(cause, action, actor, uow.now())
    uow.session.flush()
    uow.publish(events.ComplaintResolved(complaint.id, late))
    return complaint


def confirm_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, customer_answer: str) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    complaint.confirm(customer_answer, actor, uow.now())
    uow.session.flush()
    uow.publish(events.ComplaintConfirmed(complaint.id))
    return complaint


def reopen_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, reason: str) -> Complaint:
    complaint = get_complaint(uow, complaint_id)
    tier = uow.session.get(Customer, complaint.customer_id).tier  # type: ignore[union-attr]
    complaint.reopen(reason, actor, uow.now(), due_at(uow, tier, uow.now()))
    uow.session.flush()
    uow.publish(events.ComplaintReopened(complaint.id, complaint.due_at))
    _announce_escalation(uow, complaint)
    return complaint
