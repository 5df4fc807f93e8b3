"""Every port a package declares is provided by ``app.py``, with a read function that takes
the call the port describes: a port left out would fail only on the request that uses it."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import pytest

from app import provide_readers
from core.readers import MissingReader, Readers
from spareparts import ports as spareparts_ports
from workorders import ports as workorders_ports

PORT_MODULES = [workorders_ports, spareparts_ports]


def _reader_ports(module: ModuleType) -> list[type]:
    """The Protocols with a ``__call__`` (a call to make), not those describing a fact's shape."""
    return [value for value in vars(module).values()
            if inspect.isclass(value) and value.__module__ == module.__name__ and "__call__" in vars(value)]


def _ports() -> list[type]:
    return [port for module in PORT_MODULES for port in _reader_ports(module)]


def test_each_package_declares_its_ports() -> None:
    assert {port.__qualname__ for port in _reader_ports(workorders_ports)} == {
        "KnownEngineers", "KnownSkus", "FaultyPartsOfWorkOrder", "EngineerNames"}
    assert {port.__qualname__ for port in _reader_ports(spareparts_ports)} == {
        "WorkOrderFactsById", "WorkOrderNumbers", "EngineerNames", "KnownEngineers"}


@pytest.mark.parametrize("port", _ports(), ids=lambda port: f"{port.__module__}.{port.__qualname__}")
def test_the_port_is_provided_with_a_reader_taking_its_call(port: type) -> None:
    reader: Any = provide_readers(Readers())[port]
    wanted = [name for name in inspect.signature(port.__call__).parameters if name != "self"]
    inspect.signature(reader).bind(*wanted)  # the same number of positional arguments


def test_a_port_nobody_provides_is_a_wiring_mistake() -> None:
    with pytest.raises(MissingReader):
        Readers()[workorders_ports.KnownSkus]
