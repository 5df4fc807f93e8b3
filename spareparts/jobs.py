"""Scheduled work for the scheduler process; each is safe to run twice."""

from __future__ import annotations

from core.db import UnitOfWork
from spareparts import ledger, reservations, returns


def expire_reservations_job(uow: UnitOfWork) -> int:
    """Reservations for days gone by that were never issued stop holding stock."""
    return len(reservations.expire_reservations(uow, returns.today(uow)))


def reconcile_job(uow: UnitOfWork) -> int:
    """The nightly books check: how many balances disagree with the ledger (0 is the only good answer)."""
    _checked, mismatches = ledger.reconcile(uow.session)
    return len(mismatches)
