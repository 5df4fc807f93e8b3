"""Use cases for engineers: who they are, what they can do, and who may see or change them.

Rights are checked here, against the ``Actor``, so every edge (API, CLI, jobs) gets the same
answer. An engineer asking for another engineer's record gets NotFound, never Forbidden, so
ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from core.auth import Actor, Role
from core.db import SelectCollection, UnitOfWork
from core.errors import Forbidden, NotFound, PreconditionFailed
from engineers.events import EngineerCreated
from engineers.models import Engineer, EngineerSkill

MANAGERS = frozenset({Role.ADMIN, Role.DISPATCHER})
LARGEST_ID = 2**31 - 1  # the id columns are 32-bit on PostgreSQL; larger ids cannot exist


class EngineerNotFound(NotFound):
    code = "engineer-not-found"


class NotYourEngineerRecord(Forbidden):
    code = "engineer-read-only"


def list_engineers(
    uow: UnitOfWork,
    actor: Actor,
    active: bool | None = None,
    skill: str | None = None,
    min_level: int = 1,
    territory: str | None = None,
) -> SelectCollection:
    """Ordered by name; an engineer's list holds only themselves."""
    stmt: Select[Any] = select(Engineer).options(selectinload(Engineer.skills))
    if actor.is_engineer:
        stmt = stmt.where(Engineer.id == actor.engineer_id)
    if active is not None:
        stmt = stmt.where(Engineer.active.is_(active))
    if skill is not None:
        stmt = stmt.where(
            Engineer.skills.any((EngineerSkill.skill == skill) & (EngineerSkill.level >= min_level))
        )
    if territory is not None:
        stmt = stmt.where(Engineer.territory == territory)
    return SelectCollection(uow.session, stmt.order_by(Engineer.name, Engineer.id))


def get_engineer(uow: UnitOfWork, actor: Actor, engineer_id: int) -> Engineer:
    """The engineer if the actor may see them; NotFound otherwise, also for other engineers."""
    hidden = actor.is_engineer and actor.engineer_id != engineer_id
    engineer = None if hidden or engineer_id > LARGEST_ID else uow.session.get(Engineer, engineer_id)
    if engineer is None:
        raise EngineerNotFound(f"No engineer {engineer_id}.")
    return engineer


def get_engineer_to_change(
    uow: UnitOfWork, actor: Actor, engineer_id: int, expected_version: int | None = None
) -> Engineer:
    """Visibility first (404), then the right to change (403), then the version read (412)."""
    engineer = get_engineer(uow, actor, engineer_id)
    if actor.role not in MANAGERS:
        raise NotYourEngineerRecord("Only a dispatcher or an admin changes engineers.")
    if expected_version is not None and expected_version != engineer.version:
        raise PreconditionFailed(
            f"Engineer {engineer_id} is at version {engineer.version}, not {expected_version}; "
            "read it again and retry."
        )
    return engineer


def create_engineer(
    uow: UnitOfWork,
    *,
    name: str,
    phone: str,
    home_lat: float,
    home_lon: float,
    skills: Mapping[str, int] | None = None,
    **optional: Any,
) -> Engineer:
    """``optional``: email, territory, max_travel_km, active (the schema names them)."""
    engineer = Engineer(
        name=name,
        phone=phone,
        home_lat=home_lat,
        home_lon=home_lon,
        active=optional.pop("active", True),
        version=1,
        created_at=uow.now(),
        **optional,
    )
    engineer.skills = [EngineerSkill(skill=s, level=level) for s, level in (skills or {}).items()]
    uow.session.add(engineer)
    uow.session.flush()
    uow.publish(
        EngineerCreated(engineer.id, engineer.name, engineer.territory, engineer.home_lat, engineer.home_lon)
    )
    return engineer


def update_engineer(
    uow: UnitOfWork,
    actor: Actor,
    engineer_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
) -> Engineer:
    """Changes only the fields sent; ``active: false`` is how an engineer leaves (never deleted,
    so past work orders and plans keep their engineer)."""
    engineer = get_engineer_to_change(uow, actor, engineer_id, expected_version)
    for name, value in changes.items():
        setattr(engineer, name, value)
    engineer.touch(uow.now())
    uow.session.flush()
    return engineer


def replace_skills(
    uow: UnitOfWork,
    actor: Actor,
    engineer_id: int,
    levels: Mapping[str, int],
    expected_version: int | None = None,
) -> Engineer:
    """The whole set at once. Kept rows are updated in place: deleting and re-inserting the
    same skill in one flush would trip the unique (engineer, skill) constraint."""
    engineer = get_engineer_to_change(uow, actor, engineer_id, expected_version)
    kept = {s.skill: s for s in engineer.skills if s.skill in levels}
    for skill, level in levels.items():
        kept.setdefault(skill, EngineerSkill(skill=skill, level=level)).level = level
    engineer.skills = sorted(kept.values(), key=lambda s: s.skill)
    engineer.touch(uow.now())
    uow.session.flush()
    return engineer
