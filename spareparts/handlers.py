"""Reactions to other packages' events, wired in ``app.py``; each runs in the publisher's
transaction, so a refusal here (no stock in the van) rolls the whole change back.

Events arrive as plain objects: this package reads their fields and never imports their
package.
"""

from __future__ import annotations

from typing import Any

from core.auth import Actor, Role
from core.db import UnitOfWork
from spareparts.locations import service as locations
from spareparts.reservations import service as reservations
from spareparts.stock import consumption


def on_engineer_created(uow: UnitOfWork, event: Any) -> None:
    """Every engineer gets a van, stocked from the warehouse nearest their home."""
    locations.create_van(uow, event.engineer_id, event.name, event.home_lat, event.home_lon)


def on_work_order_cancelled(uow: UnitOfWork, event: Any) -> None:
    reservations.release_reservations_for_work_order(
        uow, None, event.work_order_id, f"Work order cancelled: {event.reason}"[:500])


def field_actor(event: Any) -> Actor:
    """The engineer who recorded the part on site, as the ledger's actor."""
    return Actor(event.actor_user_id, "", Role.ENGINEER, event.engineer_id)


def on_part_used(uow: UnitOfWork, event: Any) -> None:
    """A part recorded as fitted on a job leaves the engineer's van for the customer; a returnable
    one owes its faulty part back (``stock.consumption``)."""
    consumption.consume_fitted_part(uow, field_actor(event), consumption.FittedPart(
        work_order_id=event.work_order_id, part_used_id=event.part_used_id, engineer_id=event.engineer_id,
        sku=event.sku, qty=event.qty, serial=event.serial, faulty_serial=event.faulty_serial,
        not_returned_reason=event.faulty_missing_reason))
