"""The planning problem: who can do what, where and when, in plain frozen data.

Everything is an integer: seconds from the service day's midnight and metres, so the
solver, the validator and the adapters to other solvers all round the same way and a
plan that one of them accepts is accepted by the others. Locations are indices into
the travel matrices; the caller decides what an index means (home, customer site).

Hard rules live on the engineers and jobs (skills, windows, shifts, breaks, pins,
parts); soft preferences are costs in :class:`Costs`, so a plan is never rejected for
missing a preference, only made dearer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

PRIORITIES = (1, 2, 3, 4)  # 1 = most urgent
SKILL_LEVELS = (1, 2, 3)


class ProblemError(ValueError):
    """The problem is inconsistent (a bad index, a window that ends before it starts)."""

    code = "invalid-problem"


@dataclass(frozen=True)
class BreakWindow:
    """A break of ``duration_s`` that must start and end inside the window.

    The engineer is idle during the break and never interrupts a job for it; the
    break may be taken while waiting or between travelling legs.
    """

    window_start_s: int
    window_end_s: int
    duration_s: int

    def __post_init__(self) -> None:
        if self.duration_s < 0 or self.window_end_s - self.window_start_s < self.duration_s:
            raise ProblemError(f"break of {self.duration_s} s does not fit its window")


@dataclass(frozen=True)
class Engineer:
    """One engineer's day.

    The route starts at ``start_location`` no earlier than ``shift_start_s`` and must be
    back at ``end_location`` by ``shift_end_s + overtime_max_s``; every second after
    ``shift_end_s`` costs ``overtime_cost_per_h / 3600``. ``skills`` maps a trade to the
    engineer's level (1..3). In a re-plan, ``free_from_s`` and ``current_location``
    override the start: the engineer is somewhere else and busy until then.
    """

    id: str
    start_location: int
    end_location: int
    shift_start_s: int
    shift_end_s: int
    skills: Mapping[str, int] = field(default_factory=dict)
    overtime_max_s: int = 0
    overtime_cost_per_h: float = 0.0
    lunch: BreakWindow | None = None
    max_travel_s: int | None = None
    max_distance_m: int | None = None
    capacity: int | None = None
    free_from_s: int | None = None
    current_location: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", dict(self.skills))
        if self.shift_end_s < self.shift_start_s or self.overtime_max_s < 0:
            raise ProblemError(f"engineer {self.id}: shift ends before it starts")
        if any(level not in SKILL_LEVELS for level in self.skills.values()):
            raise ProblemError(f"engineer {self.id}: skill levels are 1..3")

    @property
    def departure_location(self) -> int:
        """Where the route begins: the current position in a re-plan, else the start."""
        return self.start_location if self.current_location is None else self.current_location

    @property
    def available_from_s(self) -> int:
        """The earliest the engineer can leave: the shift start or when free again."""
        if self.free_from_s is None:
            return self.shift_start_s
        return max(self.shift_start_s, self.free_from_s)

    @property
    def latest_return_s(self) -> int:
        """The hard end of the day: shift end plus all the overtime allowed."""
        return self.shift_end_s + self.overtime_max_s

    def has_skills(self, required: Mapping[str, int]) -> bool:
        """True when every required trade is held at least at the required level."""
        return all(self.skills.get(skill, 0) >= level for skill, level in required.items())


@dataclass(frozen=True)
class Job:
    """One visit. Service must *start* inside ``[window_start_s, window_end_s]``.

    ``allowed_engineers`` is derived by the caller from parts availability (None =
    anyone qualified). A pin is hard: ``pinned_engineer`` must do it, at
    ``pinned_start_s`` if given. ``fixed_engineer`` marks a job done or under way in
    a re-plan: it stays with that engineer (and at ``started_s`` if it has started).
    A promised job may move, at ``move_penalty`` per change of engineer or of window.
    """

    id: str
    location: int
    window_start_s: int
    window_end_s: int
    duration_s: int
    skills: Mapping[str, int] = field(default_factory=dict)
    priority: int = 3
    allowed_engineers: frozenset[str] | None = None
    pinned_engineer: str | None = None
    pinned_start_s: int | None = None
    preferred_engineer: str | None = None
    demand: int = 0
    fixed_engineer: str | None = None
    started_s: int | None = None
    promised_engineer: str | None = None
    promised_window: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", dict(self.skills))
        if self.allowed_engineers is not None:
            object.__setattr__(self, "allowed_engineers", frozenset(self.allowed_engineers))
        if self.window_end_s < self.window_start_s or self.duration_s < 0:
            raise ProblemError(f"job {self.id}: window ends before it starts")
        if self.priority not in PRIORITIES:
            raise ProblemError(f"job {self.id}: priority is 1..4")
        if any(level not in SKILL_LEVELS for level in self.skills.values()):
            raise ProblemError(f"job {self.id}: skill levels are 1..3")

    @property
    def must_engineer(self) -> str | None:
        """The engineer this job cannot leave: fixed (re-plan) first, then pinned."""
        return self.fixed_engineer or self.pinned_engineer

    @property
    def must_start_s(self) -> int | None:
        """A start time that cannot move: when it started, else the pinned start."""
        return self.started_s if self.started_s is not None else self.pinned_start_s

    def may_be_done_by(self, engineer: Engineer) -> bool:
        """Skills, levels, parts and any pin or fixing allow this engineer."""
        if self.must_engineer is not None and self.must_engineer != engineer.id:
            return False
        if self.allowed_engineers is not None and engineer.id not in self.allowed_engineers:
            return False
        return engineer.has_skills(self.skills)


@dataclass(frozen=True)
class Costs:
    """How the objective weighs travel, overtime and preferences (cost units).

    Solomon uses distance only (``travel_per_s=0, distance_per_m=1``); a field day
    uses driving time. Dropping a job costs more than any travel, scaled by priority
    in the solver, so a job is left out only when no plan can take it.
    """

    travel_per_s: float = 1.0
    distance_per_m: float = 0.0
    preferred_engineer_miss: int = 600
    promised_move: int = 1800
    vehicle_fixed: int = 0


@dataclass(frozen=True)
class Problem:
    """Engineers, jobs and the square travel matrices between location indices.

    The matrices may be given as numpy arrays or nested lists; they are stored as
    read-only int64 numpy arrays. ``use_capacity`` turns the demand/capacity rule on
    (Solomon); ``now_s`` makes this a re-plan: nothing not yet started may begin
    before it.
    """

    engineers: Sequence[Engineer]
    jobs: Sequence[Job]
    travel_s: np.ndarray = field(compare=False, repr=False)
    distance_m: np.ndarray = field(compare=False, repr=False)
    use_capacity: bool = False
    now_s: int | None = None
    costs: Costs = field(default_factory=Costs)
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "engineers", tuple(self.engineers))
        object.__setattr__(self, "jobs", tuple(self.jobs))
        for name in ("travel_s", "distance_m"):
            object.__setattr__(self, name, _matrix(getattr(self, name), name))
        if self.travel_s.shape != self.distance_m.shape:
            raise ProblemError("travel_s and distance_m differ in shape")
        _check_ids_and_indices(self)

    @property
    def location_count(self) -> int:
        return int(self.travel_s.shape[0])

    def engineer(self, engineer_id: str) -> Engineer:
        """The engineer with this id; raises KeyError for an unknown id."""
        return self._engineers_by_id()[engineer_id]

    def job(self, job_id: str) -> Job:
        """The job with this id; raises KeyError for an unknown id."""
        return self._jobs_by_id()[job_id]

    def _engineers_by_id(self) -> dict[str, Engineer]:
        return {e.id: e for e in self.engineers}

    def _jobs_by_id(self) -> dict[str, Job]:
        return {j.id: j for j in self.jobs}


def _matrix(values: object, name: str) -> np.ndarray:
    array = np.array(values, dtype=np.int64)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise ProblemError(f"{name} must be a square matrix")
    if (array < 0).any():
        raise ProblemError(f"{name} has negative entries")
    array.setflags(write=False)
    return array


def _check_ids_and_indices(problem: Problem) -> None:
    size = problem.location_count
    engineer_ids = [e.id for e in problem.engineers]
    job_ids = [j.id for j in problem.jobs]
    if len(set(engineer_ids)) != len(engineer_ids) or len(set(job_ids)) != len(job_ids):
        raise ProblemError("engineer and job ids must be unique")
    places = [j.location for j in problem.jobs]
    for e in problem.engineers:
        places += [e.start_location, e.end_location, e.departure_location]
    if any(not 0 <= place < size for place in places):
        raise ProblemError("a location index lies outside the travel matrix")
    known = set(engineer_ids)
    for job in problem.jobs:
        named = [job.pinned_engineer, job.fixed_engineer]
        if any(name is not None and name not in known for name in named):
            raise ProblemError(f"job {job.id} is pinned or fixed to an unknown engineer")
