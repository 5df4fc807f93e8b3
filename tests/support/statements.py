"""Counting the SQL statements a request executes, so a test can pin a query budget.

A budget in statements, not milliseconds: it holds on a loaded machine, it fails the day a
view starts loading rows one at a time, and it does not depend on the backend's speed.
``bench/api.py`` counts with the same context manager, so its figures and the tests agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event

# SQLite's engine begins each transaction with its own ``BEGIN IMMEDIATE`` (core.db), where
# psycopg begins implicitly; leaving transaction control out makes both backends count alike.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


@dataclass
class StatementCounter:
    """The statements executed inside the ``with`` block, in order, and the rows each one
    returned or changed (the driver's rowcount: exact on PostgreSQL; SQLite reports no
    rows for a SELECT), which shows a load that grows while the statement count stays put."""

    statements: list[str] = field(default_factory=list)
    rowcounts: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def rows(self) -> int:
        return sum(n for n in self.rowcounts if n > 0)

    def __str__(self) -> str:
        lines = [f"{self.count} statements:"]
        lines.extend(f"  {n}. {' '.join(sql.split())[:200]}" for n, sql in enumerate(self.statements, 1))
        return "\n".join(lines)


def engine_of(app_or_engine: Any) -> Engine:
    if isinstance(app_or_engine, Engine):
        return app_or_engine
    return app_or_engine.extensions["fixroute"].engine


@contextmanager
def count_statements(app_or_engine: Any) -> Iterator[StatementCounter]:
    """Counts every statement the app's engine sends while the block runs (any thread, any
    session of that engine: the auth lookup and the idempotency claim included).

        with count_statements(app) as counted:
            client.get("/api/v1/work-orders?per_page=20", headers=...)
        assert counted.count <= 5, counted
    """
    engine = engine_of(app_or_engine)
    counter = StatementCounter()

    def counted(statement: str) -> bool:
        return statement.lstrip().split(" ", 1)[0].upper() not in TRANSACTION_CONTROL

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if counted(statement):
            counter.statements.append(statement)

    def after(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if counted(statement):
            counter.rowcounts.append(cursor.rowcount)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
