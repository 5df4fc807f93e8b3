"""Where everyone is at a re-plan's ``now``, read from the work orders' event history.

An engineer on site (on_site, in_progress) is at that job's site, and the job stays with
them at the time they arrived; an engineer driving (en_route) keeps that job; anyone else
leaves, no earlier than now, from the site of the job they last completed today, or home.
Jobs under way with an engineer who is out stay theirs and are not planned (only the engineer
on the job may move it along); completed jobs drop out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from core.clock import local_day_bounds
from core.db import UnitOfWork
from dispatch.planning.snapshot import seconds_from_midnight
from engineers import EngineerOnShift
from workorders import PlanningWorkOrder, Status, last_completed_sites, on_site_arrivals

ON_SITE = (Status.ON_SITE, Status.IN_PROGRESS)
UNDER_WAY = (Status.EN_ROUTE, Status.ON_SITE, Status.IN_PROGRESS)


@dataclass
class ReplanState:
    now_s: int
    service_date: date
    timezone: str
    last_site: dict[int, int] = field(default_factory=dict)  # engineer → site at or last left
    started_s: dict[int, int] = field(default_factory=dict)  # work order → when its engineer arrived
    on_site_engineers: set[int] = field(default_factory=set)
    dropped: set[int] = field(default_factory=set)
    _site_points: dict[int, tuple[float, float]] = field(default_factory=dict)
    _engineer_of: dict[int, int] = field(default_factory=dict)

    def departure(self, engineer_id: int, places: Any) -> tuple[int | None, int | None]:
        """(current location index, free from s): an engineer on site is there and busy with a
        fixed job, so only the location changes; anyone else is free from now."""
        site = self.last_site.get(engineer_id)
        location = places.index(("site", site), self._site_points[site]) if site is not None else None
        if engineer_id in self.on_site_engineers:
            return location, None
        return location, self.now_s

    def earliest_start_s(self, engineer_id: int, shift_start_s: int) -> int:
        """An engineer who arrived on site before the shift began started the day then."""
        return min([shift_start_s] + [s for w, s in self.started_s.items()
                                      if self._engineer_of.get(w) == engineer_id])

    def fixing(self, work_order: PlanningWorkOrder, engineer_keys: dict[int, str],
               window: tuple[int, int]) -> tuple[tuple[int, int], dict[str, Any]] | None:
        """The window and fields that keep a job under way with its engineer; None if the
        engineer is not in the plan (the job stays theirs, unplanned)."""
        key = engineer_keys.get(work_order.engineer_id or -1)
        if key is None:
            return None
        started = self.started_s.get(work_order.id)
        if started is not None:
            return (min(window[0], started), max(window[1], started)), {
                "fixed_engineer": key, "started_s": started}
        # Driving there now: the promised window may already be gone, the visit still happens.
        return (window[0], max(window[1], self.now_s + 4 * 3600)), {"fixed_engineer": key}


def read(uow: UnitOfWork, request: Any, engineers: Sequence[EngineerOnShift],
         work_orders: Sequence[PlanningWorkOrder], timezone: str) -> ReplanState:
    day = request.service_date
    state = ReplanState(seconds_from_midnight(request.now, day, timezone), day, timezone)
    on_shift = {row.id: row for row in engineers}
    arrivals = on_site_arrivals(uow, [w.id for w in work_orders if w.status in ON_SITE])
    for work_order in work_orders:
        if work_order.status not in UNDER_WAY:
            continue
        if work_order.engineer_id not in on_shift:
            state.dropped.add(work_order.id)
            continue
        if work_order.status in ON_SITE:
            state.on_site_engineers.add(work_order.engineer_id)
            state.last_site[work_order.engineer_id] = work_order.site_id
            state._site_points[work_order.site_id] = (work_order.site_lat, work_order.site_lon)
            arrived = arrivals.get(work_order.id)
            arrived_s = seconds_from_midnight(arrived, day, timezone) if arrived else state.now_s
            state.started_s[work_order.id] = min(arrived_s, state.now_s)
            state._engineer_of[work_order.id] = work_order.engineer_id
    _last_completed_sites(uow, request, on_shift, state)
    return state


def _last_completed_sites(uow: UnitOfWork, request: Any, on_shift: dict[int, EngineerOnShift],
                          state: ReplanState) -> None:
    """The site each engineer (not on site now) last completed a job at, today before now."""
    start, _end = local_day_bounds(request.service_date, ZoneInfo(state.timezone))
    for engineer_id, site in last_completed_sites(uow, list(on_shift), start, request.now).items():
        if engineer_id in state.on_site_engineers:
            continue
        state.last_site[engineer_id] = site.site_id
        state._site_points[site.site_id] = (site.lat, site.lon)
