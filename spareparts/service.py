"""The use cases other packages call (dispatch reads stock and reserves parts when it publishes).

The contract with planning (``/work/briefs/spareparts-interface.md``): these names and meanings
stay; each flushes, never commits, and runs inside the caller's unit of work.
"""

from __future__ import annotations

from spareparts.locations.service import van_location_of
from spareparts.reservations.service import (
    active_reservations_for_work_order,
    available_quantities,
    release_reservations_for_work_order,
    reserve,
)

__all__ = [
    "active_reservations_for_work_order",
    "available_quantities",
    "release_reservations_for_work_order",
    "reserve",
    "van_location_of",
]
