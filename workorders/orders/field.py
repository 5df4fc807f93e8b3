"""What the engineer records on site: parts used, the customer's signature (the customer's
feedback afterwards is ``feedback``)."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select

from core.auth import Actor
from core.clock import local_date, local_day_bounds
from core.db import UnitOfWork
from core.errors import FieldError, Forbidden, InvalidInput
from workorders.errors import RecordNotFound, WorkOrderLocked
from workorders.events import PartUsedRecorded
from workorders.lifecycle import Status
from workorders.orders.models import PartUsed, Signature, WorkOrder
from workorders.orders.service import get_work_order
from workorders.parts_catalog import PartFacts, part_facts

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 200 * 1024
ON_SITE_STATES = frozenset({Status.ON_SITE, Status.IN_PROGRESS})
ROUTE_STATES = (Status.ASSIGNED, Status.EN_ROUTE, Status.ON_SITE, Status.IN_PROGRESS, Status.COMPLETED)


def _on_site_by_engineer(actor: Actor, work_order: WorkOrder, what: str) -> None:
    if not actor.is_engineer:
        raise Forbidden(f"The engineer on the job records {what}.")
    if work_order.status not in ON_SITE_STATES:
        raise WorkOrderLocked(f"{what.capitalize()} are recorded on site, "
                              f"not while {work_order.status.value}.", current=work_order.status.value)


def record_part_used(uow: UnitOfWork, actor: Actor, work_order_id: int, line: dict[str, Any],
                     expected_version: int | None = None) -> WorkOrder:
    """A part fitted from the van: the catalog says whether it is serialized and returnable, and
    spare parts books it out of the van in the same transaction (no stock, no record)."""
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    _on_site_by_engineer(actor, work_order, "parts used")
    if line.pop("no_parts_used", False):
        work_order.no_parts_used = True
        work_order.touch(uow.now())
        uow.session.flush()
        return work_order
    part = _catalog_part(uow, line)
    used = PartUsed(**line | {"returnable": part.returnable}, recorded_at=uow.now(),
                    recorded_by_user_id=actor.user_id)
    work_order.parts_used.append(used)
    work_order.touch(uow.now())
    uow.session.flush()
    uow.publish(PartUsedRecorded(work_order.id, used.id, work_order.engineer_id, actor.user_id, used.sku,
                                 used.qty, used.serial, used.returnable, used.faulty_serial))
    return work_order


def _catalog_part(uow: UnitOfWork, line: dict[str, Any]) -> PartFacts:
    part = part_facts(uow, line["sku"])
    if part is None:
        raise InvalidInput("Parts used must be in the catalog.",
                           [FieldError("sku", "No part with this SKU.")])
    if part.serialized and not line.get("serial"):
        raise InvalidInput("This part is tracked by serial.",
                           [FieldError("serial", "Give the new part's serial.")])
    return part


def account_faulty_part(uow: UnitOfWork, work_order_id: int, sku: str, serial: str | None) -> None:
    """The faulty part was collected as a stock movement: the oldest line still owing it is settled."""
    owing = uow.session.scalar(select(PartUsed).where(
        PartUsed.work_order_id == work_order_id, PartUsed.sku == sku, PartUsed.returnable.is_(True),
        PartUsed.faulty_serial.is_(None), PartUsed.faulty_missing_reason.is_(None),
    ).order_by(PartUsed.id).limit(1))
    if owing is not None:
        owing.faulty_serial = serial or "no-serial"
        uow.session.flush()


def decode_signature_png(data_url: str) -> bytes:
    """Only a real, small PNG is kept: the blob lives in the database next to the job."""
    if not data_url.startswith(DATA_URL_PREFIX):
        raise _bad_image("Must be a data URL starting with data:image/png;base64,")
    try:
        image = base64.b64decode(data_url.removeprefix(DATA_URL_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        raise _bad_image("Not valid base64.") from None
    if not image.startswith(PNG_MAGIC):
        raise _bad_image("Not a PNG image.")
    if len(image) > MAX_SIGNATURE_BYTES:
        raise _bad_image(f"At most {MAX_SIGNATURE_BYTES // 1024} KiB.")
    return image


def _bad_image(detail: str) -> InvalidInput:
    return InvalidInput("The signature image is not acceptable.", [FieldError("image", detail)])


def record_signature(uow: UnitOfWork, actor: Actor, work_order_id: int, signer_name: str,
                     image_data_url: str, expected_version: int | None = None) -> Signature:
    work_order = get_work_order(uow, actor, work_order_id, expected_version)
    _on_site_by_engineer(actor, work_order, "signatures")
    image = decode_signature_png(image_data_url)
    if work_order.signature is None:
        work_order.signature = Signature(signer_name=signer_name, image_png=image, signed_at=uow.now())
    else:
        work_order.signature.signer_name, work_order.signature.image_png = signer_name, image
        work_order.signature.signed_at = uow.now()
    work_order.touch(uow.now())
    uow.session.flush()
    return work_order.signature


def get_signature(uow: UnitOfWork, actor: Actor, work_order_id: int) -> Signature:
    signature = get_work_order(uow, actor, work_order_id).signature
    if signature is None:
        raise RecordNotFound("The customer has not signed this work order yet.")
    return signature


def signature_data_url(signature: Signature) -> str:
    return DATA_URL_PREFIX + base64.b64encode(signature.image_png).decode()


def service_today(uow: UnitOfWork) -> date:
    """Today in the service timezone: the phone asks the server, since its own clock may be wrong."""
    return local_date(uow.now(), ZoneInfo(uow.settings["TIMEZONE"]))


def route_for(uow: UnitOfWork, actor: Actor, day: date | None) -> list[WorkOrder]:
    """The engineer's own day in planned order; jobs not yet timed come after the timed ones.

    Without a day it is today in the service timezone, so a phone in another zone (or with a
    wrong clock) still opens the right day.
    """
    tz = ZoneInfo(uow.settings["TIMEZONE"])
    start, end = local_day_bounds(day or service_today(uow), tz)
    timed_that_day = and_(WorkOrder.planned_start >= start, WorkOrder.planned_start < end)
    untimed_window_that_day = and_(WorkOrder.planned_start.is_(None), WorkOrder.window_start >= start,
                                   WorkOrder.window_start < end)
    stmt = (
        select(WorkOrder)
        .where(WorkOrder.engineer_id == actor.engineer_id, WorkOrder.engineer_id.is_not(None),
               WorkOrder.status.in_(ROUTE_STATES), or_(timed_that_day, untimed_window_that_day))
        .order_by(WorkOrder.planned_start.is_(None), WorkOrder.planned_start, WorkOrder.window_start,
                  WorkOrder.id)
    )
    return list(uow.session.scalars(stmt))
