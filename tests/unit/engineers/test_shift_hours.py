"""The rules any working day's hours must keep, each problem naming its field."""

from __future__ import annotations

from datetime import time

from engineers.shifts import ShiftHours


def fields_of(hours: ShiftHours) -> list[str]:
    return [problem.field for problem in hours.problems()]


def test_ordinary_day_with_a_break_inside_is_fine() -> None:
    assert fields_of(ShiftHours(time(9), time(18), time(12), time(14), 60)) == []


def test_day_without_any_break_is_fine() -> None:
    assert fields_of(ShiftHours(time(9), time(13))) == []


def test_end_must_be_after_start() -> None:
    assert fields_of(ShiftHours(time(18), time(9))) == ["shift_end"]
    assert fields_of(ShiftHours(time(9), time(9))) == ["shift_end"]


def test_break_window_must_lie_inside_the_shift() -> None:
    assert fields_of(ShiftHours(time(9), time(18), time(8), time(10), 30)) == ["break_window_start"]
    assert fields_of(ShiftHours(time(9), time(18), time(17), time(19), 30)) == ["break_window_end"]


def test_break_window_must_end_after_it_starts() -> None:
    assert fields_of(ShiftHours(time(9), time(18), time(14), time(12), 30)) == ["break_window_end"]


def test_break_must_fit_its_window() -> None:
    assert fields_of(ShiftHours(time(9), time(18), time(12), time(13), 61)) == ["break_length_min"]


def test_break_parts_come_together_or_not_at_all() -> None:
    assert fields_of(ShiftHours(time(9), time(18), time(12), None, None)) == ["break_length_min"]


def test_problems_carry_the_callers_prefix() -> None:
    problems = ShiftHours(time(18), time(9)).problems("days.2.")
    assert [p.field for p in problems] == ["days.2.shift_end"]
