"""Test databases: a SQLite file and the local PostgreSQL, each emptied between tests.

The schema is built once per session (and per backend) from the one metadata; the
migrations get their own test that builds from empty and compares with the models.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, text

from core.db import Base, make_engine

SERVER_URL = os.environ.get(
    "FIXROUTE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Each test run gets its own schema, so two runs on one machine never empty each other's tables.
RUN_SCHEMA = f"fixroute_test_{os.getpid()}"
POSTGRES_URL = f"{SERVER_URL}?options=-csearch_path%3D{RUN_SCHEMA}"


def backends() -> list[str]:
    """``FIXROUTE_TEST_BACKENDS=sqlite`` runs a quick local loop; CI runs both."""
    chosen = os.environ.get("FIXROUTE_TEST_BACKENDS", "sqlite,postgresql")
    return [name.strip() for name in chosen.split(",") if name.strip()]


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'fixroute-test.db'}"


def build_schema(url: str) -> None:
    from app import load_models

    load_models()
    engine = make_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {RUN_SCHEMA} CASCADE"))
                connection.execute(text(f"CREATE SCHEMA {RUN_SCHEMA}"))
        else:
            Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


def empty_tables(engine: Engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            connection.execute(text(f"DELETE FROM {table}"))
        has_sequence = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
        ).first()
        if has_sequence:
            connection.execute(text("DELETE FROM sqlite_sequence"))


def drop_run_schema() -> None:
    engine = make_engine(SERVER_URL)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {RUN_SCHEMA} CASCADE"))
    finally:
        engine.dispose()
