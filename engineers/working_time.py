"""Use cases for working time: the weekly pattern, dated exceptions, time off, resolved shifts.

Split from ``service.py`` by use case. Every write checks the hours with ``ShiftHours`` (one
rule set for pattern and exceptions), moves the engineer's version and tells planning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from core.auth import Actor
from core.db import UnitOfWork
from core.errors import Conflict, FieldError, InvalidInput, NotFound
from engineers.models import Engineer, ShiftException, ShiftTimesColumns, TimeOff, TimeOffReason, WeeklyShift
from engineers.service import LARGEST_ID, get_engineer, get_engineer_to_change
from engineers.shifts import EffectiveShift, ShiftHours, resolve_shifts

HOUR_FIELDS = (
    "shift_start",
    "shift_end",
    "break_window_start",
    "break_window_end",
    "break_length_min",
    "overtime_allowed_min",
    "overtime_cost_per_hour",
)
MAX_RANGE_DAYS = 92


class ShiftExceptionNotFound(NotFound):
    code = "shift-exception-not-found"


class TimeOffNotFound(NotFound):
    code = "time-off-not-found"


class TimeOffOverlaps(Conflict):
    code = "time-off-overlaps"
    title = "Overlaps time off already booked"


def service_timezone(uow: UnitOfWork) -> ZoneInfo:
    return ZoneInfo(uow.settings.get("TIMEZONE") or "UTC")


def effective_shifts(
    uow: UnitOfWork, actor: Actor, engineer_id: int, first_day: date, last_day: date
) -> list[EffectiveShift]:
    """Resolved day by day in the service timezone, the way the planner will see them."""
    problems = []
    if last_day < first_day:
        problems.append(FieldError("to", "Must not be before from.", "query"))
    elif (last_day - first_day).days >= MAX_RANGE_DAYS:
        problems.append(FieldError("to", f"At most {MAX_RANGE_DAYS} days at once.", "query"))
    if problems:
        raise InvalidInput("The date range is not usable.", problems)
    engineer = get_engineer(uow, actor, engineer_id)
    return resolve_shifts(engineer, first_day, last_day, service_timezone(uow))


def replace_weekly_pattern(
    uow: UnitOfWork, actor: Actor, engineer_id: int, days: Sequence[Mapping[str, Any]]
) -> list[WeeklyShift]:
    """The whole week at once; a weekday left out becomes a day off. Rows are reused per
    weekday so the unique (engineer, weekday) constraint holds within one flush."""
    _check_hours(days, prefix_of=lambda n: f"days.{n}.")
    engineer = get_engineer_to_change(uow, actor, engineer_id)
    by_weekday = {row.weekday: row for row in engineer.weekly_shifts}
    kept = []
    for day in days:
        row = by_weekday.get(day["weekday"]) or WeeklyShift(weekday=day["weekday"])
        _set_hours(row, day)
        kept.append(row)
    engineer.weekly_shifts = sorted(kept, key=lambda row: row.weekday)
    _changed(uow, engineer)
    return engineer.weekly_shifts


def weekly_pattern(uow: UnitOfWork, actor: Actor, engineer_id: int) -> list[WeeklyShift]:
    return list(get_engineer(uow, actor, engineer_id).weekly_shifts)


def set_shift_exception(
    uow: UnitOfWork, actor: Actor, engineer_id: int, data: Mapping[str, Any]
) -> ShiftException:
    """Other hours or a day off on one date; a second exception for the date replaces the first."""
    if not data.get("day_off"):
        if data.get("shift_start") is None or data.get("shift_end") is None:
            raise InvalidInput(
                "A working exception needs its hours.",
                [FieldError("shift_start", "Required unless day_off is true.")],
            )
        _check_hours([data], prefix_of=lambda _n: "")
    engineer = get_engineer_to_change(uow, actor, engineer_id)
    exception = next((e for e in engineer.shift_exceptions if e.on_date == data["on_date"]), None)
    if exception is None:
        exception = ShiftException(on_date=data["on_date"])
        engineer.shift_exceptions.append(exception)
    exception.day_off = bool(data.get("day_off"))
    exception.note = data.get("note")
    _set_hours(exception, {} if exception.day_off else data)
    _changed(uow, engineer)
    return exception


def remove_shift_exception(uow: UnitOfWork, actor: Actor, engineer_id: int, on_date: date) -> None:
    engineer = get_engineer_to_change(uow, actor, engineer_id)
    exception = next((e for e in engineer.shift_exceptions if e.on_date == on_date), None)
    if exception is None:
        raise ShiftExceptionNotFound(f"Engineer {engineer_id} has no exception on {on_date.isoformat()}.")
    engineer.shift_exceptions.remove(exception)
    _changed(uow, engineer)


def list_time_off(uow: UnitOfWork, actor: Actor, engineer_id: int) -> list[TimeOff]:
    return list(get_engineer(uow, actor, engineer_id).time_off)


def add_time_off(
    uow: UnitOfWork,
    actor: Actor,
    engineer_id: int,
    first_day: date,
    last_day: date,
    reason: TimeOffReason,
    note: str | None = None,
) -> TimeOff:
    """Overlapping bookings are refused: two reasons for one day would be ambiguous."""
    if last_day < first_day:
        raise InvalidInput(
            "Time off ends before it starts.", [FieldError("last_day", "Must not be before first_day.")]
        )
    engineer = get_engineer_to_change(uow, actor, engineer_id)
    clash = next((t for t in engineer.time_off if t.first_day <= last_day and first_day <= t.last_day), None)
    if clash is not None:
        raise TimeOffOverlaps(
            f"Overlaps time off {clash.id} ({clash.first_day.isoformat()} to {clash.last_day.isoformat()})."
        )
    booked = TimeOff(first_day=first_day, last_day=last_day, reason=reason, note=note, created_at=uow.now())
    engineer.time_off.append(booked)
    _changed(uow, engineer)
    return booked


def remove_time_off(uow: UnitOfWork, actor: Actor, engineer_id: int, time_off_id: int) -> None:
    engineer = get_engineer_to_change(uow, actor, engineer_id)
    booked = next((t for t in engineer.time_off if t.id == time_off_id and time_off_id <= LARGEST_ID), None)
    if booked is None:
        raise TimeOffNotFound(f"Engineer {engineer_id} has no time off {time_off_id}.")
    engineer.time_off.remove(booked)
    _changed(uow, engineer)


def _check_hours(days: Sequence[Mapping[str, Any]], prefix_of: Any) -> None:
    problems = [
        problem
        for n, day in enumerate(days)
        for problem in ShiftHours(**{k: day[k] for k in HOUR_FIELDS if k in day}).problems(prefix_of(n))
    ]
    if problems:
        raise InvalidInput("The shift hours do not hold together.", problems)


def _set_hours(row: ShiftTimesColumns, hours: Mapping[str, Any]) -> None:
    for name in HOUR_FIELDS:
        default = 0 if name == "overtime_allowed_min" else 0.0 if name == "overtime_cost_per_hour" else None
        setattr(row, name, hours.get(name, default))


def _changed(uow: UnitOfWork, engineer: Engineer) -> None:
    engineer.touch(uow.now())
    uow.session.flush()
