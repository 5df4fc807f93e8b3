"""Dispatch: travel times, planning runs, plans and routes, publishing them.

This module is the package's public face. Dispatch tells others what it published through
events (``app.py`` subscribes the listeners) and reads what it may not import through ports
(``app.py`` provides them); nothing else of it is used from outside.
"""

from dispatch.events import PlanPublished, VisitNow
from dispatch.ports import NoticesQueued

__all__ = [
    # what it tells others
    "PlanPublished", "VisitNow",
    # what it reads from others (provided in app.py)
    "NoticesQueued",
]
