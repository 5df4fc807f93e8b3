"""The spare-parts catalog as the work-order package sees it: which SKUs exist, asked through
the ``KnownSkus`` port (``app.py`` provides it from spare parts), before a job or a request
names a part it likely needs."""

from __future__ import annotations

from collections.abc import Iterable

from core.db import UnitOfWork
from core.errors import FieldError
from workorders.errors import InvalidWorkOrderInput
from workorders.ports import KnownSkus


def require_known_skus(uow: UnitOfWork, skus: Iterable[str], field: str = "parts_needed") -> None:
    wanted = set(skus)
    if not wanted:
        return
    unknown = sorted(wanted - uow.readers[KnownSkus](uow, wanted))
    if unknown:
        raise InvalidWorkOrderInput(
            "Parts must be in the catalog.",
            [FieldError(field, f"No part with SKU {sku!r}.") for sku in unknown])
