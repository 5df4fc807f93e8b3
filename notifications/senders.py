"""How a notice leaves the outbox: through a sender, chosen by the settings.

A sender raises when a notice could not be delivered; the outbox then tries again later.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from notifications.models import CustomerNotice

log = logging.getLogger("fixroute.notices")


class NoticeSender(Protocol):
    def send(self, notice: CustomerNotice) -> None: ...


class LogSender:
    """The offline default: the notice goes to the log, which is where a developer looks."""

    def send(self, notice: CustomerNotice) -> None:
        log.info("notice %s to customer %s: %s", notice.id, notice.customer_id, notice.message)


def sender_for(settings: dict[str, Any]) -> NoticeSender:
    """The sender ``NOTICE_SENDER`` names; "log" is the only one so far."""
    return LogSender()
