"""The package's public face for planning: engineers on shift as frozen records with their
shift resolved, homes, names, and which ids exist or still take work — each read a fixed
number of statements however many engineers there are."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

import engineers
from engineers.models import TimeOff
from tests.support.engineers import WEEKDAYS_9_TO_6, make_engineer
from tests.support.statements import count_statements

MONDAY = date(2026, 11, 23)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _read(app: Flask, read: Any, *args: Any) -> tuple[Any, int]:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow, count_statements(rt.engine) as counted:
        result = read(uow, *args)
    return result, counted.count


def _away_on(app: Flask, engineer_id: int, day: date) -> None:
    with app.extensions["fixroute"].unit_of_work() as uow:
        uow.session.add(TimeOff(engineer_id=engineer_id, first_day=day, last_day=day,
                                reason=engineers.TimeOffReason.SICK, created_at=uow.now()))


def test_engineers_on_shift_are_the_active_ones_working_that_day_with_skills_home_and_shift(
        app: Flask) -> None:
    working = make_engineer(app, skills={"locks": 3, "hvac": 1}, weekly=WEEKDAYS_9_TO_6, territory="futian",
                            max_travel_km=40.0, home_lat=22.55, home_lon=114.1)
    make_engineer(app, weekly=WEEKDAYS_9_TO_6, active=False)
    make_engineer(app, weekly={})  # no shift on Mondays
    _away_on(app, make_engineer(app, weekly=WEEKDAYS_9_TO_6), MONDAY)

    found, _ = _read(app, engineers.engineers_on_shift, MONDAY, SHANGHAI)

    assert [e.id for e in found] == [working]
    engineer = found[0]
    assert isinstance(engineer, engineers.EngineerOnShift)
    assert (engineer.name, engineer.home_lat, engineer.home_lon) == ("Li Wei", 22.55, 114.1)
    assert (engineer.territory, engineer.max_travel_km) == ("futian", 40.0)
    assert dict(engineer.skills) == {"hvac": 1, "locks": 3}
    assert engineer.shift.source is engineers.ShiftSource.PATTERN
    assert (engineer.shift.start, engineer.shift.end) == (datetime(2026, 11, 23, 1, 0, tzinfo=UTC),
                                                          datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    assert engineer.shift.break_length_min == 60
    with pytest.raises(dataclasses.FrozenInstanceError):
        engineer.name = "Someone else"  # type: ignore[misc]


def test_engineers_on_shift_of_one_territory(app: Flask) -> None:
    futian = make_engineer(app, weekly=WEEKDAYS_9_TO_6, territory="futian")
    make_engineer(app, weekly=WEEKDAYS_9_TO_6, territory="nanshan")

    found, _ = _read(app, engineers.engineers_on_shift, MONDAY, SHANGHAI, "futian")

    assert [e.id for e in found] == [futian]


def test_engineers_on_shift_is_five_statements_however_many_engineers(app: Flask) -> None:
    make_engineer(app, skills={"locks": 1}, weekly=WEEKDAYS_9_TO_6)
    _, one = _read(app, engineers.engineers_on_shift, MONDAY, SHANGHAI)
    for _ in range(4):
        make_engineer(app, skills={"locks": 1}, weekly=WEEKDAYS_9_TO_6)
    found, five = _read(app, engineers.engineers_on_shift, MONDAY, SHANGHAI)

    assert len(found) == 5
    assert one == five == 5  # engineers, skills, weekly shifts, exceptions, time off


def test_active_homes_are_every_active_engineers_whether_working_or_not(app: Flask) -> None:
    off_today = make_engineer(app, weekly={}, territory="nanshan", home_lat=22.5, home_lon=113.9)
    make_engineer(app, active=False)

    homes, selects = _read(app, engineers.active_engineer_homes)

    assert homes == [engineers.EngineerHome(off_today, "nanshan", 22.5, 113.9)]
    assert selects == 1


def test_names_known_and_active_ids(app: Flask) -> None:
    active = make_engineer(app, name="Li Wei")
    retired = make_engineer(app, name="Wang Fang", active=False)
    asked = [active, retired, 999_999]

    assert _read(app, engineers.engineer_names, asked) == ({active: "Li Wei", retired: "Wang Fang"}, 1)
    assert _read(app, engineers.known_engineer_ids, asked) == (frozenset({active, retired}), 1)
    assert _read(app, engineers.active_engineer_ids, asked) == (frozenset({active}), 1)
    assert _read(app, engineers.engineer_names, []) == ({}, 0)
