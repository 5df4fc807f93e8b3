"""What the desk asks of others, as ports (``core.readers``): ``app.py`` provides each one.

Engineers' names and ids belong to the engineers package; the due times are the customer
tier's promise, which the customer-loop issue's tier policy will provide in place of the
manuals' standard below.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from core.db import UnitOfWork
from workorders.triage import Tier

COMPLAINT_DUE_HOURS = 24.0  # the manuals: a complaint is answered within 24 hours
FIRST_RESPONSE_HOURS = 2.0  # a request is answered (called back or triaged) within 2 hours


class EngineerNames(Protocol):
    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int]) -> dict[int, str]: ...


class KnownEngineers(Protocol):
    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int]) -> frozenset[int]: ...


class DeskDueTimes(Protocol):
    """How long the desk has, by the customer's tier (hours)."""

    def first_response_hours(self, uow: UnitOfWork, tier: Tier) -> float: ...

    def complaint_due_hours(self, uow: UnitOfWork, tier: Tier) -> float: ...


class StandardDueTimes:
    """The manuals' promise for every tier, until a tier policy is provided instead."""

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
