"""The refusals the spare-parts package gives, each with a stable ``code`` slug.

An unknown SKU in a body is invalid input (422, the field is named). A location or work order
that does not exist, or that the caller may not see (another engineer's van or job), is not
found (404), whether named in the path or the body, so ids reveal nothing.
"""

from __future__ import annotations

from typing import Any

from core.errors import Conflict, FieldError, InvalidInput, NotFound


class UnknownPart(InvalidInput):
    code = "unknown-part"
    title = "No such part in the catalog"

    def __init__(self, sku: str, field: str = "sku") -> None:
        super().__init__(f"No part with SKU {sku!r}.", [FieldError(field, "Not a SKU in the catalog.")])


class UnknownLocation(NotFound):
    """A location named in a body that does not exist, or is another engineer's van (404 alike)."""

    code = "unknown-location"
    title = "No such stock location"

    def __init__(self, location_id: int, field: str = "location_id") -> None:
        super().__init__(f"No stock location {location_id}.")
        self.errors = [FieldError(field, "No such stock location.")]


class UnknownWorkOrder(NotFound):
    """A work order named in a body that does not exist, or is another engineer's (404 alike)."""

    code = "unknown-work-order"
    title = "No such work order"

    def __init__(self, work_order_id: int, field: str = "work_order_id") -> None:
        super().__init__(f"No work order {work_order_id}.")
        self.errors = [FieldError(field, "No such work order.")]


class PartNotFound(NotFound):
    code = "part-not-found"


class LocationNotFound(NotFound):
    code = "location-not-found"


class ReservationNotFound(NotFound):
    code = "reservation-not-found"


class PickListNotFound(NotFound):
    code = "pick-list-not-found"


class FaultyReturnNotFound(NotFound):
    code = "faulty-return-not-found"


class InsufficientStock(Conflict):
    code = "insufficient-stock"
    title = "Not enough stock"

    def __init__(self, detail: str, **context: Any) -> None:
        super().__init__(detail, **context)


class SerialRequired(InvalidInput):
    code = "serial-required"
    title = "This part is tracked by serial number"


class InvalidMovement(InvalidInput):
    code = "invalid-movement"
    title = "This movement is not allowed between these locations"


class InvalidQuantity(InvalidInput):
    code = "invalid-quantity"
    title = "Quantities are whole numbers above zero"


class ReservationClosed(Conflict):
    code = "reservation-not-active"
    title = "The reservation is no longer active"


class WorkOrderClosed(Conflict):
    code = "work-order-closed"
    title = "The work order takes no more parts"


class IllegalReturnStep(Conflict):
    code = "illegal-return-step"
    title = "The faulty return is not at the step this needs"


class DuplicateSku(Conflict):
    code = "duplicate-sku"
    title = "The SKU is already in the catalog"
