"""Engineers and their working time: skills, the weekly shift pattern, dated exceptions, time off.

Shift times are stored as local wall-clock times (what a dispatcher types and an engineer's
contract says); they become aware UTC instants only when resolved for a date, in
``engineers.shifts``. Checks the database can hold are constraints too, so a bad row cannot
slip in through a path that skips the API.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, Enum, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UTCDateTime

SKILL_LEVELS = range(1, 4)
LAT_RANGE = (-90.0, 90.0)
LON_RANGE = (-180.0, 180.0)


class Weekday(enum.IntEnum):
    """ISO order from zero, as ``date.weekday()`` returns it."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


class TimeOffReason(enum.StrEnum):
    LEAVE = "leave"
    SICK = "sick"
    TRAINING = "training"


class Engineer(Base):
    __tablename__ = "en_engineer"
    __table_args__ = (
        CheckConstraint("home_lat BETWEEN -90 AND 90", name="home_lat_range"),
        CheckConstraint("home_lon BETWEEN -180 AND 180", name="home_lon_range"),
        CheckConstraint("max_travel_km IS NULL OR max_travel_km > 0", name="max_travel_km_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    home_lat: Mapped[float]
    home_lon: Mapped[float]
    territory: Mapped[str | None] = mapped_column(String(64), index=True)
    max_travel_km: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    skills: Mapped[list[EngineerSkill]] = relationship(
        back_populates="engineer", cascade="all, delete-orphan", order_by="EngineerSkill.skill"
    )
    weekly_shifts: Mapped[list[WeeklyShift]] = relationship(
        cascade="all, delete-orphan", order_by="WeeklyShift.weekday"
    )
    shift_exceptions: Mapped[list[ShiftException]] = relationship(
        cascade="all, delete-orphan", order_by="ShiftException.on_date"
    )
    time_off: Mapped[list[TimeOff]] = relationship(cascade="all, delete-orphan", order_by="TimeOff.first_day")

    def touch(self, now: datetime) -> None:
        """Every change a client can see moves the version, so If-Match catches it."""
        self.version += 1
        self.updated_at = now

    def skill_levels(self) -> dict[str, int]:
        return {skill.skill: skill.level for skill in self.skills}


class EngineerSkill(Base):
    __tablename__ = "en_engineer_skill"
    __table_args__ = (
        UniqueConstraint("engineer_id", "skill", name="uq_en_engineer_skill_engineer_skill"),
        CheckConstraint("level BETWEEN 1 AND 3", name="level_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id", ondelete="CASCADE"), index=True)
    skill: Mapped[str] = mapped_column(String(64), index=True)
    level: Mapped[int]

    engineer: Mapped[Engineer] = relationship(back_populates="skills")


class ShiftTimesColumns:
    """The hours of one working day, in local wall-clock time; shared by pattern and exceptions.

    The break is optional as a whole: window start, window end and length are set together.
    """

    shift_start: Mapped[time | None] = mapped_column(Time())
    shift_end: Mapped[time | None] = mapped_column(Time())
    break_window_start: Mapped[time | None] = mapped_column(Time())
    break_window_end: Mapped[time | None] = mapped_column(Time())
    break_length_min: Mapped[int | None]
    overtime_allowed_min: Mapped[int] = mapped_column(default=0)
    overtime_cost_per_hour: Mapped[float] = mapped_column(default=0.0)


class WeeklyShift(ShiftTimesColumns, Base):
    """One weekday of the engineer's regular pattern; a weekday without a row is a day off."""

    __tablename__ = "en_weekly_shift"
    __table_args__ = (
        UniqueConstraint("engineer_id", "weekday", name="uq_en_weekly_shift_engineer_weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]


class ShiftException(ShiftTimesColumns, Base):
    """A date that differs from the pattern: other hours, or (``day_off``) none at all."""

    __tablename__ = "en_shift_exception"
    __table_args__ = (
        UniqueConstraint("engineer_id", "on_date", name="uq_en_shift_exception_engineer_on_date"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date())
    day_off: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(String(200))


class TimeOff(Base):
    """Whole days away, first to last inclusive."""

    __tablename__ = "en_time_off"
    __table_args__ = (CheckConstraint("last_day >= first_day", name="days_ordered"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date] = mapped_column(Date())
    last_day: Mapped[date] = mapped_column(Date())
    reason: Mapped[TimeOffReason] = mapped_column(Enum(TimeOffReason, native_enum=False, length=16))
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day
