"""The engineers as planning reads them: who works a given day, with which skills, from where;
their names; which ids exist and which still take work.

Small frozen records, never ORM rows, each read a fixed number of statements however many
engineers there are. The shift comes resolved (``engineers.shifts``), so a planner never
reads patterns, exceptions or time off itself.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import UnitOfWork
from engineers.models import Engineer
from engineers.shifts import EffectiveShift, resolve_shift


@dataclass(frozen=True)
class EngineerOnShift:
    """An active engineer who works the day, as the optimizer needs them."""

    id: int
    name: str
    home_lat: float
    home_lon: float
    territory: str | None
    max_travel_km: float | None
    skills: Mapping[str, int]  # skill → level (1 basic … 3 senior)
    shift: EffectiveShift


@dataclass(frozen=True)
class EngineerHome:
    engineer_id: int
    territory: str | None
    home_lat: float
    home_lon: float


def engineers_on_shift(uow: UnitOfWork, service_date: date, tz: ZoneInfo,
                       territory: str | None = None) -> list[EngineerOnShift]:
    """Active engineers (of ``territory``, when given) whose resolved shift works the local date, by id."""
    stmt = (select(Engineer).where(Engineer.active.is_(True))
            .options(selectinload(Engineer.skills), selectinload(Engineer.weekly_shifts),
                     selectinload(Engineer.shift_exceptions), selectinload(Engineer.time_off))
            .order_by(Engineer.id))
    if territory is not None:
        stmt = stmt.where(Engineer.territory == territory)
    found = []
    for engineer in uow.session.scalars(stmt):
        shift = resolve_shift(engineer, service_date, tz)
        if shift.working:
            found.append(EngineerOnShift(
                id=engineer.id, name=engineer.name, home_lat=engineer.home_lat, home_lon=engineer.home_lon,
                territory=engineer.territory, max_travel_km=engineer.max_travel_km,
                skills=engineer.skill_levels(), shift=shift))
    return found


def active_engineer_homes(uow: UnitOfWork) -> list[EngineerHome]:
    """Every active engineer's home and territory, whether or not they work today."""
    rows = uow.session.execute(select(Engineer.id, Engineer.territory, Engineer.home_lat, Engineer.home_lon)
                               .where(Engineer.active.is_(True)).order_by(Engineer.id))
    return [EngineerHome(*row) for row in rows]


def engineer_names(uow: UnitOfWork, engineer_ids: Collection[int]) -> dict[int, str]:
    if not engineer_ids:
        return {}
    return dict(uow.session.execute(
        select(Engineer.id, Engineer.name).where(Engineer.id.in_(list(engineer_ids)))).all())


def known_engineer_ids(uow: UnitOfWork, engineer_ids: Collection[int]) -> frozenset[int]:
    """Those of these ids that are engineers, active or not."""
    if not engineer_ids:
        return frozenset()
    return frozenset(uow.session.scalars(select(Engineer.id).where(Engineer.id.in_(list(engineer_ids)))))


def active_engineer_ids(uow: UnitOfWork, engineer_ids: Collection[int]) -> frozenset[int]:
    """Those of these ids that are engineers still taking work."""
    if not engineer_ids:
        return frozenset()
    return frozenset(uow.session.scalars(
        select(Engineer.id).where(Engineer.id.in_(list(engineer_ids)), Engineer.active.is_(True))))
