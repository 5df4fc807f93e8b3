"""Users and tokens for tests, made without the slow password hash on every test."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any

from core.auth import Role, User, issue_token

TEST_PASSWORD = "correct horse battery"
_serial = itertools.count(1)


@cache
def _test_password_hash() -> str:
    from core.auth import password_hasher

    return password_hasher().hash(TEST_PASSWORD)


@dataclass
class LoggedIn:
    user_id: int
    username: str
    role: Role
    engineer_id: int | None
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_user(app: Any, role: Role, username: str | None = None,
              engineer_id: int | None = None) -> LoggedIn:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        user = User(
            username=username or f"{role.value}-{next(_serial)}",
            password_hash=_test_password_hash(),
            role=role,
            engineer_id=engineer_id,
            created_at=uow.now(),
        )
        uow.session.add(user)
        uow.session.flush()
        issued = issue_token(uow, user, ttl_s=3600)
        return LoggedIn(user.id, user.username, role, engineer_id, issued.token)


def fresh_login(app: Any, user: LoggedIn) -> LoggedIn:
    """The same user with a token issued now: for tests that move a fixed clock past an hour."""
    from dataclasses import replace

    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        issued = issue_token(uow, uow.session.get(User, user.user_id), ttl_s=3600)
    return replace(user, token=issued.token)
