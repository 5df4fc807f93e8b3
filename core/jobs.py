"""Housekeeping of the shared pieces."""

from __future__ import annotations

from core import idempotency
from core.db import UnitOfWork
from core.scheduling import ScheduledJob, in_one_unit


def purge_idempotency_keys(uow: UnitOfWork) -> int:
    """Keys past their time to live can no longer replay anything; without this the table
    grows with every tap of every phone."""
    return idempotency.purge_expired(uow.session, uow.now())


def scheduled(settings: dict) -> list[ScheduledJob]:
    return [ScheduledJob("purge-idempotency-keys", in_one_unit(purge_idempotency_keys),
                         cron={"minute": 17})]
