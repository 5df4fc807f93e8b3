"""The desk's people: agents and supervisors (users of ``core.auth``), who own its work."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from core.auth import Actor, Role, User
from core.db import UnitOfWork
from core.errors import FieldError, InvalidInput

DESK_ROLES = (Role.AGENT, Role.SUPERVISOR)


@dataclass(frozen=True)
class DeskMember:
    user_id: int
    username: str
    role: Role


def owner_for_new_work(actor: Actor | None) -> int | None:
    """What an agent takes in is theirs; what arrives otherwise waits, unowned, for assignment."""
    return actor.user_id if actor is not None and actor.role in DESK_ROLES else None


def require_desk_member(uow: UnitOfWork, user_id: int, field: str = "owner_user_id") -> None:
    found = uow.session.scalar(select(User.id).where(
        User.id == user_id, User.role.in_(DESK_ROLES), User.active.is_(True)))
    if found is None:
        raise InvalidInput("Work at the desk is owned by an agent or a supervisor.",
                           [FieldError(field, "No active agent or supervisor with this id.")])


def desk_members(uow: UnitOfWork) -> list[DeskMember]:
    rows = uow.session.execute(select(User.id, User.username, User.role).where(
        User.role.in_(DESK_ROLES), User.active.is_(True)).order_by(User.role, User.username))
    return [DeskMember(*row) for row in rows]
