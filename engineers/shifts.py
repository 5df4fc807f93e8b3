"""An engineer's effective working hours on a date, as the planner needs them.

Precedence, most specific first: a dated exception (other hours or a day off) beats time off,
which beats the weekly pattern. Hours are local wall-clock times; they become aware UTC
instants here, through ``zoneinfo``, so a planner never does timezone arithmetic itself.
Pure: reads the engineer's loaded rows, never the session or the clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.errors import FieldError
from engineers.models import Engineer, ShiftTimesColumns, TimeOffReason


class ShiftSource(enum.StrEnum):
    """Why the day looks the way it does; a dispatcher asks this first."""

    PATTERN = "pattern"
    EXCEPTION = "exception"
    DAY_OFF = "day_off"
    TIME_OFF = "time_off"
    NOT_SCHEDULED = "not_scheduled"


@dataclass(frozen=True)
class EffectiveShift:
    """One local date's working window in aware UTC; ``start`` is None on a day without work."""

    day: date
    source: ShiftSource
    start: datetime | None = None
    end: datetime | None = None
    break_window_start: datetime | None = None
    break_window_end: datetime | None = None
    break_length_min: int = 0
    overtime_allowed_min: int = 0
    overtime_cost_per_hour: float = 0.0
    time_off_reason: TimeOffReason | None = None

    @property
    def working(self) -> bool:
        return self.start is not None


def resolve_shift(engineer: Engineer, day: date, tz: ZoneInfo) -> EffectiveShift:
    """The engineer's hours on local ``day`` in ``tz``: exception > time off > weekly pattern."""
    exception = next((e for e in engineer.shift_exceptions if e.on_date == day), None)
    if exception is not None:
        if exception.day_off:
            return EffectiveShift(day, ShiftSource.DAY_OFF)
        return _working_day(day, tz, exception, ShiftSource.EXCEPTION)
    away = next((t for t in engineer.time_off if t.covers(day)), None)
    if away is not None:
        return EffectiveShift(day, ShiftSource.TIME_OFF, time_off_reason=away.reason)
    regular = next((w for w in engineer.weekly_shifts if w.weekday == day.weekday()), None)
    if regular is None:
        return EffectiveShift(day, ShiftSource.NOT_SCHEDULED)
    return _working_day(day, tz, regular, ShiftSource.PATTERN)


def resolve_shifts(engineer: Engineer, first_day: date, last_day: date, tz: ZoneInfo) -> list[EffectiveShift]:
    """Each local date from ``first_day`` to ``last_day`` inclusive."""
    days = (last_day - first_day).days + 1
    return [resolve_shift(engineer, first_day + timedelta(days=n), tz) for n in range(days)]


def _working_day(day: date, tz: ZoneInfo, hours: ShiftTimesColumns, source: ShiftSource) -> EffectiveShift:
    assert hours.shift_start is not None and hours.shift_end is not None, "checked on write"
    return EffectiveShift(
        day,
        source,
        start=_utc(day, hours.shift_start, tz),
        end=_utc(day, hours.shift_end, tz),
        break_window_start=_utc(day, hours.break_window_start, tz),
        break_window_end=_utc(day, hours.break_window_end, tz),
        break_length_min=hours.break_length_min or 0,
        overtime_allowed_min=hours.overtime_allowed_min or 0,
        overtime_cost_per_hour=hours.overtime_cost_per_hour or 0.0,
    )


def _utc(day: date, local: time | None, tz: ZoneInfo) -> datetime | None:
    if local is None:
        return None
    return datetime.combine(day, local, tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class ShiftHours:
    """Hours as a client sends them, before they are stored: what must hold for any working day."""

    shift_start: time
    shift_end: time
    break_window_start: time | None = None
    break_window_end: time | None = None
    break_length_min: int | None = None
    overtime_allowed_min: int = 0
    overtime_cost_per_hour: float = 0.0

    def problems(self, prefix: str = "") -> list[FieldError]:
        """Every rule broken, each naming its field, so a client fixes them all in one go."""
        found: list[FieldError] = []
        if self.shift_end <= self.shift_start:
            found.append(FieldError(prefix + "shift_end", "Must be after shift_start (same day)."))
        break_parts = (self.break_window_start, self.break_window_end, self.break_length_min)
        if all(part is None for part in break_parts):
            return found
        if any(part is None for part in break_parts):
            found.append(
                FieldError(
                    prefix + "break_length_min",
                    "Give break_window_start, break_window_end and break_length_min "
                    "together, or none of them.",
                )
            )
            return found
        return found + self._break_problems(prefix)

    def _break_problems(self, prefix: str) -> list[FieldError]:
        assert self.break_window_start is not None and self.break_window_end is not None
        assert self.break_length_min is not None
        found: list[FieldError] = []
        if self.break_window_start < self.shift_start:
            found.append(
                FieldError(prefix + "break_window_start", "The break window starts before the shift.")
            )
        if self.break_window_end > self.shift_end:
            found.append(FieldError(prefix + "break_window_end", "The break window ends after the shift."))
        window_min = _minutes(self.break_window_end) - _minutes(self.break_window_start)
        if window_min <= 0:
            found.append(FieldError(prefix + "break_window_end", "Must be after break_window_start."))
        elif self.break_length_min > window_min:
            found.append(
                FieldError(prefix + "break_length_min", f"Longer than the break window ({window_min} min).")
            )
        return found


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
