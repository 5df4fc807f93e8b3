"""The ledger is append-only: no code path updates or deletes an entry, and PostgreSQL itself
refuses to, both in the tests' schema (create_all) and in a schema built by the migrations."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from core.auth import Actor, Role
from core.cli import upgrade_database
from core.db import make_engine
from spareparts.reservations import service as reservations
from spareparts.returns import service as returns
from spareparts.returns.models import Disposition
from spareparts.stock import movements
from tests.support.databases import SERVER_URL
from tests.support.engineers import make_engineer
from tests.support.spareparts import make_part, make_van, make_warehouse, put_stock, run
from tests.support.workorders import make_work_order
from workorders import Status

CLERK = Actor(1, "wu", Role.WAREHOUSE)
ROOT = Path(__file__).resolve().parents[2]
WRITES_TO_LEDGER = re.compile(r"^\s*(UPDATE\s+sp_ledger_entry|DELETE\s+FROM\s+sp_ledger_entry)", re.I)


def _every_kind_of_movement(app: Flask) -> None:
    """receive, transfer, adjust, scrap, reserve/issue, consume, collect, return, disposition."""
    warehouse, engineer = make_warehouse(app, "WH-1"), make_engineer(app)
    van = make_van(app, engineer)
    make_part(app, "LK-MOTOR", returnable=True)
    job = make_work_order(app, Status.IN_PROGRESS, engineer_id=engineer)
    for movement in (
        {"kind": "receive", "to_location_id": warehouse, "lines": [{"sku": "LK-MOTOR", "qty": 6}]},
        {"kind": "transfer", "from_location_id": warehouse, "to_location_id": van,
         "lines": [{"sku": "LK-MOTOR"}]},
        {"kind": "adjust", "location_id": warehouse, "lines": [{"sku": "LK-MOTOR", "counted_qty": 4}]},
        {"kind": "scrap", "from_location_id": warehouse, "lines": [{"sku": "LK-MOTOR"}]},
        {"kind": "consume", "work_order_id": job, "lines": [{"sku": "LK-MOTOR"}]},
        {"kind": "collect", "work_order_id": job, "lines": [{"sku": "LK-MOTOR", "serial": None}]},
    ):
        run(app, lambda uow, m=movement: movements.record_movement(uow, None, m))
    held = run(app, lambda uow: reservations.reserve(uow, None, work_order_id=job, sku="LK-MOTOR",
                                                     location_id=warehouse, qty=1, engineer_id=engineer).id)
    run(app, lambda uow: reservations.issue(uow, None, held))
    owed = run(app, lambda uow: returns.list_returns(uow, CLERK, {})[0:1][0].id)
    run(app, lambda uow: returns.receive(uow, None, owed, warehouse))
    run(app, lambda uow: returns.disposition(uow, None, owed, Disposition.RESTOCK))


def test_no_code_path_updates_or_deletes_a_ledger_row(app: Flask) -> None:
    seen: list[str] = []
    engine = app.extensions["fixroute"].engine
    listener = lambda _c, _cur, statement, *_rest: seen.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        _every_kind_of_movement(app)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert any(s.lstrip().upper().startswith("INSERT INTO SP_LEDGER_ENTRY") for s in seen)
    assert [s for s in seen if WRITES_TO_LEDGER.search(s)] == []


def test_the_source_has_no_update_or_delete_of_ledger_entries() -> None:
    forbidden = re.compile(r"(update|delete)\(\s*LedgerEntry|sp_ledger_entry\s+SET|session\.delete\(")
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "spareparts").rglob("*.py")
                 if forbidden.search(path.read_text())]
    assert offenders == []


def test_one_function_writes_ledger_entries() -> None:
    """Only ``spareparts.ledger.service.append`` makes a ledger row (the class itself aside)."""
    made = re.compile(r"\bLedgerEntry\(\s*[a-z_]+\s*=")
    writers = {str(path.relative_to(ROOT)): len(made.findall(path.read_text()))
               for path in (ROOT / "spareparts").rglob("*.py") if made.search(path.read_text())}
    assert writers == {"spareparts/ledger/service.py": 1}


@pytest.mark.postgres_only
def test_postgresql_refuses_to_change_or_delete_a_ledger_entry(app: Flask) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, make_warehouse(app, "WH-1"), "LK-MOTOR", 2)
    engine = app.extensions["fixroute"].engine
    for statement in ("UPDATE sp_ledger_entry SET qty = 1", "DELETE FROM sp_ledger_entry"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT sum(qty) FROM sp_ledger_entry")).scalar_one() == 2


@pytest.mark.postgres_only
def test_the_migrations_install_the_same_refusal(database_url: str) -> None:
    schema = f"fixroute_ledger_migrated_{os.getpid()}"
    admin = make_engine(SERVER_URL)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{SERVER_URL}?options=-csearch_path%3D{schema}"
    try:
        upgrade_database(url)
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO sp_part (id, sku, name, compatible_models, unit_cost_cents, price_cents,"
                " serialized, returnable, reorder_point, active, created_at)"
                " VALUES (1, 'P', 'P', '[]', 0, 0, false, false, 0, true, now())"))
            connection.execute(text("INSERT INTO sp_stock_location (id, code, name, kind, active) VALUES "
                                    "(1, 'A', 'A', 'SUPPLIER', true), (2, 'B', 'B', 'WAREHOUSE', true)"))
            connection.execute(text(
                "INSERT INTO sp_ledger_entry (kind, part_id, qty, from_location_id, to_location_id,"
                " condition, to_condition, at) VALUES ('RECEIVE', 1, 1, 1, 2, 'GOOD', 'GOOD', now())"))
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text("DELETE FROM sp_ledger_entry"))
        engine.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()
