"""A plan: each engineer's timed route, and the jobs left out with the reason why.

Plain frozen data in the problem's units (seconds from midnight, metres), so the
validator can check it without the solver, the API can render it and a dispatcher
can read it: every time is when it happens, not a solver variable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReasonCode(StrEnum):
    """Why a job is in no route; each is established by a check in ``explain``."""

    NO_SKILLED_ENGINEER = "no-skilled-engineer"
    WINDOW_OUTSIDE_SHIFTS = "window-outside-shifts"
    PARTS_UNAVAILABLE = "parts-unavailable"
    NO_CAPACITY = "no-capacity"
    PINNED_CONFLICT = "pinned-conflict"


class SuggestionKind(StrEnum):
    """The one change that would let the job in."""

    OTHER_WINDOW = "other-window"
    OVERTIME = "overtime"
    LIFT_PIN = "lift-pin"
    OTHER_ENGINEER = "other-engineer"


@dataclass(frozen=True)
class Stop:
    """One visit: arrive, maybe wait, serve from ``start_s`` to ``end_s``.

    ``travel_s`` and ``distance_m`` are for the leg from the previous place (the
    engineer's departure location for the first stop).
    """

    job_id: str
    arrival_s: int
    start_s: int
    end_s: int
    travel_s: int
    distance_m: int


@dataclass(frozen=True)
class Route:
    """One engineer's day, in visiting order.

    ``departure_s`` is when the engineer leaves the start, ``return_s`` when back at
    the end location; the return leg is in ``return_travel_s``/``return_distance_m``.
    The break, when the engineer has one, is ``[break_start_s, break_end_s)`` inside
    the engineer's break window and never during a job: taken while waiting, between
    legs (the drive before and after it still adds up to the leg's ``travel_s``), or
    at home before departure / after return. Between two stops it needs
    ``next.start_s >= prev.end_s + travel_s + break length``. ``arrival_s`` already
    includes a break taken on the way.
    """

    engineer_id: str
    stops: tuple[Stop, ...]
    departure_s: int
    return_s: int
    return_travel_s: int
    return_distance_m: int
    break_start_s: int | None = None
    break_end_s: int | None = None
    overtime_s: int = 0

    @property
    def travel_s(self) -> int:
        return sum(s.travel_s for s in self.stops) + self.return_travel_s

    @property
    def distance_m(self) -> int:
        return sum(s.distance_m for s in self.stops) + self.return_distance_m

    @property
    def job_ids(self) -> tuple[str, ...]:
        return tuple(s.job_id for s in self.stops)


@dataclass(frozen=True)
class Suggestion:
    """One concrete, checked change that would place the job, in words and in data."""

    kind: SuggestionKind
    text: str
    engineer_id: str | None = None
    window_start_s: int | None = None
    window_end_s: int | None = None
    overtime_s: int | None = None


@dataclass(frozen=True)
class UnassignedJob:
    job_id: str
    reason: ReasonCode
    suggestion: Suggestion | None = None


@dataclass(frozen=True)
class ProgressPoint:
    """The incumbent at a moment of the search, for the UI's live chart."""

    elapsed_s: float
    objective: int
    served: int


@dataclass(frozen=True)
class SolveStats:
    """How the search went: when the first plan existed and how it improved."""

    elapsed_s: float = 0.0
    first_feasible_s: float | None = None
    progress: tuple[ProgressPoint, ...] = ()
    engine: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Solution:
    """Routes of engineers who have work (an idle engineer has no route) and the rest.

    ``objective`` is in the solver's cost units (see ``problem.Costs``), including
    drop penalties; the totals are plain seconds and metres.
    """

    routes: tuple[Route, ...]
    unassigned: tuple[UnassignedJob, ...] = ()
    objective: int = 0
    stats: SolveStats = field(default_factory=SolveStats)

    @property
    def served(self) -> int:
        return sum(len(r.stops) for r in self.routes)

    @property
    def travel_s(self) -> int:
        return sum(r.travel_s for r in self.routes)

    @property
    def distance_m(self) -> int:
        return sum(r.distance_m for r in self.routes)

    @property
    def overtime_s(self) -> int:
        return sum(r.overtime_s for r in self.routes)

    @property
    def vehicles(self) -> int:
        return sum(1 for r in self.routes if r.stops)

    def route_of(self, engineer_id: str) -> Route | None:
        return next((r for r in self.routes if r.engineer_id == engineer_id), None)

    def engineer_of(self, job_id: str) -> str | None:
        """Who does the job in this plan, or None if it is unassigned."""
        for route in self.routes:
            if job_id in route.job_ids:
                return route.engineer_id
        return None
