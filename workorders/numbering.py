"""Human-readable numbers (``SR-20261122-0007``), counted per local day of the service."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.clock import local_date
from core.db import UnitOfWork, next_in_sequence


def next_number(uow: UnitOfWork, prefix: str) -> str:
    """The day is the service timezone's, so numbers restart at local midnight, not UTC's."""
    day = local_date(uow.now(), ZoneInfo(uow.settings["TIMEZONE"])).strftime("%Y%m%d")
    counter = next_in_sequence(uow.session, f"{prefix}-{day}")
    return f"{prefix}-{day}-{counter:04d}"
