"""The migrations build the whole schema from empty, and it matches the models exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app import load_models
from core.cli import alembic_config, upgrade_database
from core.db import Base, make_engine
from tests.support.databases import SERVER_URL, backends


def _empty_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.db'}"
    schema = f"fixroute_migrated_{os.getpid()}"
    engine = make_engine(SERVER_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{SERVER_URL}?options=-csearch_path%3D{schema}"


@pytest.mark.parametrize("backend", backends())
def test_migrations_from_empty_match_the_models(backend: str, tmp_path: Path) -> None:
    url = _empty_url(backend, tmp_path)
    upgrade_database(url)
    load_models()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
        if backend == "postgresql":
            _drop(url)
    assert differences == []


def _drop(url: str) -> None:
    schema = url.rsplit("%3D", 1)[1]
    engine = make_engine(SERVER_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


NOTICE = ("INSERT INTO {table} (work_order_id, customer_id, plan_id, message, status, attempts, created_at) "
          "VALUES (1, 2, 3, :message, 'PENDING', 0, '2026-11-23 01:00:00')")


@pytest.mark.parametrize("backend", backends())
def test_the_notice_outbox_moves_to_notifications_with_its_rows(backend: str, tmp_path: Path) -> None:
    """0005 renames dp_customer_notice to nt_customer_notice: the rows stay, ids go on."""
    url = _empty_url(backend, tmp_path)
    upgrade_database(url, "0004")
    try:
        _insert_notice(url, "dp_customer_notice", "told before the move")
        upgrade_database(url, "head")
        _insert_notice(url, "nt_customer_notice", "told after the move")
        both = [(1, "told before the move"), (2, "told after the move")]
        assert _notices(url, "nt_customer_notice") == both
        names = _names(url, "nt_customer_notice")
        assert all(name.startswith(("pk_nt_", "fk_nt_", "ix_nt_")) for name in names), names
        command.downgrade(alembic_config(url), "0004")
        assert _notices(url, "dp_customer_notice") == both
    finally:
        if backend == "postgresql":
            _drop(url)


def _insert_notice(url: str, table: str, message: str) -> None:
    """A row whose work order, customer and plan do not exist: the foreign keys are off here."""
    engine = make_engine(url) if url.startswith("postgresql") else create_engine(url)  # no PRAGMAs
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(NOTICE.format(table=table)), {"message": message})
    engine.dispose()


def _names(url: str, table: str) -> list[str]:
    """The table's primary key, foreign keys and indexes, by name."""
    engine = make_engine(url)
    found = inspect(engine)
    names = [found.get_pk_constraint(table)["name"], *(fk["name"] for fk in found.get_foreign_keys(table)),
             *(ix["name"] for ix in found.get_indexes(table))]
    engine.dispose()
    assert len(names) == 8, names
    return names


def _notices(url: str, table: str) -> list[tuple[int, str]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT id, message FROM {table} ORDER BY id")).all()
    engine.dispose()
    return [tuple(row) for row in rows]
