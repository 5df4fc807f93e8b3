"""What the engineer records on site besides parts (``orders.parts``): the customer's
signature; and the engineer's day (the customer's feedback afterwards is ``feedback``)."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select

from core.auth import Actor
from core.clock import local_date, local_day_bounds
from core.db import UnitOfWork
from core.errors import FieldError, InvalidInput
from workorders.errors import RecordNotFound
from workorders.lifecycle import Status
from workorders.orders.models import Signature, WorkOrder
from workorders.orders.parts import on_site_by_engineer
from workorders.orders.service import get_work_order

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DATA_URL_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 200 * 1024
ROUTE_STATES = (Status.ASSIGNED, Status.EN_ROUTE, Status.ON_SITE, Status.IN_PROGRESS, Status.COMPLETED)


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
    on_site_by_engineer(actor, work_order, "signatures")
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
