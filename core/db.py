"""One metadata, the engine, and the unit of work.

Every request, job run and CLI command gets one ``UnitOfWork``: services flush, never commit;
the edge commits once at the end or rolls everything back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from core.clock import SystemClock
from core.events import Event, EventBus
from core.readers import Readers

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out — also on SQLite, which forgets the offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where aware UTC is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Sequence(Base):
    """Named counters for human-readable numbers (``SR-20261122-0007``)."""

    __tablename__ = "core_sequence"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int]


def next_in_sequence(session: Session, name: str) -> int:
    """Atomically increments a named counter; concurrent callers never share a value.

    An upsert takes the row lock on PostgreSQL and runs under the write lock on SQLite.
    """
    dialect_insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    table = Sequence.__table__
    stmt = (
        dialect_insert(table)
        .values(name=name, value=1)
        .on_conflict_do_update(index_elements=[table.c.name], set_={"value": table.c.value + 1})
        .returning(table.c.value)
    )
    return int(session.execute(stmt).scalar_one())


def make_engine(url: str, **options: Any) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **options)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, **options)


def _sqlite_engine(url: str, **options: Any) -> Engine:
    """SQLite with a real write lock taken at BEGIN.

    pysqlite begins transactions lazily and lets SELECTs run outside them, so a
    read-check-write would oversell. BEGIN IMMEDIATE makes each transaction take the write
    lock up front; concurrent writers queue on the busy timeout instead of failing.
    """
    engine = create_engine(url, poolclass=NullPool, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)


@dataclass
class UnitOfWork:
    """A session plus what services need besides it: the event bus, the clock, settings, and
    the readers through which a package asks another for facts (``core.readers``)."""

    session: Session
    bus: EventBus = field(default_factory=EventBus)
    clock: Any = field(default_factory=SystemClock)
    settings: dict[str, Any] = field(default_factory=dict)
    readers: Readers = field(default_factory=Readers)

    def now(self) -> datetime:
        return self.clock.now()

    def publish(self, event_: Event) -> None:
        self.bus.publish(self, event_)

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def close(self) -> None:
        self.session.close()


@contextmanager
def unit_of_work(
    factory: sessionmaker[Session], bus: EventBus, clock: Any, settings: dict[str, Any],
    readers: Readers | None = None,
) -> Iterator[UnitOfWork]:
    """For CLI commands and jobs: commit on success, roll back on any exception."""
    uow = UnitOfWork(factory(), bus, clock, settings, readers or Readers())
    try:
        yield uow
        uow.commit()
    except BaseException:
        uow.rollback()
        raise
    finally:
        uow.close()


class SelectCollection:
    """A lazily counted, sliceable SELECT for flask-smorest's pagination."""

    def __init__(self, session: Session, stmt: Any) -> None:
        self.session = session
        self.stmt = stmt
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            counted = select(func.count()).select_from(self.stmt.order_by(None).subquery())
            self._count = int(self.session.execute(counted).scalar_one())
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Any]:
        """A page past the end is empty without asking the database: a client's ``page=10**20``
        would otherwise overflow OFFSET (bigint on PostgreSQL, int64 on SQLite) into a 500."""
        start = window.start or 0
        if start >= self.count():
            return []
        stmt = self.stmt.offset(start).limit(window.stop - start)
        return list(self.session.execute(stmt).scalars().unique())
