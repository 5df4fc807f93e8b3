"""Spare parts: catalog, stock locations, the append-only ledger, reservations, returns.

The public face for other packages (dispatch) is ``spareparts.service``, re-exported here.
"""

from spareparts.service import (
    active_reservations_for_work_order,
    available_quantities,
    release_reservations_for_work_order,
    reserve,
    van_location_of,
)

__all__ = [
    "active_reservations_for_work_order",
    "available_quantities",
    "release_reservations_for_work_order",
    "reserve",
    "van_location_of",
]
