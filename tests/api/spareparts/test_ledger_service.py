"""The ledger's use cases on both databases: balances follow every entry, nothing oversells,
and a refused movement leaves no trace."""

from __future__ import annotations

import pytest
from flask import Flask

import spareparts
from core.auth import Actor, Role
from core.errors import DomainError
from spareparts.ledger.models import Condition, LedgerEntry
from spareparts.reservations import service as reservations
from spareparts.reservations.models import ReservationStatus
from spareparts.stock import movements
from tests.api.spareparts.conftest import Depot
from tests.support.spareparts import available_at, books_balance, make_part, put_stock, run
from tests.support.workorders import make_work_order
from workorders import Status

CLERK = Actor(1, "wu", Role.WAREHOUSE)


def _move(app: Flask, **movement: object) -> list[LedgerEntry]:
    return run(app, lambda uow: movements.record_movement(uow, None, movement))


def _refusal(app: Flask, work: object) -> DomainError:
    with pytest.raises(DomainError) as refused:
        run(app, work)  # type: ignore[arg-type]
    return refused.value


def _entries(app: Flask) -> int:
    return run(app, lambda uow: uow.session.query(LedgerEntry).count())


def test_receive_transfer_and_consume_move_balances_with_the_ledger(app: Flask, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    _move(app, kind="receive", to_location_id=depot.futian, lines=[{"sku": "LK-MOTOR", "qty": 5}])
    _move(app, kind="transfer", from_location_id=depot.futian, to_location_id=depot.van_a,
          lines=[{"sku": "LK-MOTOR", "qty": 2}])
    job = make_work_order(app, Status.ON_SITE, engineer_id=depot.a_id)
    _move(app, kind="consume", work_order_id=job, lines=[{"sku": "LK-MOTOR", "qty": 1}])
    assert available_at(app, depot.futian, "LK-MOTOR") == 3
    assert available_at(app, depot.van_a, "LK-MOTOR") == 1
    assert books_balance(app)


def test_reserving_holds_stock_until_released(app: Flask, depot: Depot) -> None:
    make_part(app, "CAM-LENS")
    put_stock(app, depot.futian, "CAM-LENS", 3)
    job = make_work_order(app, Status.SCHEDULED)
    held = run(app, lambda uow: reservations.reserve(uow, CLERK, work_order_id=job, sku="CAM-LENS",
                                                     location_id=depot.futian, qty=2).id)
    assert available_at(app, depot.futian, "CAM-LENS") == 1
    refused = _refusal(app, lambda uow: reservations.reserve(
        uow, CLERK, work_order_id=job, sku="CAM-LENS", location_id=depot.futian, qty=2))
    assert refused.code == "insufficient-stock" and refused.context["available"] == 1
    released = run(app, lambda uow: reservations.release_reservations_for_work_order(uow, CLERK, job, "test"))
    assert [r.id for r in released] == [held]
    again = run(app, lambda uow: reservations.release_reservations_for_work_order(uow, CLERK, job, "again"))
    assert again == []
    assert available_at(app, depot.futian, "CAM-LENS") == 3
    assert books_balance(app)


def test_planning_reads_vans_and_reservations_as_frozen_facts(app: Flask, depot: Depot) -> None:
    make_part(app, "CAM-LENS")
    put_stock(app, depot.futian, "CAM-LENS", 3)
    job = make_work_order(app, Status.SCHEDULED)
    held = run(app, lambda uow: spareparts.reserve(uow, CLERK, work_order_id=job, sku="CAM-LENS",
                                                   location_id=depot.futian, qty=2))
    assert held == spareparts.ReservationFacts(held.id, job, "CAM-LENS", depot.futian, 2)
    assert run(app, lambda uow: spareparts.active_reservations_for_work_order(uow, job)) == [held]
    released = run(app, lambda uow: spareparts.release_reservations_for_work_order(uow, CLERK, job, "x"))
    assert released == [held]
    assert run(app, lambda uow: spareparts.active_reservations_for_work_order(uow, job)) == []
    van = run(app, lambda uow: spareparts.van_location_of(uow, depot.a_id))
    assert van == spareparts.VanFacts(depot.van_a, depot.a_id, depot.futian)
    assert run(app, lambda uow: spareparts.van_location_of(uow, 2**31 - 1)) is None
    assert books_balance(app)

def test_issuing_a_reservation_moves_it_from_the_warehouse_into_the_van(app: Flask, depot: Depot) -> None:
    make_part(app, "GW-BOARD", serialized=True)
    put_stock(app, depot.futian, "GW-BOARD", serials=["GB-1", "GB-2"])
    job = make_work_order(app, Status.ASSIGNED, engineer_id=depot.a_id)
    held = run(app, lambda uow: reservations.reserve(uow, CLERK, work_order_id=job, sku="GW-BOARD",
                                                     location_id=depot.futian, qty=1,
                                                     engineer_id=depot.a_id).id)
    missing = _refusal(app, lambda uow: reservations.issue(uow, CLERK, held))
    assert missing.code == "serial-required"
    run(app, lambda uow: reservations.issue(uow, CLERK, held, ["GB-2"]))
    status = run(app, lambda uow: reservations.get_reservation(uow, None, held).status)
    assert status is ReservationStatus.ISSUED
    assert (available_at(app, depot.futian, "GW-BOARD"), available_at(app, depot.van_a, "GW-BOARD")) == (1, 1)
    assert books_balance(app)


def test_a_movement_refused_on_its_third_line_writes_nothing(app: Flask, depot: Depot) -> None:
    for sku in ("A-1", "A-2", "A-3"):
        make_part(app, sku)
        put_stock(app, depot.futian, sku, 2)
    before = _entries(app)

    def three_lines_then_carry_on(uow: object) -> None:
        with pytest.raises(DomainError) as refused:
            movements.record_movement(uow, None, {  # type: ignore[arg-type]
                "kind": "transfer", "from_location_id": depot.futian, "to_location_id": depot.van_a,
                "lines": [{"sku": "A-1", "qty": 1}, {"sku": "A-2", "qty": 2}, {"sku": "A-3", "qty": 3}]})
        assert refused.value.code == "insufficient-stock"

    run(app, three_lines_then_carry_on)  # the caller catches the refusal and commits anyway
    assert _entries(app) == before
    assert [available_at(app, depot.van_a, s) for s in ("A-1", "A-2", "A-3")] == [0, 0, 0]
    assert books_balance(app)


@pytest.mark.parametrize(("line", "code"), [
    ({"sku": "NOPE", "qty": 1}, "unknown-part"),
    ({"sku": "SER", "qty": 1}, "serial-required"),
    ({"sku": "SER", "qty": 2, "serial": "S-1"}, "invalid-quantity"),
    ({"sku": "PLAIN", "qty": 0}, "invalid-quantity"),
    ({"sku": "PLAIN", "qty": -3}, "invalid-quantity"),
])
def test_bad_lines_are_refused_with_a_reason(app: Flask, depot: Depot, line: dict, code: str) -> None:
    make_part(app, "SER", serialized=True)
    make_part(app, "PLAIN")
    refused = _refusal(app, lambda uow: movements.record_movement(
        uow, None, {"kind": "receive", "to_location_id": depot.futian, "lines": [line]}))
    assert refused.code == code
    assert _entries(app) == 0


def test_unknown_and_virtual_locations_are_refused(app: Flask, depot: Depot) -> None:
    make_part(app, "PLAIN")
    unknown = _refusal(app, lambda uow: movements.record_movement(
        uow, None, {"kind": "receive", "to_location_id": 999999, "lines": [{"sku": "PLAIN", "qty": 1}]}))
    assert unknown.code == "unknown-location"
    to_van = _refusal(app, lambda uow: movements.record_movement(
        uow, None, {"kind": "receive", "to_location_id": depot.van_a, "lines": [{"sku": "PLAIN", "qty": 1}]}))
    assert to_van.code == "invalid-movement"


def test_a_count_books_the_difference_against_adjustments(app: Flask, depot: Depot) -> None:
    make_part(app, "BOLT")
    put_stock(app, depot.futian, "BOLT", 10)
    _move(app, kind="adjust", location_id=depot.futian, lines=[{"sku": "BOLT", "counted_qty": 7}])
    assert available_at(app, depot.futian, "BOLT") == 7
    _move(app, kind="adjust", location_id=depot.futian, lines=[{"sku": "BOLT", "counted_qty": 9}])
    assert available_at(app, depot.futian, "BOLT") == 9
    assert books_balance(app)


def test_a_cancelled_work_order_releases_its_reservations_in_the_same_transaction(
        app: Flask, depot: Depot) -> None:
    from workorders.orders.service import transition_work_order

    make_part(app, "LK-MOTOR")
    put_stock(app, depot.futian, "LK-MOTOR", 2)
    job = make_work_order(app, Status.SCHEDULED)
    run(app, lambda uow: reservations.reserve(uow, CLERK, work_order_id=job, sku="LK-MOTOR",
                                              location_id=depot.futian, qty=2))
    office = Actor(depot.dispatcher.user_id, "dana", Role.DISPATCHER)
    run(app, lambda uow: transition_work_order(uow, office, job, None, Status.CANCELLED, {"reason": "Gone"}))
    assert available_at(app, depot.futian, "LK-MOTOR") == 2
    assert run(app, lambda uow: reservations.active_reservations_for_work_order(uow, job)) == []
    refused = _refusal(app, lambda uow: reservations.reserve(
        uow, CLERK, work_order_id=job, sku="LK-MOTOR", location_id=depot.futian, qty=1))
    assert refused.code == "work-order-closed"
    assert books_balance(app)


def test_a_new_engineer_gets_a_van_supplied_by_the_nearest_warehouse(app: Flask, depot: Depot) -> None:
    from engineers.service import create_engineer
    from spareparts.locations.service import find_van

    def hire(uow: object) -> tuple[int | None, str]:
        engineer = create_engineer(uow, name="He Yan", phone="+86 1", home_lat=22.53,  # type: ignore[arg-type]
                                   home_lon=113.94)
        van = find_van(uow, engineer.id)  # type: ignore[arg-type]
        return van.supplying_warehouse_id, van.kind.value

    assert run(app, hire) == (depot.nanshan, "van")


def test_defective_stock_is_kept_apart_from_good(app: Flask, depot: Depot) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, depot.futian, "LK-MOTOR", 1, condition=Condition.DEFECTIVE)
    assert available_at(app, depot.futian, "LK-MOTOR") == 0
    _move(app, kind="disposition", from_location_id=depot.futian, disposition="restock",
          lines=[{"sku": "LK-MOTOR", "qty": 1}])
    assert available_at(app, depot.futian, "LK-MOTOR") == 1
    assert books_balance(app)
