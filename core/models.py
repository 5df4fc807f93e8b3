"""Core's tables (users and tokens, idempotency keys, named counters), gathered so
``app.load_models`` (and so Alembic) sees them all."""

from core import auth, db, idempotency

__all__ = ["auth", "db", "idempotency"]
