"""Builders for engineers (owned by the engineers work; keep every new column defaulted here).

``make_engineer`` writes straight through a unit of work, so tests of other packages get an
engineer without going through the engineers API; ``engineer_payload`` is the API body.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from engineers.models import Engineer, EngineerSkill, WeeklyShift

WEEKDAYS_9_TO_6 = {
    weekday: {
        "shift_start": time(9, 0),
        "shift_end": time(18, 0),
        "break_window_start": time(12, 0),
        "break_window_end": time(14, 0),
        "break_length_min": 60,
    }
    for weekday in range(5)
}


def make_engineer(
    app: Any,
    skills: dict[str, int] | None = None,
    weekly: dict[int, dict[str, Any]] | None = None,
    **overrides: Any,
) -> int:
    """An active engineer in Shenzhen; ``skills`` {name: level}; ``weekly`` {weekday: hours}."""
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        fields = {
            "name": "Li Wei",
            "phone": "+86 138 0000 0001",
            "home_lat": 22.54,
            "home_lon": 114.06,
            "created_at": uow.now(),
        } | overrides
        engineer = Engineer(**fields)
        engineer.skills = [EngineerSkill(skill=name, level=level) for name, level in (skills or {}).items()]
        engineer.weekly_shifts = [
            WeeklyShift(weekday=weekday, **hours) for weekday, hours in (weekly or {}).items()
        ]
        uow.session.add(engineer)
        uow.session.flush()
        return engineer.id


def engineer_payload(**overrides: Any) -> dict[str, Any]:
    """A valid POST /engineers body."""
    return {
        "name": "Zhang Min",
        "phone": "+86 139 0000 0002",
        "home_lat": 22.55,
        "home_lon": 114.1,
        "territory": "futian",
        "skills": [{"skill": "locks", "level": 2}],
    } | overrides


def weekday_hours(weekday: str = "MONDAY", **overrides: Any) -> dict[str, Any]:
    """One weekday of a PUT /engineers/{id}/shifts body: 09:00–18:00, an hour's break 12–14."""
    return {
        "weekday": weekday,
        "shift_start": "09:00",
        "shift_end": "18:00",
        "break_window_start": "12:00",
        "break_window_end": "14:00",
        "break_length_min": 60,
        "overtime_allowed_min": 60,
        "overtime_cost_per_hour": 80.0,
    } | overrides
