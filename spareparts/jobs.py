"""Scheduled work for the scheduler process; each is safe to run twice."""

from __future__ import annotations

import logging
from typing import Any

from core.db import UnitOfWork
from core.scheduling import ScheduledJob, in_one_unit
from spareparts.reservations import service as reservations
from spareparts.returns import service as returns
from spareparts.stock import books

log = logging.getLogger("fixroute.jobs")


def expire_reservations_job(uow: UnitOfWork) -> int:
    """Reservations for days gone by that were never issued stop holding stock."""
    return len(reservations.expire_reservations(uow, returns.today(uow)))


def reconcile_job(uow: UnitOfWork) -> int:
    """The nightly books check: how many balances disagree with the ledger (0 is the only good
    answer; any other is an error someone must look at today)."""
    _checked, mismatches = books.reconcile(uow.session)
    if mismatches:
        log.error("stock books: %s balance(s) differ from the ledger (flask stock check lists them)",
                  len(mismatches))
    return len(mismatches)


def scheduled(settings: dict[str, Any]) -> list[ScheduledJob]:
    return [
        ScheduledJob("expire-reservations", in_one_unit(expire_reservations_job), cron={"minute": 5}),
        ScheduledJob("check-stock-books", in_one_unit(reconcile_job), cron={"hour": 2, "minute": 30},
                     misfire_grace_s=3600),
    ]
