"""The desk's figures for its supervisor: today's intake and outcomes, what is open now, and
each agent's load. A handful of aggregate statements, whatever the volume."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal, select, union_all

from core.auth import User
from core.clock import local_day_bounds
from core.db import UnitOfWork
from workorders.complaints.models import ESCALATE_BEFORE_DUE, UNANSWERED, Complaint, ComplaintStatus
from workorders.requests.models import RequestStatus, ServiceRequest


@dataclass(frozen=True)
class OwnerLoad:
    owner_user_id: int | None  # None: unowned
    username: str | None
    open_requests: int
    open_complaints: int


@dataclass(frozen=True)
class DeskFigures:
    day: date
    requests_received: int
    requests_resolved_remotely: int
    requests_converted: int
    complaints_received: int
    complaints_resolved: int
    open_requests: int
    unowned_requests: int
    call_backs_due: int
    open_complaints: int
    escalated_complaints: int
    breached_complaints: int
    complaints_due_soon: int
    by_owner: list[OwnerLoad]


def desk_figures(uow: UnitOfWork, day: date, now: datetime) -> DeskFigures:
    start, end = local_day_bounds(day, ZoneInfo(uow.settings["TIMEZONE"]))
    r, c = ServiceRequest, Complaint
    triaged_today = r.triaged_at.between(start, end - timedelta(microseconds=1))
    requests = uow.session.execute(select(
        func.count().filter(r.created_at >= start, r.created_at < end),
        func.count().filter(triaged_today, r.status == RequestStatus.RESOLVED_REMOTELY),
        func.count().filter(triaged_today, r.status == RequestStatus.CONVERTED),
        func.count().filter(r.status == RequestStatus.OPEN),
        func.count().filter(r.status == RequestStatus.OPEN, r.owner_user_id.is_(None)),
        func.count().filter(r.status == RequestStatus.OPEN, r.callback_at <= now),
    )).one()
    unanswered = c.status.in_(list(UNANSWERED))
    complaints = uow.session.execute(select(
        func.count().filter(c.received_at >= start, c.received_at < end),
        func.count().filter(c.resolved_at >= start, c.resolved_at < end),
        func.count().filter(unanswered),
        func.count().filter(unanswered, c.escalated_at.is_not(None)),
        func.count().filter(c.status != ComplaintStatus.CONFIRMED, c.breached_at.is_not(None)),
        func.count().filter(unanswered, c.due_at <= now + ESCALATE_BEFORE_DUE),
    )).one()
    return DeskFigures(day, *requests[:3], *complaints[:2], *requests[3:], *complaints[2:],
                       by_owner=_loads(uow))


def _loads(uow: UnitOfWork) -> list[OwnerLoad]:
    """Open work per owner (None first: what nobody owns yet), then by username."""
    work = union_all(
        select(ServiceRequest.owner_user_id.label("owner"), literal(1).label("req"), literal(0).label("cmp"))
        .where(ServiceRequest.status == RequestStatus.OPEN),
        select(Complaint.owner_user_id, literal(0), literal(1)).where(Complaint.status.in_(list(UNANSWERED))),
    ).subquery()
    rows = uow.session.execute(
        select(work.c.owner, User.username, func.sum(work.c.req), func.sum(work.c.cmp))
        .outerjoin(User, User.id == work.c.owner).group_by(work.c.owner, User.username))
    loads = [OwnerLoad(owner, username, int(req), int(cmp)) for owner, username, req, cmp in rows]
    return sorted(loads, key=lambda load: (load.owner_user_id is not None, load.username or ""))
