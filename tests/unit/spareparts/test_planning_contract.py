"""The functions planning codes against keep their names and keyword arguments, and what they
hand back are frozen copies, not the package's rows."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

import spareparts


def _keywords(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_the_contract_with_planning_is_exported_under_its_names() -> None:
    assert _keywords(spareparts.van_location_of) == ["uow", "engineer_id"]
    assert _keywords(spareparts.available_quantities) == ["uow", "skus"]
    assert _keywords(spareparts.reserve) == ["uow", "actor", "work_order_id", "sku", "location_id", "qty",
                                             "engineer_id", "needed_on"]
    assert _keywords(spareparts.release_reservations_for_work_order) == [
        "uow", "actor", "work_order_id", "reason"]
    assert _keywords(spareparts.active_reservations_for_work_order) == ["uow", "work_order_id"]
    assert {"reserve", "available_quantities", "van_location_of", "release_reservations_for_work_order",
            "active_reservations_for_work_order"} <= set(spareparts.__all__)


def test_reserve_takes_everything_but_the_unit_of_work_and_actor_by_keyword() -> None:
    parameters = inspect.signature(spareparts.reserve).parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in parameters.items()
               if name not in ("uow", "actor"))
    assert parameters["engineer_id"].default is None and parameters["needed_on"].default is None


@pytest.mark.parametrize("facts", [spareparts.VanFacts(3, 7, 1),
                                   spareparts.ReservationFacts(5, 9, "LK-1", 3, 2)])
def test_what_planning_reads_is_a_frozen_copy(facts: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.id = 0  # type: ignore[attr-defined]
