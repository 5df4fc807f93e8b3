"""What dispatch reads from packages it does not import (``core.readers``): the consumer
declares the call, ``app.py`` provides the owner's read function."""

from __future__ import annotations

from typing import Protocol

from core.db import UnitOfWork


class NoticesQueued(Protocol):
    """How many customer notices the publishing of a plan queued. The notices package
    decides, on ``PlanPublished``, which customers hear of a change; publishing reports the
    count it answers."""

    def __call__(self, uow: UnitOfWork, plan_id: int) -> int: ...
