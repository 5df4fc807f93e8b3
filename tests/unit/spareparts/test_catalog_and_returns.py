"""Domain rules without a database: CSV rows, due days and overdue returns, the nearest warehouse."""

from __future__ import annotations

from datetime import date

import pytest

from spareparts.catalog.service import _parse_row
from spareparts.locations.models import LocationKind, StockLocation
from spareparts.returns.models import FaultyReturn, ReturnStatus


def test_a_csv_row_becomes_a_part_with_cents_and_flags() -> None:
    row = {"sku": " LK-MOTOR ", "name": "Lock motor", "compatible_models": "U200| M20 |",
           "unit_cost": "42.5", "price": "90", "serialized": "yes", "returnable": "FALSE",
           "reorder_point": "4", "active": ""}
    assert _parse_row(row) == {
        "sku": "LK-MOTOR", "name": "Lock motor", "compatible_models": ["U200", "M20"],
        "unit_cost_cents": 4250, "price_cents": 9000, "serialized": True, "returnable": False,
        "reorder_point": 4, "active": True}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("sku", "", "sku"), ("name", "", "name"), ("price", "12.345", "price"),
    ("unit_cost", "-1", "unit_cost"),
    ("price", "NaN", "price"), ("serialized", "maybe", "serialized"),
    ("reorder_point", "-2", "reorder_point"),
    ("reorder_point", "²", "reorder_point"),
])
def test_a_bad_cell_names_its_column(field: str, value: str, message: str) -> None:
    row = {"sku": "X-1", "name": "Thing"} | {field: value}
    with pytest.raises(ValueError, match=message):
        _parse_row(row)


def _owed(status: ReturnStatus, due_on: date) -> FaultyReturn:
    return FaultyReturn(status=status, due_on=due_on, qty=1)


def test_a_return_is_overdue_only_while_owed_and_after_its_due_day() -> None:
    due = FaultyReturn.due_after(date(2026, 11, 23), 7)
    assert due == date(2026, 11, 30)
    assert not _owed(ReturnStatus.EXPECTED, due).overdue_on(date(2026, 11, 30))
    assert _owed(ReturnStatus.EXPECTED, due).overdue_on(date(2026, 12, 1))
    assert _owed(ReturnStatus.COLLECTED, due).overdue_on(date(2026, 12, 1))
    assert not _owed(ReturnStatus.RECEIVED, due).overdue_on(date(2026, 12, 1))


def test_distances_pick_the_nearest_warehouse_and_a_placeless_one_is_never_nearest() -> None:
    futian = StockLocation(code="WH-FT", kind=LocationKind.WAREHOUSE, lat=22.541, lon=114.055)
    nanshan = StockLocation(code="WH-NS", kind=LocationKind.WAREHOUSE, lat=22.533, lon=113.930)
    nowhere = StockLocation(code="SUPPLIER", kind=LocationKind.SUPPLIER)
    home = (22.53, 113.94)
    nearest = min((futian, nanshan, nowhere), key=lambda w: w.distance_m(*home))
    assert nearest is nanshan
    assert 11_500 < futian.distance_m(*home) < 12_500
    assert futian.physical and not nowhere.physical
