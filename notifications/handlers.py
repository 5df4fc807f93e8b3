"""Reactions to other packages' events, wired in ``app.py``; each runs in the publisher's
transaction, so the notices are queued exactly when the change they tell of is committed.

Events arrive as plain objects: this package reads their fields and never imports their
package.
"""

from __future__ import annotations

from typing import Any

from core.db import UnitOfWork
from notifications import service


def on_plan_published(uow: UnitOfWork, event: Any) -> None:
    """A published plan names each visit it touched (``plan_id``, ``timezone``, ``visits``):
    the customers whose engineer or window changed are told."""
    service.queue_changes(uow, event.plan_id, event.timezone, event.visits)
