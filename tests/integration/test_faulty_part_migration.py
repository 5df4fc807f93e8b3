"""Migration 0005 moves the faulty-part facts from the work order's parts lines to spare parts'
returns (their one owner), linking each return to its line through the consumption entry;
and the downgrade puts them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from core.cli import alembic_config, upgrade_database
from core.db import make_engine
from tests.integration.test_migrations import _drop, _empty_url
from tests.support.databases import backends

ROWS = [
    "INSERT INTO core_user (id, username, password_hash, role, active, created_at)"
    " VALUES (1, 'li', 'x', 'ENGINEER', TRUE, '2026-11-24')",
    "INSERT INTO wo_customer (id, name, tier, phone, created_at) VALUES (1, 'Chen', 'B', '1', '2026-11-24')",
    "INSERT INTO wo_site (id, customer_id, address, lat, lon) VALUES (1, 1, 'Futian', 22.5, 114.0)",
    "INSERT INTO wo_work_order (id, number, version, status, customer_id, site_id, work_type, priority,"
    " estimated_duration_s, chargeable, no_parts_used, created_at, updated_at) VALUES"
    " (7, 'WO-7', 1, 'IN_PROGRESS', 1, 1, 'REPAIR', 3, 3600, FALSE, FALSE, '2026-11-24', '2026-11-24'),"
    " (8, 'WO-8', 1, 'IN_PROGRESS', 1, 1, 'REPAIR', 3, 3600, FALSE, FALSE, '2026-11-24', '2026-11-24')",
    "INSERT INTO sp_part (id, sku, name, compatible_models, unit_cost_cents, price_cents, serialized,"
    " returnable, reorder_point, active, created_at) VALUES (1, 'MOTOR', 'Motor', '[]', 0, 0, FALSE, TRUE, 0,"
    " TRUE, '2026-11-24')",
    "INSERT INTO sp_stock_location (id, code, name, kind, active) VALUES (3, 'VAN', 'V', 'VAN', TRUE),"
    " (4, 'CUSTOMER', 'C', 'CUSTOMER', TRUE)",
    "INSERT INTO wo_part_used (id, work_order_id, sku, qty, serial, returnable, faulty_serial,"
    " faulty_missing_reason, recorded_at, recorded_by_user_id) VALUES"
    " (1, 7, 'MOTOR', 1, 'NEW-1', TRUE, 'OLD-1', NULL, '2026-11-24', 1),"  # collected with the line
    " (2, 7, 'MOTOR', 1, NULL, TRUE, NULL, 'Customer kept it', '2026-11-24', 1),"  # not returned
    " (3, 7, 'BOLT', 2, NULL, FALSE, NULL, NULL, '2026-11-24', 1),"  # owes nothing
    " (4, 7, 'MOTOR', 1, NULL, TRUE, 'no-serial', NULL, '2026-11-24', 1)",  # collected later, no serial
    "INSERT INTO sp_ledger_entry (id, kind, part_id, qty, from_location_id, to_location_id, condition,"
    " to_condition, work_order_id, reason, at) VALUES"
    " (1, 'CONSUME', 1, 1, 3, 4, 'GOOD', 'GOOD', 7, 'Parts line 1', '2026-11-24'),"
    " (2, 'CONSUME', 1, 1, 3, 4, 'GOOD', 'GOOD', 7, 'Parts line 2', '2026-11-24'),"
    " (3, 'CONSUME', 1, 1, 3, 4, 'GOOD', 'GOOD', 7, 'Parts line 4', '2026-11-24'),"
    " (4, 'CONSUME', 1, 1, 3, 4, 'GOOD', 'GOOD', 7, 'Fitted by the warehouse', '2026-11-24'),"
    " (5, 'CONSUME', 1, 1, 3, 4, 'GOOD', 'GOOD', 8, 'Parts line 3', '2026-11-24')",  # another job's
    "INSERT INTO sp_faulty_return (id, consume_entry_id, work_order_id, part_id, qty, van_id, old_serial,"
    " status, due_on, opened_at) VALUES"
    " (1, 1, 7, 1, 1, 3, 'OLD-1', 'COLLECTED', '2026-12-01', '2026-11-24'),"
    " (2, 2, 7, 1, 1, 3, NULL, 'EXPECTED', '2026-12-01', '2026-11-24'),"
    " (3, 3, 7, 1, 1, 3, NULL, 'RECEIVED', '2026-12-01', '2026-11-24'),"
    " (4, 4, 7, 1, 1, 3, NULL, 'EXPECTED', '2026-12-01', '2026-11-24'),"
    " (5, 5, 8, 1, 1, 3, NULL, 'EXPECTED', '2026-12-01', '2026-11-24')",
]


@pytest.mark.parametrize("backend", backends())
def test_faulty_part_facts_move_to_the_returns_and_back(backend: str, tmp_path: Path) -> None:
    url = _empty_url(backend, tmp_path)
    try:
        _migrate_rows_up_and_down(url)
    finally:
        if backend == "postgresql":
            _drop(url)


def _migrate_rows_up_and_down(url: str) -> None:
    upgrade_database(url, "0005")
    engine = make_engine(url)
    with engine.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))
    upgrade_database(url)
    with engine.connect() as connection:
        returns = connection.execute(text(
            "SELECT id, part_used_id, not_returned_reason, old_serial FROM sp_faulty_return ORDER BY id"
        )).all()
        line_columns = {c["name"] for c in inspect(connection).get_columns("wo_part_used")}
    assert [tuple(r) for r in returns] == [
        (1, 1, None, "OLD-1"), (2, 2, "Customer kept it", None), (3, 4, None, None), (4, None, None, None),
        (5, None, None, None)]
    assert line_columns == {"id", "work_order_id", "sku", "qty", "serial", "recorded_at",
                            "recorded_by_user_id"}

    command.downgrade(alembic_config(url), "0005")
    with engine.connect() as connection:
        lines = connection.execute(text(
            "SELECT id, returnable, faulty_serial, faulty_missing_reason FROM wo_part_used ORDER BY id"
        )).all()
    engine.dispose()
    assert [tuple(r) for r in lines] == [
        (1, 1, "OLD-1", None), (2, 1, None, "Customer kept it"), (3, 0, None, None),
        (4, 1, "no-serial", None)]
