"""The migrations build the whole schema from empty, and it matches the models exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app import load_models
from core.cli import upgrade_database
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
