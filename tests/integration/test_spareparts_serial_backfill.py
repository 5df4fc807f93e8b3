"""Migration 0004 places every serialized unit already in the books where its last entry took it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from core.cli import upgrade_database
from core.db import make_engine

ROWS = [
    "INSERT INTO sp_part (id, sku, name, compatible_models, unit_cost_cents, price_cents, serialized,"
    " returnable, reorder_point, active, created_at) VALUES"
    " (1, 'GB', 'Board', '[]', 0, 0, 1, 0, 0, 1, '2026-11-24'),"
    " (2, 'BOLT', 'Bolt', '[]', 0, 0, 0, 0, 0, 1, '2026-11-24')",
    "INSERT INTO sp_stock_location (id, code, name, kind, active) VALUES (1, 'SUPPLIER', 'S', 'SUPPLIER', 1),"
    " (2, 'WH', 'W', 'WAREHOUSE', 1), (3, 'VAN', 'V', 'VAN', 1)",
    "INSERT INTO sp_ledger_entry (id, kind, part_id, qty, from_location_id, to_location_id, condition,"
    " to_condition, serial, at) VALUES"
    " (1, 'RECEIVE', 1, 1, 1, 2, 'GOOD', 'GOOD', 'GB-1', '2026-11-24'),"
    " (2, 'RECEIVE', 1, 1, 1, 2, 'GOOD', 'GOOD', 'GB-2', '2026-11-24'),"
    " (3, 'TRANSFER', 1, 1, 2, 3, 'GOOD', 'GOOD', 'GB-1', '2026-11-24'),"
    " (4, 'RECEIVE', 2, 1, 1, 2, 'GOOD', 'GOOD', 'not-tracked', '2026-11-24')",
]


def test_existing_serialized_units_are_placed_by_their_latest_entry(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before-serials.db'}"
    upgrade_database(url, "0003")
    engine = make_engine(url)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    upgrade_database(url)
    with engine.connect() as connection:
        units = connection.execute(text(
            "SELECT serial, location_id, condition, last_entry_id FROM sp_serial_unit ORDER BY serial")).all()
    engine.dispose()
    assert [tuple(u) for u in units] == [("GB-1", 3, "GOOD", 3), ("GB-2", 2, "GOOD", 2)]
