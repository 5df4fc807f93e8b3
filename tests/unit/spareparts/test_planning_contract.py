"""The functions planning codes against keep their names and keyword arguments."""

from __future__ import annotations

import inspect

import spareparts
from spareparts import service


def _keywords(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_the_contract_with_planning_is_exported_under_its_names() -> None:
    assert _keywords(service.van_location_of) == ["uow", "engineer_id"]
    assert _keywords(service.available_quantities) == ["uow", "skus"]
    assert _keywords(service.reserve) == ["uow", "actor", "work_order_id", "sku", "location_id", "qty",
                                          "engineer_id", "needed_on"]
    assert _keywords(service.release_reservations_for_work_order) == [
        "uow", "actor", "work_order_id", "reason"]
    assert _keywords(service.active_reservations_for_work_order) == ["uow", "work_order_id"]
    assert spareparts.reserve is service.reserve


def test_reserve_takes_everything_but_the_unit_of_work_and_actor_by_keyword() -> None:
    parameters = inspect.signature(service.reserve).parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in parameters.items()
               if name not in ("uow", "actor"))
    assert parameters["engineer_id"].default is None and parameters["needed_on"].default is None
