"""The spare-parts catalog as the work-order package sees it: a read of ``sp_part`` by table name.

The packages never import each other (STYLE §2); parts lines only need to know that a SKU
exists, whether it is serialized and whether its faulty part must come back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import column, select, table

from core.db import UnitOfWork
from core.errors import FieldError
from workorders.errors import InvalidWorkOrderInput
from workorders.ports import KnownSkus

PARTS = table("sp_part", column("sku"), column("serialized"), column("returnable"))


@dataclass(frozen=True)
class PartFacts:
    sku: str
    serialized: bool
    returnable: bool


def part_facts(uow: UnitOfWork, sku: str) -> PartFacts | None:
    row = uow.session.execute(select(PARTS.c.sku, PARTS.c.serialized, PARTS.c.returnable)
                              .where(PARTS.c.sku == sku)).first()
    return None if row is None else PartFacts(row.sku, bool(row.serialized), bool(row.returnable))


def require_known_skus(uow: UnitOfWork, skus: Iterable[str], field: str = "parts_needed") -> None:
    wanted = set(skus)
    if not wanted:
        return
    unknown = sorted(wanted - uow.readers[KnownSkus](uow, wanted))
    if unknown:
        raise InvalidWorkOrderInput(
            "Parts must be in the catalog.",
            [FieldError(field, f"No part with SKU {sku!r}.") for sku in unknown])
