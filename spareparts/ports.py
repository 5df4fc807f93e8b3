"""What spare parts reads of other packages, declared here as ports (``core.readers``).

Spare parts never imports work orders or engineers and never queries their tables (STYLE §2).
Each ``Protocol`` below is a call this package makes; ``app.py`` provides it with the owner's
public read function, and it runs in the caller's unit of work. The two guards at the end
are the only places a work order named in a request is looked up.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from core.auth import Actor
from core.db import UnitOfWork
from spareparts.errors import UnknownWorkOrder, WorkOrderClosed


class WorkOrderFacts(Protocol):
    """A job as the ledger sees it: whose it is and whether it still takes parts."""

    @property
    def id(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def engineer_id(self) -> int | None: ...
    @property
    def status(self) -> str: ...  # shown in a refusal, never interpreted here
    @property
    def open(self) -> bool: ...


class WorkOrderFactsById(Protocol):
    """The job's facts, or None when there is no such job (provided by ``workorders``)."""

    def __call__(self, uow: UnitOfWork, work_order_id: int, /) -> WorkOrderFacts | None: ...


class WorkOrderNumbers(Protocol):
    """``WO-…`` numbers of the jobs among these ids that exist (provided by ``workorders``)."""

    def __call__(self, uow: UnitOfWork, work_order_ids: Collection[int], /) -> Mapping[int, str]: ...


class EngineerNames(Protocol):
    """Names of the engineers among these ids (provided by ``engineers``)."""

    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int], /) -> Mapping[int, str]: ...


class KnownEngineers(Protocol):
    """Those of these ids that are engineers, active or not (provided by ``engineers``)."""

    def __call__(self, uow: UnitOfWork, engineer_ids: Collection[int], /) -> frozenset[int]: ...


def work_order_for(uow: UnitOfWork, actor: Actor | None, work_order_id: int,
                   field: str = "work_order_id") -> WorkOrderFacts:
    """The job a movement or reservation names; an engineer may name only their own jobs,
    and another engineer's job answers exactly like a missing one."""
    facts = uow.readers[WorkOrderFactsById](uow, work_order_id)
    if facts is None or (actor is not None and actor.is_engineer and facts.engineer_id != actor.engineer_id):
        raise UnknownWorkOrder(work_order_id, field)
    return facts


def open_work_order(uow: UnitOfWork, actor: Actor | None, work_order_id: int) -> WorkOrderFacts:
    facts = work_order_for(uow, actor, work_order_id)
    if not facts.open:
        raise WorkOrderClosed(f"Work order {work_order_id} is {facts.status}; it takes no more parts.",
                              current=facts.status)
    return facts
