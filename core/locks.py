"""One lock per scheduled job, so a second scheduler started by mistake does no harm.

PostgreSQL: a session-level advisory lock on a connection held for the job's duration (it is
released when the job ends or the connection dies). SQLite is a single-machine embedded
database with a single scheduler process; there the lock is a no-op.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text


def lock_key(name: str) -> int:
    """A stable 32-bit key per job name (advisory locks take bigints)."""
    return zlib.crc32(name.encode())


@contextmanager
def job_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Yields True if this process holds the job's lock, False if another one does."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection:
        got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                      {"k": lock_key(name)}).scalar())
        connection.commit()
        try:
            yield got
        finally:
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(name)})
                connection.commit()
