"""What the work-order package reads of other packages, declared here as ports (``core.readers``).

Work orders never import spare parts or engineers and never query their tables (STYLE §2).
Each ``Protocol`` below is a call this package makes; ``app.py`` provides it with the owner's
public read function, and it runs in the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from core.db import UnitOfWork


class KnownEngineers(Protocol):
    """Those of these ids that are engineers, active or not (provided by ``engineers``)."""

    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int], /) -> frozenset[int]: ...


class KnownSkus(Protocol):
    """Those of these SKUs that are in the parts catalog (provided by ``spareparts``)."""

    def __call__(self, uow: UnitOfWork, skus: Collection[str], /) -> frozenset[str]: ...


class FaultyPartFacts(Protocol):
    """What became of the faulty part a parts line owes back (spare parts keeps it)."""

    @property
    def collected(self) -> bool: ...
    @property
    def serial(self) -> str | None: ...
    @property
    def not_returned_reason(self) -> str | None: ...


class FaultyPartsOfWorkOrder(Protocol):
    """By parts line id, the faulty part each line of this job owes; lines of parts that owe
    nothing back are absent (provided by ``spareparts``, one statement per job)."""

    def __call__(self, uow: UnitOfWork, work_order_id: int, /) -> Mapping[int, FaultyPartFacts]: ...
