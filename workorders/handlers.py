"""Reactions to other packages' events, wired in ``app.py`` (events arrive as plain objects;
this package never imports the publisher)."""

from __future__ import annotations

from typing import Any

from core.db import UnitOfWork
from workorders.orders.field import account_faulty_part


def on_faulty_part_collected(uow: UnitOfWork, event: Any) -> None:
    """Collected through the stock ledger: the parts line owing it counts as accounted for."""
    account_faulty_part(uow, event.work_order_id, event.sku, event.serial)
