"""Pick lists: per warehouse and day, one per engineer, whose lines are the reservations planning
made at that warehouse for the engineer's jobs of the day. The clerk issues them line by line
(or all at once); issuing moves the units into the engineer's van.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import FieldError, InvalidInput
from spareparts.errors import PickListNotFound
from spareparts.locations.models import StockLocation
from spareparts.locations.service import find_van
from spareparts.ports import EngineerNames, WorkOrderNumbers
from spareparts.reservations import service as reservations
from spareparts.reservations.models import PickList, Reservation, ReservationStatus

LARGEST_ID = 2**31 - 1
SHOWN = (ReservationStatus.ACTIVE, ReservationStatus.ISSUED)


@dataclass
class PickLine:
    reservation_id: int
    work_order_id: int
    work_order_number: str | None
    sku: str
    part_name: str
    serialized: bool
    qty: int
    status: ReservationStatus


@dataclass
class PickListView:
    id: int
    warehouse_id: int
    warehouse_code: str
    needed_on: date
    engineer_id: int
    engineer_name: str | None
    van_id: int | None
    lines: list[PickLine] = field(default_factory=list)

    @property
    def open_lines(self) -> int:
        return sum(1 for line in self.lines if line.status is ReservationStatus.ACTIVE)


def _scoped(actor: Actor | None, stmt: Any) -> Any:
    if actor is not None and actor.is_engineer:
        return stmt.where(PickList.engineer_id == actor.engineer_id)
    return stmt


def list_pick_lists(uow: UnitOfWork, actor: Actor | None, day: date, warehouse_id: int | None = None,
                    engineer_id: int | None = None) -> list[PickListView]:
    stmt = (select(PickList).where(PickList.needed_on == day)
            .order_by(PickList.warehouse_id, PickList.engineer_id))
    if warehouse_id is not None:
        stmt = stmt.where(PickList.warehouse_id == warehouse_id)
    if engineer_id is not None:
        stmt = stmt.where(PickList.engineer_id == engineer_id)
    views = [_view(uow, pick_list) for pick_list in uow.session.scalars(_scoped(actor, stmt))]
    return [view for view in views if view.lines]


def get_pick_list(uow: UnitOfWork, actor: Actor | None, pick_list_id: int) -> PickListView:
    stmt = _scoped(actor, select(PickList).where(PickList.id == pick_list_id))
    pick_list = uow.session.scalar(stmt) if 0 < pick_list_id <= LARGEST_ID else None
    if pick_list is None:
        raise PickListNotFound(f"No pick list {pick_list_id}.")
    return _view(uow, pick_list)


def _view(uow: UnitOfWork, pick_list: PickList) -> PickListView:
    warehouse = uow.session.get(StockLocation, pick_list.warehouse_id)
    van = find_van(uow, pick_list.engineer_id)
    name = uow.readers[EngineerNames](uow, {pick_list.engineer_id}).get(pick_list.engineer_id)
    view = PickListView(pick_list.id, warehouse.id, warehouse.code, pick_list.needed_on,
                        pick_list.engineer_id, name, van.id if van else None)
    rows = uow.session.scalars(select(Reservation).where(
        Reservation.pick_list_id == pick_list.id, Reservation.status.in_(SHOWN)).order_by(
        Reservation.work_order_id, Reservation.id)).all()
    numbers = uow.readers[WorkOrderNumbers](uow, {r.work_order_id for r in rows})
    view.lines = [PickLine(r.id, r.work_order_id, numbers.get(r.work_order_id), r.part.sku, r.part.name,
                           r.part.serialized, r.qty, r.status) for r in rows]
    return view


def issue_pick_list(uow: UnitOfWork, actor: Actor | None, pick_list_id: int,
                    lines: list[dict[str, Any]] | None = None) -> PickListView:
    """Issues the lines given (each with its serials for serialized parts), or every open line.

    All or nothing: one line refused (a serial missing, stock gone) issues none of them.
    """
    view = get_pick_list(uow, actor, pick_list_id)
    open_ids = {line.reservation_id for line in view.lines if line.status is ReservationStatus.ACTIVE}
    wanted = lines if lines is not None else [{"reservation_id": rid} for rid in sorted(open_ids)]
    with uow.session.begin_nested():
        for number, line in enumerate(wanted):
            if line["reservation_id"] not in open_ids:
                raise InvalidInput("Not an open line of this pick list.", [FieldError(
                    f"lines.{number}.reservation_id", "Not open on this pick list.")])
            open_ids.discard(line["reservation_id"])
            reservations.issue(uow, actor, line["reservation_id"], line.get("serials"))
    return get_pick_list(uow, actor, pick_list_id)
