"""The desk's queue: every open request and every unanswered complaint in one list, with
owner, age, due time and the flags that need someone now (a call-back due, an escalation,
a breach). Unowned work comes first, or the caller's own with ``sort=mine_first``.

One UNION over the two tables, sorted and paged by the database.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, case, func, literal, null, select, type_coerce, union_all

from core.auth import Actor, User
from core.clock import ensure_utc
from core.db import UnitOfWork
from workorders.complaints.models import UNANSWERED, Complaint, ComplaintStatus, Severity
from workorders.customers.models import Customer
from workorders.requests.models import RequestStatus, ServiceRequest


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "request" or "complaint"
    id: int
    number: str
    status: str
    customer_id: int
    customer_name: str
    summary: str
    severity: str | None
    owner_user_id: int | None
    owner_username: str | None
    received_at: datetime
    age_s: int
    due_at: datetime | None
    overdue: bool
    callback_at: datetime | None
    callback_due: bool
    escalated: bool
    breached: bool
    repeat_repair: bool


def _text(column: Any, name: str) -> Any:
    """Statuses of two enums share one column of the UNION: read back as plain text."""
    return type_coerce(column, String).label(name)


def _requests() -> Select[Any]:
    r = ServiceRequest
    return (select(literal("request").label("kind"), r.id, r.number, _text(r.status, "status"),
                   r.customer_id, r.symptom.label("summary"), _text(null(), "severity"), r.owner_user_id,
                   r.created_at.label("received_at"), r.respond_by.label("due_at"), r.callback_at,
                   null().label("escalated_at"), null().label("breached_at"),
                   r.repeat_of_work_order_id.label("repeat_of"))
            .where(r.status == RequestStatus.OPEN))


def _complaints() -> Select[Any]:
    c = Complaint
    return (select(literal("complaint").label("kind"), c.id, c.number, _text(c.status, "status"),
                   c.customer_id, c.description.label("summary"), _text(c.severity, "severity"),
                   c.owner_user_id, c.received_at, c.due_at, null().label("callback_at"), c.escalated_at,
                   c.breached_at,
                   null().label("repeat_of"))
            .where(c.status.in_(list(UNANSWERED))))


def queue_statement(actor: Actor, filters: dict[str, Any]) -> Select[Any]:
    parts = [q for kind, q in (("request", _requests()), ("complaint", _complaints()))
             if filters.get("kind") in (None, kind)]
    work = union_all(*parts).subquery("work")
    stmt = (select(work, Customer.name.label("customer_name"), User.username.label("owner_username"))
            .join(Customer, Customer.id == work.c.customer_id)
            .outerjoin(User, User.id == work.c.owner_user_id))
    if filters.get("mine"):
        stmt = stmt.where(work.c.owner_user_id == actor.user_id)
    first = case((work.c.owner_user_id.is_(None), 0), else_=1)
    if filters.get("sort") == "mine_first":
        first = case((work.c.owner_user_id == actor.user_id, 0), (work.c.owner_user_id.is_(None), 1), else_=2)
    due_last = case((work.c.due_at.is_(None), 1), else_=0)
    return stmt.order_by(first, due_last, work.c.due_at, work.c.received_at, work.c.kind, work.c.id)


class QueuePage:
    """Counted and sliced like ``SelectCollection`` for flask-smorest, answering ``QueueItem``s."""

    def __init__(self, uow: UnitOfWork, stmt: Select[Any]) -> None:
        self.uow, self.stmt, self._count = uow, stmt, None

    def count(self) -> int:
        if self._count is None:
            counted = select(func.count()).select_from(self.stmt.order_by(None).subquery())
            self._count = int(self.uow.session.execute(counted).scalar_one())
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[QueueItem]:
        start = window.start or 0
        if start >= self.count():
            return []
        rows = self.uow.session.execute(self.stmt.offset(start).limit(window.stop - start)).mappings()
        now = self.uow.now()
        return [_item(row, now) for row in rows]


def moment_of(value: Any) -> datetime | None:
    """A UNION's columns lose their type: SQLite hands back text, PostgreSQL aware datetimes."""
    if value is None:
        return None
    return ensure_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)


STATUSES: dict[str, type[enum.Enum]] = {"request": RequestStatus, "complaint": ComplaintStatus}


def _enum_value(kind: type[enum.Enum], stored: str | None) -> str | None:
    """Enums are stored by name (``OPEN``); the API speaks their values (``open``)."""
    return None if stored is None else str(kind[stored].value)


def _item(row: Any, now: datetime) -> QueueItem:
    received_at = moment_of(row["received_at"])
    due_at, callback_at = moment_of(row["due_at"]), moment_of(row["callback_at"])
    breached_at = moment_of(row["breached_at"])
    assert received_at is not None
    return QueueItem(
        kind=row["kind"], id=row["id"], number=row["number"],
        status=str(_enum_value(STATUSES[row["kind"]], row["status"])),
        customer_id=row["customer_id"], customer_name=row["customer_name"], summary=row["summary"],
        severity=_enum_value(Severity, row["severity"]),
        owner_user_id=row["owner_user_id"], owner_username=row["owner_username"],
        received_at=received_at, age_s=max(0, int((now - received_at).total_seconds())),
        due_at=due_at, overdue=due_at is not None and due_at < now,
        callback_at=callback_at, callback_due=callback_at is not None and callback_at <= now,
        escalated=row["escalated_at"] is not None,
        breached=breached_at is not None or (row["kind"] == "complaint" and due_at is not None
                                             and due_at < now),
        repeat_repair=row["repeat_of"] is not None,
    )


def desk_queue(uow: UnitOfWork, actor: Actor, filters: dict[str, Any]) -> QueuePage:
    return QueuePage(uow, queue_statement(actor, filters))
