"""Facts one domain package reads from another without importing it.

The three domain packages never import each other and never query each other's tables
(STYLE §2). When one needs another's facts — spare parts asks whether a work order is
still open, the work order asks whether a SKU is in the catalog — it declares what it
needs as a *port*: a ``Protocol`` of its own, with the call it will make. ``app.py``
provides each port with a read function from the package that owns the facts, exactly as
it subscribes event handlers; the call runs in the caller's unit of work.
"""

from __future__ import annotations

from typing import Any, TypeVar

Port = TypeVar("Port")


class MissingReader(LookupError):
    """A port nobody provided: a wiring mistake in ``app.py``, not a user's error."""


class Readers:
    def __init__(self) -> None:
        self._provided: dict[type, Any] = {}

    def provide(self, port: type[Port], reader: Port) -> None:
        self._provided[port] = reader

    def __getitem__(self, port: type[Port]) -> Port:
        try:
            return self._provided[port]
        except KeyError:
            raise MissingReader(f"No reader provides {port.__module__}.{port.__qualname__}.") from None
