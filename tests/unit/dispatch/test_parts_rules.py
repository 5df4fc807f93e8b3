"""Who can obtain a job's parts, and where each part is taken from."""

from __future__ import annotations

from types import SimpleNamespace

from dispatch.planning.parts import PartSources, can_obtain, engineers_who_can_obtain, needs_of, source_for

VAN_A, VAN_B, WAREHOUSE = 10, 11, 1
SOURCES = {1: PartSources(VAN_A, WAREHOUSE), 2: PartSources(VAN_B, None), 3: PartSources(None, None)}


def test_the_van_is_preferred_when_it_holds_the_whole_quantity() -> None:
    stock = {(VAN_A, "M"): 2, (WAREHOUSE, "M"): 9}
    assert source_for("M", 2, SOURCES[1], stock) == VAN_A
    assert source_for("M", 3, SOURCES[1], stock) == WAREHOUSE
    assert source_for("M", 10, SOURCES[1], stock) is None


def test_an_engineer_without_a_warehouse_gets_only_what_the_van_holds() -> None:
    stock = {(WAREHOUSE, "M"): 5}
    assert engineers_who_can_obtain({"M": 1}, SOURCES, stock) == frozenset({1})


def test_every_part_of_the_job_must_be_obtainable() -> None:
    stock = {(VAN_B, "M"): 1, (VAN_B, "P"): 0, (WAREHOUSE, "P"): 1, (WAREHOUSE, "M"): 1}
    assert not can_obtain({"M": 1, "P": 1}, SOURCES[2], stock)
    assert can_obtain({"M": 1, "P": 1}, SOURCES[1], stock)
    assert engineers_who_can_obtain({"M": 1, "P": 1}, SOURCES, stock) == frozenset({1})


def test_nobody_can_obtain_a_part_no_stock_holds() -> None:
    assert engineers_who_can_obtain({"X": 1}, SOURCES, {}) == frozenset()


def test_two_lines_of_one_part_need_both_quantities() -> None:
    lines = [SimpleNamespace(sku="M", qty=1), SimpleNamespace(sku="M", qty=2),
             SimpleNamespace(sku="P", qty=1)]
    assert needs_of(lines) == {"M": 3, "P": 1}


def test_parts_are_taken_in_route_order_and_run_out_for_the_second_job() -> None:
    from dispatch.planning.parts import allocate

    needs = {100: {"M": 1}, 101: {"M": 1}, 102: {"M": 1, "P": 1}}
    stock = {(VAN_A, "M"): 1, (WAREHOUSE, "M"): 1, (WAREHOUSE, "P"): 0}

    taken, short = allocate([(100, 1), (101, 1), (102, 1)], needs, SOURCES, stock)

    assert [(t.work_order_id, t.location_id) for t in taken] == [(100, VAN_A), (101, WAREHOUSE)]
    assert short == [(102, 1)]


def test_a_job_short_of_one_part_gives_back_the_others() -> None:
    from dispatch.planning.parts import allocate

    needs = {100: {"M": 1, "P": 1}, 101: {"M": 1}}
    taken, short = allocate([(100, 1), (101, 1)], needs, SOURCES, {(VAN_A, "M"): 1})

    assert short == [(100, 1)]
    assert [(t.work_order_id, t.location_id) for t in taken] == [(101, VAN_A)]
