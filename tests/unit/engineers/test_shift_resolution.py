"""How an engineer's hours on a date are resolved: exception > time off > weekly pattern."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from engineers.models import Engineer, ShiftException, TimeOff, TimeOffReason, WeeklyShift
from engineers.shifts import ShiftSource, resolve_shift, resolve_shifts

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 23)
TUESDAY = date(2026, 11, 24)
SATURDAY = date(2026, 11, 28)


def nine_to_six(weekday: int = 0, **overrides: object) -> WeeklyShift:
    hours = {
        "shift_start": time(9),
        "shift_end": time(18),
        "break_window_start": time(12),
        "break_window_end": time(14),
        "break_length_min": 45,
        "overtime_allowed_min": 90,
        "overtime_cost_per_hour": 75.0,
    } | overrides
    return WeeklyShift(weekday=weekday, **hours)


def engineer_with(
    weekly: list[WeeklyShift] | None = None,
    exceptions: list[ShiftException] | None = None,
    time_off: list[TimeOff] | None = None,
) -> Engineer:
    engineer = Engineer(name="Li Wei")
    engineer.weekly_shifts = weekly if weekly is not None else [nine_to_six(d) for d in range(5)]
    engineer.shift_exceptions = exceptions or []
    engineer.time_off = time_off or []
    return engineer


def shanghai(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def test_weekday_in_the_pattern_gives_its_hours_in_utc() -> None:
    shift = resolve_shift(engineer_with(), MONDAY, SHANGHAI)
    assert shift.source is ShiftSource.PATTERN and shift.working
    assert shift.start == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert shift.end == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert shift.start.tzinfo is UTC


def test_break_window_length_and_overtime_come_with_the_shift() -> None:
    shift = resolve_shift(engineer_with(), MONDAY, SHANGHAI)
    assert (shift.break_window_start, shift.break_window_end) == (shanghai(MONDAY, 12), shanghai(MONDAY, 14))
    assert shift.start <= shift.break_window_start < shift.break_window_end <= shift.end
    assert (shift.break_length_min, shift.overtime_allowed_min, shift.overtime_cost_per_hour) == (
        45,
        90,
        75.0,
    )


def test_shift_without_break_has_no_break_window() -> None:
    plain = nine_to_six(0, break_window_start=None, break_window_end=None, break_length_min=None)
    shift = resolve_shift(engineer_with([plain]), MONDAY, SHANGHAI)
    assert shift.break_window_start is None and shift.break_length_min == 0


def test_weekday_missing_from_the_pattern_is_not_scheduled() -> None:
    shift = resolve_shift(engineer_with(), SATURDAY, SHANGHAI)
    assert shift.source is ShiftSource.NOT_SCHEDULED and not shift.working
    assert shift.start is None and shift.end is None


def test_time_off_beats_the_pattern_and_names_its_reason() -> None:
    sick = TimeOff(first_day=MONDAY, last_day=TUESDAY, reason=TimeOffReason.SICK)
    shifts = resolve_shifts(engineer_with(time_off=[sick]), MONDAY, date(2026, 11, 25), SHANGHAI)
    assert [s.source for s in shifts] == [ShiftSource.TIME_OFF, ShiftSource.TIME_OFF, ShiftSource.PATTERN]
    assert shifts[0].time_off_reason is TimeOffReason.SICK and not shifts[0].working


def test_dated_exception_beats_time_off_and_the_pattern() -> None:
    training = TimeOff(first_day=MONDAY, last_day=MONDAY, reason=TimeOffReason.TRAINING)
    late = ShiftException(
        on_date=MONDAY,
        day_off=False,
        shift_start=time(13),
        shift_end=time(21),
        overtime_allowed_min=0,
        overtime_cost_per_hour=0.0,
    )
    shift = resolve_shift(engineer_with(exceptions=[late], time_off=[training]), MONDAY, SHANGHAI)
    assert shift.source is ShiftSource.EXCEPTION
    assert (shift.start, shift.end) == (shanghai(MONDAY, 13), shanghai(MONDAY, 21))


def test_day_off_exception_clears_a_working_weekday() -> None:
    off = ShiftException(on_date=MONDAY, day_off=True)
    shift = resolve_shift(engineer_with(exceptions=[off]), MONDAY, SHANGHAI)
    assert shift.source is ShiftSource.DAY_OFF and not shift.working


def test_exception_can_add_work_on_a_weekend() -> None:
    extra = ShiftException(on_date=SATURDAY, day_off=False, shift_start=time(10), shift_end=time(14))
    assert resolve_shift(engineer_with(exceptions=[extra]), SATURDAY, SHANGHAI).working


def test_exception_on_another_date_changes_nothing() -> None:
    off = ShiftException(on_date=TUESDAY, day_off=True)
    assert resolve_shift(engineer_with(exceptions=[off]), MONDAY, SHANGHAI).source is ShiftSource.PATTERN


def test_local_hours_follow_the_zones_offset_on_the_date() -> None:
    """zoneinfo applies the offset of the date itself: Berlin is UTC+1 in winter, +2 in summer."""
    engineer = engineer_with([nine_to_six(0)])
    winter = resolve_shift(engineer, MONDAY, BERLIN)
    summer = resolve_shift(engineer, date(2026, 6, 22), BERLIN)
    assert winter.start.hour == 8 and summer.start.hour == 7


def test_range_gives_one_resolved_day_per_date() -> None:
    shifts = resolve_shifts(engineer_with(), MONDAY, date(2026, 11, 29), SHANGHAI)
    assert [s.day.weekday() for s in shifts] == list(range(7))
    assert sum(s.working for s in shifts) == 5
