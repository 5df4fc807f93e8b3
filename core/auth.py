"""Users, roles, bearer tokens and the login throttle.

Tokens are random and only their SHA-256 is stored, so a database leak yields no usable
token. Passwords are hashed with argon2id at OWASP's minimum (m=19 MiB, t=2, p=1).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from limits import parse
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import Enum, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base, UnitOfWork, UTCDateTime
from core.errors import Conflict, FieldError, InvalidInput, TooManyRequests, Unauthorized


class Role(enum.StrEnum):
    ADMIN = "admin"
    DISPATCHER = "dispatcher"
    ENGINEER = "engineer"
    WAREHOUSE = "warehouse"
    AGENT = "agent"  # customer service: intake, triage, complaints
    SUPERVISOR = "supervisor"  # the agents' lead: an agent who also assigns and takes escalations


class User(Base):
    __tablename__ = "core_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=16))
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiToken(Base):
    __tablename__ = "core_api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


@dataclass(frozen=True)
class Actor:
    """Who is calling: what services check rights against (never the Flask request)."""

    user_id: int
    username: str
    role: Role
    engineer_id: int | None = None

    @property
    def is_engineer(self) -> bool:
        return self.role is Role.ENGINEER


@dataclass(frozen=True)
class IssuedToken:
    token: str
    role: Role
    expires_at: datetime


def password_hasher(time_cost: int = 2, memory_kib: int = 19 * 1024) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    username: str,
    password: str,
    role: Role,
    engineer_id: int | None = None,
) -> User:
    if role is Role.ENGINEER and engineer_id is None:
        raise InvalidInput(
            "An engineer user must be linked to an engineer.",
            [FieldError("engineer_id", "Required for the engineer role.")],
        )
    if len(password) < 8:
        raise InvalidInput("Password too short.", [FieldError("password", "At least 8 characters.")])
    if uow.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(f"User {username!r} already exists.")
    user = User(
        username=username,
        password_hash=hasher.hash(password),
        role=role,
        engineer_id=engineer_id if role is Role.ENGINEER else None,
        created_at=uow.now(),
    )
    uow.session.add(user)
    uow.session.flush()
    return user


class LoginThrottle:
    """Counts failed logins per username and client address, in Redis when configured.

    Only failures count, so a user who types the right password is never slowed down,
    while guessing against one account from one address stops after the limit.
    """

    def __init__(self, limit: str, storage_uri: str | None = None) -> None:
        self.limit = parse(limit)
        self.storage: Storage = storage_from_string(storage_uri or "memory://")
        self.limiter = MovingWindowRateLimiter(self.storage)

    def _key(self, username: str, client_ip: str) -> str:
        return f"login-failure:{username.strip().lower()}:{client_ip}"

    def check(self, username: str, client_ip: str) -> None:
        key = self._key(username, client_ip)
        if not self.limiter.test(self.limit, key):
            reset_at, _remaining = self.limiter.get_window_stats(self.limit, key)
            raise TooManyRequests(
                "Too many failed logins for this user from this address; try again later.",
                retry_after_s=max(1, int(reset_at - datetime.now().timestamp())),
            )

    def record_failure(self, username: str, client_ip: str) -> None:
        self.limiter.hit(self.limit, self._key(username, client_ip))

    def clear(self, username: str, client_ip: str) -> None:
        self.limiter.clear(self.limit, self._key(username, client_ip))


def login(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    throttle: LoginThrottle,
    username: str,
    password: str,
    client_ip: str,
    ttl_s: int,
) -> IssuedToken:
    throttle.check(username, client_ip)
    user = uow.session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not _verify(hasher, user.password_hash if user else None, password):
        throttle.record_failure(username, client_ip)
        raise Unauthorized("Unknown user or wrong password.")
    throttle.clear(username, client_ip)
    return issue_token(uow, user, ttl_s)


def _verify(hasher: PasswordHasher, password_hash: str | None, password: str) -> bool:
    """Always runs one argon2 verification, so an unknown username costs the same time."""
    try:
        return hasher.verify(password_hash or _dummy_hash(hasher), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASHES: dict[tuple[int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash(secrets.token_urlsafe(16))
    return _DUMMY_HASHES[key]


def issue_token(uow: UnitOfWork, user: User, ttl_s: int) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    now = uow.now()
    expires_at = now + timedelta(seconds=ttl_s)
    uow.session.add(
        ApiToken(user_id=user.id, token_sha256=_sha256(token), created_at=now, expires_at=expires_at)
    )
    uow.session.flush()
    return IssuedToken(token, user.role, expires_at)


def actor_for_token(session: Session, token: str, now: datetime) -> Actor | None:
    row = session.execute(
        select(User, ApiToken)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_sha256 == _sha256(token))
    ).first()
    if row is None:
        return None
    user, api_token = row
    if api_token.revoked_at is not None or api_token.expires_at <= now or not user.active:
        return None
    return Actor(user.id, user.username, user.role, user.engineer_id)


def revoke_token(uow: UnitOfWork, token: str) -> None:
    api_token = uow.session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _sha256(token)))
    if api_token is not None and api_token.revoked_at is None:
        api_token.revoked_at = uow.now()
