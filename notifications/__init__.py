"""Notifications: what customers are told about their visits, kept in an outbox and sent later.

This module is the package's public face: the only one other code imports. It imports no
domain package: the facts it tells come in events (``app.py`` subscribes the handlers), and
what others may ask of it is read through the functions here.
"""

from notifications.handlers import on_plan_published
from notifications.models import NoticeStatus
from notifications.service import notices_queued_for_plan

__all__ = [
    # reactions, wired in app.py
    "on_plan_published",
    # reads
    "notices_queued_for_plan",
    # the package's words
    "NoticeStatus",
]
