"""Which engineers can obtain a job's parts, and where each part is reserved when a plan is published.

An engineer obtains a part from their own van, or from the warehouse that supplies their van
(the warehouse puts it on the engineer's pick list for the morning). The rules are pure
functions over stock figures; ``LedgerParts`` reads and writes those figures through the
spare-parts ledger's public use cases (the contract in spareparts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import spareparts

Stock = Mapping[tuple[int, str], int]  # (location id, sku) -> available good quantity


@dataclass(frozen=True)
class PartSources:
    """Where an engineer can take parts from: the van first, then its supplying warehouse."""

    van_id: int | None
    warehouse_id: int | None

    def locations(self) -> tuple[int, ...]:
        return tuple(loc for loc in (self.van_id, self.warehouse_id) if loc is not None)


def source_for(sku: str, qty: int, sources: PartSources, stock: Stock) -> int | None:
    """The van if it holds ``qty`` of the part, else the supplying warehouse if it does, else None."""
    for location in sources.locations():
        if stock.get((location, sku), 0) >= qty:
            return location
    return None


def can_obtain(needs: Mapping[str, int], sources: PartSources, stock: Stock) -> bool:
    return all(source_for(sku, qty, sources, stock) is not None for sku, qty in needs.items())


def engineers_who_can_obtain(needs: Mapping[str, int], sources_by_engineer: Mapping[int, PartSources],
                             stock: Stock) -> frozenset[int]:
    """Every engineer for whom each needed part lies (in full) on the van or at its warehouse."""
    return frozenset(engineer_id for engineer_id, sources in sources_by_engineer.items()
                     if can_obtain(needs, sources, stock))


@dataclass(frozen=True)
class PartsPicture:
    """What a run knows about parts: each job's needs, each engineer's sources, and the stock
    they share (available now, plus what the planned jobs themselves already hold)."""

    needs: Mapping[int, Mapping[str, int]]
    sources: Mapping[int, PartSources]
    stock: Stock


@dataclass(frozen=True)
class PartLine:
    work_order_id: int
    engineer_id: int
    sku: str
    location_id: int
    qty: int


def allocate(order: Sequence[tuple[int, int]], needs: Mapping[int, Mapping[str, int]],
             sources: Mapping[int, PartSources], stock: Stock
             ) -> tuple[list[PartLine], list[tuple[int, int]]]:
    """Takes each job's parts in route order from shared stock (van first, then its warehouse).

    Returns the lines taken and the (work order, engineer) pairs whose parts ran out: two jobs of
    one engineer may each fit the van's single unit alone, but not both.
    """
    remaining = dict(stock)
    taken: list[PartLine] = []
    short: list[tuple[int, int]] = []
    for work_order_id, engineer_id in order:
        lines = []
        for sku, qty in needs.get(work_order_id, {}).items():
            location = source_for(sku, qty, sources.get(engineer_id, PartSources(None, None)), remaining)
            if location is None:
                break
            remaining[(location, sku)] -= qty
            lines.append(PartLine(work_order_id, engineer_id, sku, location, qty))
        else:
            taken.extend(lines)
            continue
        for line in lines:  # this job gets none of its parts: give back what it took
            remaining[(line.location_id, line.sku)] += line.qty
        short.append((work_order_id, engineer_id))
    return taken, short


def needs_of(lines: Iterable[Any]) -> dict[str, int]:
    """A work order's part lines summed per SKU (two lines of one part need both)."""
    needs: dict[str, int] = {}
    for line in lines:
        needs[line.sku] = needs.get(line.sku, 0) + int(line.qty)
    return needs


class LedgerParts:
    """The spare-parts ledger, through the use cases it offers to planning."""

    def stock(self, uow: Any, skus: Iterable[str]) -> dict[tuple[int, str], int]:
        wanted = sorted(set(skus))
        return dict(spareparts.available_quantities(uow, wanted)) if wanted else {}

    def sources(self, uow: Any, engineer_ids: Iterable[int]) -> dict[int, PartSources]:
        found = {}
        for engineer_id in engineer_ids:
            van = spareparts.van_location_of(uow, engineer_id)
            found[engineer_id] = PartSources(
                van.id if van is not None else None,
                getattr(van, "supplying_warehouse_id", None) if van is not None else None)
        return found

    def reserve(self, uow: Any, actor: Any, *, work_order_id: int, sku: str, location_id: int, qty: int,
                engineer_id: int, needed_on: date) -> Any:
        return spareparts.reserve(uow, actor, work_order_id=work_order_id, sku=sku, location_id=location_id,
                                  qty=qty, engineer_id=engineer_id, needed_on=needed_on)

    def held(self, uow: Any, work_order_ids: Iterable[int]) -> dict[tuple[int, str], int]:
        """Units the jobs already hold (active reservations): theirs again when they are re-planned."""
        found: dict[tuple[int, str], int] = {}
        for work_order_id in work_order_ids:
            for reservation in spareparts.active_reservations_for_work_order(uow, work_order_id):
                key = (reservation.location_id, reservation.sku)
                found[key] = found.get(key, 0) + reservation.qty
        return found

    def release(self, uow: Any, actor: Any, work_order_id: int, reason: str) -> list[Any]:
        return spareparts.release_reservations_for_work_order(uow, actor, work_order_id, reason)

    def active(self, uow: Any, work_order_id: int) -> list[Any]:
        return spareparts.active_reservations_for_work_order(uow, work_order_id)
