"""Idempotency keys for the writes a phone makes, so a retried tap has exactly one effect.

A key is claimed in its own short transaction before the work starts; the first answer is
stored in the same transaction as the work itself, so either both land or neither does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base, UTCDateTime
from core.errors import Conflict, FieldError, InvalidInput

IN_FLIGHT_LEASE_S = 60


class IdempotencyKeyReused(InvalidInput):
    code = "idempotency-key-reused"
    title = "This Idempotency-Key was used with a different request"


class IdempotencyKeyInFlight(Conflict):
    code = "idempotency-key-in-flight"
    title = "A request with this Idempotency-Key is still being processed"


class IdempotencyRecord(Base):
    __tablename__ = "core_idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id"))
    key: Mapped[str] = mapped_column(String(255))
    request_sha256: Mapped[str] = mapped_column(String(64))
    completed: Mapped[bool] = mapped_column(default=False)
    status_code: Mapped[int | None]
    response_body: Mapped[str | None] = mapped_column(Text)
    response_headers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    locked_until: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: str
    headers: dict[str, str]


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """Same method, path and JSON content (whatever its spacing or key order) → same print."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def validate_key(key: str) -> None:
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise InvalidInput(
            "Idempotency-Key must be 1–255 printable characters.",
            [FieldError("Idempotency-Key", "1–255 printable characters.", "header")],
        )


def claim(
    session: Session, user_id: int, key: str, fingerprint: str, now: datetime, ttl_s: int
) -> StoredResponse | None:
    """Claims the key (and commits), or returns the first answer to replay.

    Raises when the key belongs to another request or the first one is still running.
    """
    validate_key(key)
    existing = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
    if existing is not None and _is_reclaimable(existing, now):
        session.delete(existing)
        session.flush()
        existing = None
    if existing is None:
        return _insert_claim(session, user_id, key, fingerprint, now, ttl_s)
    return _answer_for(existing, fingerprint)


def _is_reclaimable(record: IdempotencyRecord, now: datetime) -> bool:
    expired = record.expires_at <= now
    abandoned = not record.completed and record.locked_until <= now
    return expired or abandoned


def _insert_claim(
    session: Session, user_id: int, key: str, fingerprint: str, now: datetime, ttl_s: int
) -> None:
    session.add(
        IdempotencyRecord(
            user_id=user_id,
            key=key,
            request_sha256=fingerprint,
            locked_until=now + timedelta(seconds=IN_FLIGHT_LEASE_S),
            expires_at=now + timedelta(seconds=ttl_s),
        )
    )
    try:
        session.commit()
    except IntegrityError as race:
        session.rollback()
        raise IdempotencyKeyInFlight("Another request with this key started just now.") from race
    return None


def _answer_for(record: IdempotencyRecord, fingerprint: str) -> StoredResponse:
    if record.request_sha256 != fingerprint:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request body.",
            [FieldError("Idempotency-Key", "Already used for a different request.", "header")],
        )
    if not record.completed:
        raise IdempotencyKeyInFlight("The first request with this key has not finished yet.")
    return StoredResponse(
        record.status_code or 200, record.response_body or "", dict(record.response_headers or {})
    )


def complete(session: Session, user_id: int, key: str, response: StoredResponse) -> None:
    """Stores the first answer in the caller's transaction, next to the work it describes."""
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
    if record is None:
        return
    record.completed = True
    record.status_code = response.status_code
    record.response_body = response.body
    record.response_headers = response.headers


def release(session: Session, user_id: int, key: str) -> None:
    """Frees a key whose request failed, so the same request may be retried."""
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id,
            IdempotencyRecord.key == key,
            IdempotencyRecord.completed.is_(False),
        )
    )
    session.commit()


def purge_expired(session: Session, now: datetime) -> int:
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now))
    return int(result.rowcount or 0)


def stored_headers(headers: Any) -> dict[str, str]:
    keep = ("ETag", "Location", "Content-Type")
    return {name: headers[name] for name in keep if name in headers}
