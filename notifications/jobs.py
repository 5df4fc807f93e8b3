"""Scheduled work of the notices: send what is pending every minute.

Safe to run twice: a sent notice is no longer pending, so it is never sent again.
"""

from __future__ import annotations

from typing import Any

from core.db import UnitOfWork
from core.scheduling import ScheduledJob, in_one_unit
from notifications import senders, service


def send_notices(uow: UnitOfWork) -> int:
    return service.deliver_pending(uow, senders.sender_for(uow.settings))


def scheduled(settings: dict[str, Any]) -> list[ScheduledJob]:
    return [ScheduledJob("send-notices", in_one_unit(send_notices), every_s=60)]
