"""In-process domain events, handled synchronously inside the publishing transaction.

The three domain packages never import each other; when one must react to another (a
cancelled work order releases its reservations), the source publishes an event and
``app.py`` subscribes the handler. Handlers receive the same unit of work, so the reaction
commits or rolls back together with its cause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Event:
    """Base class for domain events; subclasses are frozen dataclasses with plain fields."""


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[type, list[Handler]] = defaultdict(list)

    def subscribe(self, event_type: type, handler: Handler) -> None:
        self._handlers[event_type].append(handler)

    def publish(self, uow: Any, event: Event) -> None:
        for handler in self._handlers.get(type(event), []):
            handler(uow, event)
