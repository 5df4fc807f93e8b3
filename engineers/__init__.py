"""Engineers: skills, shifts and breaks, time off, home bases.

This module is the package's public face: the only one other packages import. Planning
reads engineers here as small frozen records with their shift already resolved; work orders
and spare parts read which engineers exist and their names through the ports ``app.py``
provides with ``known_engineer_ids`` and ``engineer_names``; the event says when a new
engineer starts; the enums and errors name the package's words and refusals.
"""

from engineers.events import EngineerCreated
from engineers.models import TimeOffReason, Weekday
from engineers.roster import (
    EngineerHome,
    EngineerOnShift,
    active_engineer_homes,
    active_engineer_ids,
    engineer_names,
    engineers_on_shift,
    known_engineer_ids,
)
from engineers.service import EngineerNotFound, NotYourEngineerRecord, create_engineer
from engineers.shifts import EffectiveShift, ShiftSource
from engineers.working_time import (
    ShiftExceptionNotFound,
    TimeOffNotFound,
    TimeOffOverlaps,
    replace_weekly_pattern,
)

__all__ = [
    # reads (frozen records), for planning
    "engineers_on_shift", "active_engineer_homes", "engineer_names", "known_engineer_ids",
    "active_engineer_ids", "EngineerOnShift", "EngineerHome", "EffectiveShift", "ShiftSource",
    # commands, as the demo company uses them
    "create_engineer", "replace_weekly_pattern",
    # the package's words
    "TimeOffReason", "Weekday",
    # what it tells others
    "EngineerCreated",
    # its refusals
    "EngineerNotFound", "NotYourEngineerRecord", "ShiftExceptionNotFound", "TimeOffNotFound",
    "TimeOffOverlaps",
]
