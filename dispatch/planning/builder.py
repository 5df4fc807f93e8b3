"""The optimizer's problem for one service day, read from the database.

Jobs are the work orders scheduled (or already assigned) for the date in the service
timezone; engineers are the active ones whose resolved shift says they work that date, with
their break, overtime, skills and home; who may take a job also depends on who can obtain
its parts (``planning.parts``) and on the dispatcher's pins. A re-plan adds where everyone
is now: jobs under way stay with their engineer, completed ones drop out, engineers leave
from the site they are at or last left, no earlier than now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.db import UnitOfWork
from dispatch.optimizer.problem import BreakWindow, Engineer, Job, Problem
from dispatch.planning import replan_state
from dispatch.planning.models import Pin
from dispatch.planning.parts import PartSources, PartsPicture, engineers_who_can_obtain, needs_of
from dispatch.planning.snapshot import LeftOut, PlanningDay, seconds_from_midnight
from dispatch.travel import TravelProvider, provider_for
from engineers import EffectiveShift, EngineerOnShift, active_engineer_homes, engineers_on_shift
from workorders import PlanningWorkOrder, Status, preferred_engineer, work_orders_of_day

PLANNED_STATUSES = (Status.SCHEDULED, Status.ASSIGNED)
UNDER_WAY = (Status.EN_ROUTE, Status.ON_SITE, Status.IN_PROGRESS)
DAY_S = 24 * 3600


@dataclass(frozen=True)
class DayRequest:
    """What to plan: the date, optionally one territory, and for a re-plan the moment and who is out."""

    service_date: date
    territory: str | None = None
    now: datetime | None = None
    unavailable_engineer_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_replan(self) -> bool:
        return self.now is not None


def build_day(uow: UnitOfWork, request: DayRequest, parts: Any,
              travel: TravelProvider | None = None) -> PlanningDay:
    tz_name = uow.settings.get("TIMEZONE") or "UTC"
    tz = ZoneInfo(tz_name)
    day = request.service_date
    shifts = _engineers_on_shift(uow, request, tz)
    work_orders = _work_orders(uow, request, tz, shifts)
    state = replan_state.read(uow, request, [e for e, _ in shifts], work_orders, tz_name) \
        if request.is_replan else None
    if state is not None:
        work_orders = [w for w in work_orders if w.id not in state.dropped]
    places = _Places()
    engineer_keys = {row.id: f"{row.name} #{row.id}" for row, _ in shifts}
    for row, _ in shifts:
        places.index(("home", row.id), (row.home_lat, row.home_lon))
    for work_order in work_orders:
        places.index(("site", work_order.site_id), (work_order.site_lat, work_order.site_lon))
    engineers = [_engineer(row, shift, engineer_keys[row.id], places, day, tz_name, state)
                 for row, shift in shifts]
    allowed, picture = _parts_allowed(uow, parts, work_orders, engineer_keys)
    pins = {pin.work_order_id: pin for pin in uow.session.scalars(
        select(Pin).where(Pin.service_date == day))}
    skills = {row.id: row.skills for row, _ in shifts}
    jobs, left_out = [], []
    for work_order in work_orders:
        preferred = engineer_keys.get(preferred_engineer(work_order, skills))  # a repeat repair's
        job, refusal = _job(work_order, places, engineer_keys, allowed.get(work_order.id), pins, day,
                            tz_name, state, preferred)
        if job is not None:
            jobs.append(job)
        if refusal is not None:
            left_out.append(refusal)
    matrix = (travel or provider_for(uow.settings)).matrix(places.points)
    now_s = seconds_from_midnight(request.now, day, tz_name) if request.now is not None else None
    problem = Problem(engineers, jobs, matrix.travel_s, matrix.distance_m, now_s=now_s,
                      name=f"{day.isoformat()}{' ' + request.territory if request.territory else ''}")
    return PlanningDay(
        problem=problem, service_date=day, timezone=tz_name,
        engineer_ids={key: engineer_id for engineer_id, key in engineer_keys.items()},
        work_order_ids={w.number: w.id for w in work_orders if any(j.id == w.number for j in jobs)},
        left_out=tuple(left_out),
        fixed_keys=frozenset(j.id for j in jobs if j.fixed_engineer is not None), parts=picture)


class _Places:
    """Location indices for the travel matrix; one index per home and per site."""

    def __init__(self) -> None:
        self.points: list[tuple[float, float]] = []
        self._known: dict[tuple[str, int], int] = {}

    def index(self, key: tuple[str, int], point: tuple[float, float]) -> int:
        if key not in self._known:
            self._known[key] = len(self.points)
            self.points.append(point)
        return self._known[key]

    def of(self, key: tuple[str, int]) -> int:
        return self._known[key]


def _engineers_on_shift(uow: UnitOfWork, request: DayRequest,
                        tz: ZoneInfo) -> list[tuple[EngineerOnShift, EffectiveShift]]:
    return [(row, row.shift) for row in engineers_on_shift(uow, request.service_date, tz, request.territory)
            if row.id not in request.unavailable_engineer_ids]


def _work_orders(uow: UnitOfWork, request: DayRequest, tz: ZoneInfo,
                 shifts: Sequence[tuple[EngineerOnShift, EffectiveShift]]) -> list[PlanningWorkOrder]:
    statuses = PLANNED_STATUSES + (UNDER_WAY if request.is_replan else ())
    found = work_orders_of_day(uow, request.service_date, tz, statuses)
    if request.territory is not None:
        found = _in_territory(uow, found, {row.id for row, _ in shifts}, request.territory)
    return found


def _in_territory(uow: UnitOfWork, work_orders: list[PlanningWorkOrder], local_engineers: set[int],
                  territory: str) -> list[PlanningWorkOrder]:
    """A territory's jobs: those held by its engineers, and free ones nearest to one of its homes."""
    homes = [(h.engineer_id, h.territory, h.home_lat, h.home_lon) for h in active_engineer_homes(uow)]
    kept = []
    for work_order in work_orders:
        if work_order.engineer_id is not None:
            if work_order.engineer_id in local_engineers:
                kept.append(work_order)
            continue
        nearest = min(homes, default=None, key=lambda h: (h[2] - work_order.site_lat) ** 2
                      + (h[3] - work_order.site_lon) ** 2)
        if nearest is not None and nearest[1] == territory:
            kept.append(work_order)
    return kept


def _engineer(row: EngineerOnShift, shift: EffectiveShift, key: str, places: _Places, day: date, tz: str,
              state: Any) -> Engineer:
    assert shift.start is not None and shift.end is not None
    home = places.of(("home", row.id))
    lunch = None
    if shift.break_window_start is not None and shift.break_window_end is not None and shift.break_length_min:
        lunch = BreakWindow(seconds_from_midnight(shift.break_window_start, day, tz),
                            seconds_from_midnight(shift.break_window_end, day, tz),
                            shift.break_length_min * 60)
    current, free_from = None, None
    shift_start_s = seconds_from_midnight(shift.start, day, tz)
    if state is not None:
        current, free_from = state.departure(row.id, places)
        shift_start_s = state.earliest_start_s(row.id, shift_start_s)
    return Engineer(
        id=key, start_location=home, end_location=home,
        shift_start_s=shift_start_s,
        shift_end_s=seconds_from_midnight(shift.end, day, tz),
        skills=dict(row.skills),
        overtime_max_s=shift.overtime_allowed_min * 60, overtime_cost_per_h=shift.overtime_cost_per_hour,
        lunch=lunch, max_distance_m=int(row.max_travel_km * 1000) if row.max_travel_km else None,
        current_location=current, free_from_s=free_from)


def _parts_allowed(uow: UnitOfWork, parts: Any, work_orders: Iterable[PlanningWorkOrder],
                   engineer_keys: dict[int, str]) -> tuple[dict[int, frozenset[str]], PartsPicture | None]:
    """For each job needing parts: the engineers (keys) who can obtain all of them. Units a job
    already holds count as available to it: publishing releases them before reserving again."""
    needs = {w.id: needs_of(w.parts_needed) for w in work_orders
             if w.parts_needed and w.status not in UNDER_WAY}
    if not needs:
        return {}, None
    stock = dict(parts.stock(uow, {sku for need in needs.values() for sku in need}))
    for key, qty in parts.held(uow, needs).items():
        stock[key] = stock.get(key, 0) + qty
    sources: dict[int, PartSources] = parts.sources(uow, engineer_keys)
    allowed = {work_order_id: frozenset(engineer_keys[e]
                                        for e in engineers_who_can_obtain(need, sources, stock))
               for work_order_id, need in needs.items()}
    return allowed, PartsPicture(needs, sources, stock)


def _job(work_order: PlanningWorkOrder, places: _Places, engineer_keys: dict[int, str],
         allowed: frozenset[str] | None, pins: dict[int, Pin], day: date, tz: str,
         state: Any, preferred: str | None) -> tuple[Job | None, LeftOut | None]:
    assert work_order.window_start is not None and work_order.window_end is not None
    window = (max(0, seconds_from_midnight(work_order.window_start, day, tz)),
              min(DAY_S - 1, seconds_from_midnight(work_order.window_end, day, tz)))
    fields: dict[str, Any] = {"preferred_engineer": preferred}
    pin = pins.get(work_order.id)
    if pin is not None and work_order.status not in UNDER_WAY:
        if pin.engineer_id not in engineer_keys:
            return None, LeftOut(work_order.id, "pinned-conflict",
                                 f"Pinned to engineer {pin.engineer_id}, who is not working that day.")
        fields["pinned_engineer"] = engineer_keys[pin.engineer_id]
        if pin.start_at is not None:
            fields["pinned_start_s"] = seconds_from_midnight(pin.start_at, day, tz)
    if work_order.status is Status.ASSIGNED and work_order.engineer_id in engineer_keys:
        fields["promised_engineer"] = engineer_keys[work_order.engineer_id]
    if state is not None and work_order.status in UNDER_WAY:
        fixed = state.fixing(work_order, engineer_keys, window)
        if fixed is None:
            return None, None
        window, fields = fixed
        allowed = None
    job = Job(id=work_order.number, location=places.of(("site", work_order.site_id)),
              window_start_s=window[0], window_end_s=window[1], duration_s=work_order.estimated_duration_s,
              skills={s.skill: s.min_level for s in work_order.required_skills},
              priority=work_order.priority, allowed_engineers=allowed, **fields)
    return job, None
