"""What the work-order package reads of other packages, declared here as ports (``core.readers``).

Work orders never import spare parts or engineers and never query their tables (STYLE §2).
Each ``Protocol`` below is a call this package makes; ``app.py`` provides it with the owner's
public read function, and it runs in the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from core.db import UnitOfWork
from workorders.triage import Tier

COMPLAINT_DUE_HOURS = 24.0  # the manuals: a complaint is answered within 24 hours
FIRST_RESPONSE_HOURS = 2.0  # a request is answered (called back or triaged) within 2 hours


class KnownEngineers(Protocol):
    """Those of these ids that are engineers, active or not (provided by ``engineers``)."""

    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int], /) -> frozenset[int]: ...


class EngineerNames(Protocol):
    """The names of these engineers (provided by ``engineers``)."""

    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int], /) -> dict[int, str]: ...


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


class DeskDueTimes(Protocol):
    """How long the desk has, by the customer's tier (hours): the tier policy's promise."""

    def first_response_hours(self, uow: UnitOfWork, tier: Tier) -> float: ...

    def complaint_due_hours(self, uow: UnitOfWork, tier: Tier) -> float: ...


class StandardDueTimes:
    """The manuals' promise for every tier, where no tier policy is provided instead."""

    def first_response_hours(self, uow: UnitOfWork, tier: Tier) -> float:
        return FIRST_RESPONSE_HOURS

    def complaint_due_hours(self, uow: UnitOfWork, tier: Tier) -> float:
        return COMPLAINT_DUE_HOURS


def engineer_names(uow: UnitOfWork, engineer_ids: Collection[int | None]) -> dict[int, str]:
    wanted = {engineer_id for engineer_id in engineer_ids if engineer_id is not None}
    return uow.readers[EngineerNames](uow, wanted) if wanted else {}


def known_engineers(uow: UnitOfWork, engineer_ids: Collection[int]) -> frozenset[int]:
    return uow.readers[KnownEngineers](uow, engineer_ids) if engineer_ids else frozenset()


def due_times(uow: UnitOfWork) -> DeskDueTimes:
    return uow.readers[DeskDueTimes]
