"""What a plan changes for the jobs of its day: added, moved and removed, against what the work
orders say now (who has each job and when it is planned)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core.db import UnitOfWork
from dispatch.planning.snapshot import PlanningDay, seconds_from_midnight
from workorders import held_assignments

Assignment = tuple[int, int]  # (engineer id, planned start in seconds from the day's midnight)


@dataclass(frozen=True)
class Move:
    work_order_id: int
    from_engineer_id: int | None
    to_engineer_id: int | None
    from_start_s: int | None
    to_start_s: int | None


@dataclass(frozen=True)
class PlanDiff:
    added: tuple[Move, ...] = ()
    moved: tuple[Move, ...] = ()
    removed: tuple[Move, ...] = ()
    unchanged: int = 0

    def as_dict(self, day: PlanningDay | None = None) -> dict[str, Any]:
        def show(move: Move) -> dict[str, Any]:
            return {"work_order_id": move.work_order_id, "from_engineer_id": move.from_engineer_id,
                    "to_engineer_id": move.to_engineer_id,
                    "from_start_at": day.at(move.from_start_s) if day else None,
                    "to_start_at": day.at(move.to_start_s) if day else None}

        return {"added": [show(m) for m in self.added], "moved": [show(m) for m in self.moved],
                "removed": [show(m) for m in self.removed], "unchanged": self.unchanged}


def diff_assignments(before: Mapping[int, Assignment], after: Mapping[int, Assignment]) -> PlanDiff:
    """A job is added when nobody had it, removed when nobody will, moved when its engineer or
    its planned start changes."""
    added, moved, removed, unchanged = [], [], [], 0
    for work_order_id in sorted(set(before) | set(after)):
        old, new = before.get(work_order_id), after.get(work_order_id)
        move = Move(work_order_id, old and old[0], new and new[0], old and old[1], new and new[1])
        if old is None and new is not None:
            added.append(move)
        elif new is None and old is not None:
            removed.append(move)
        elif old != new:
            moved.append(move)
        else:
            unchanged += 1
    return PlanDiff(tuple(added), tuple(moved), tuple(removed), unchanged)


def current_assignments(uow: UnitOfWork, work_order_ids: Iterable[int],
                        day: PlanningDay) -> dict[int, Assignment]:
    """Who holds each of these jobs now, and when it is planned to start (the day's midnight if untimed)."""
    held = held_assignments(uow, list(work_order_ids))
    return {wo_id: (h.engineer_id, seconds_from_midnight(h.planned_start, day.service_date, day.timezone)
                    if h.planned_start else 0)
            for wo_id, h in held.items()}




def plan_diff(uow: UnitOfWork, plan: Any, day: PlanningDay) -> tuple[PlanDiff, dict[int, Assignment]]:
    """The plan against the work orders now; jobs under way (fixed) keep what they have."""
    fixed = {s.work_order_id for r in plan.routes for s in r.stops if s.fixed}
    new = plan.assignments()
    involved = set(new) | {u.work_order_id for u in plan.unassigned}
    before = current_assignments(uow, involved, day)
    for work_order_id in fixed:
        if work_order_id in before:
            new[work_order_id] = before[work_order_id]
    return diff_assignments(before, new), before
