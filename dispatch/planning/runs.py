"""One plan run: build the day from the database, solve it, record the result.

Each step is its own short transaction, so nothing is held open while the optimizer
searches (on SQLite a held write lock would stall every web worker): claim the plan and
store its problem; report progress as the search improves; store the routes at the end.
A run whose plan was cancelled meanwhile stops recording. The runners decide where this
happens: in a worker process (the web) or right here (CLI, tests).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from core.db import UnitOfWork
from dispatch.optimizer.options import SearchOptions
from dispatch.optimizer.solution import ProgressPoint, Solution, SolveStats
from dispatch.optimizer.solver import solve
from dispatch.planning import recording, snapshot
from dispatch.planning.builder import DayRequest, build_day
from dispatch.planning.models import PlanKind
from dispatch.planning.parts import LedgerParts
from dispatch.planning.parts_fit import solve_with_parts

log = logging.getLogger("fixroute.dispatch")
ROOT = Path(__file__).resolve().parents[2]  # the repository: where ``python -m`` finds the packages
UowFactory = Callable[[], AbstractContextManager[UnitOfWork]]
PROGRESS_EVERY_S = 0.5
HEARTBEAT_S = 1.0


def search_options(settings: dict[str, Any], time_limit_s: float) -> SearchOptions:
    limit = settings.get("PLAN_SOLUTION_LIMIT")
    return SearchOptions(time_limit_s=time_limit_s, solution_limit=int(limit) if limit else None,
                         workers=int(settings.get("PLAN_WORKERS") or 1),
                         seed=int(settings.get("PLAN_SEED") or 1))


def run_plan(new_uow: UowFactory, plan_id: int, parts: Any = None,
             on_started: Callable[[], None] | None = None) -> None:
    """Solves a queued plan and records it; any failure is recorded on the plan, never lost."""
    try:
        _run(new_uow, plan_id, parts or LedgerParts(), on_started)
    except Exception as error:  # noqa: BLE001 - the plan must say it failed, not stay "running"
        log.exception("plan %s failed", plan_id)
        with new_uow() as uow:
            recording.record_failure(uow, plan_id, f"{type(error).__name__}: {error}\n"
                                   + traceback.format_exc(limit=5))


def _run(new_uow: UowFactory, plan_id: int, parts: Any, on_started: Callable[[], None] | None) -> None:
    with new_uow() as uow:
        plan = recording.start_run(uow, plan_id, os.getpid())
        if plan is None:
            return
        request = DayRequest(plan.service_date, plan.territory,
                             plan.replan_now if plan.kind is PlanKind.REPLAN else None,
                             frozenset(plan.unavailable))
        day = build_day(uow, request, parts)
        recording.record_counts(plan, day)
        settings, time_limit_s = uow.settings, plan.time_limit_s
    if on_started is not None:
        on_started()
    began = time.monotonic()
    reporter = _ProgressReporter(new_uow, plan_id, began)
    day, solution = solve_with_parts(day, search_options(settings, time_limit_s), _solve, reporter)
    with new_uow() as uow:
        recording.record_solution(uow, plan_id, day, solution, *snapshot.dump(day))


def _solve(day: snapshot.PlanningDay, options: SearchOptions, reporter: Callable[[ProgressPoint], None]
           ) -> Solution:
    problem = day.problem
    if not problem.engineers or not problem.jobs:
        # Nothing to search: every job (if any) is explained against an empty day.
        from dispatch.optimizer.explain import explain_unassigned

        unassigned = explain_unassigned(problem, (), tuple(j.id for j in problem.jobs))
        return Solution((), unassigned, 0, SolveStats(engine="none"))
    return solve(problem, options=options, on_progress=reporter)


class _ProgressReporter:
    """Writes the incumbent to the plan row at most every ``PROGRESS_EVERY_S``."""

    def __init__(self, new_uow: UowFactory, plan_id: int, began: float) -> None:
        self.new_uow, self.plan_id, self.began = new_uow, plan_id, began
        self.last_write = 0.0

    def __call__(self, point: ProgressPoint) -> None:
        now = time.monotonic()
        if now - self.last_write < PROGRESS_EVERY_S:
            return
        self.last_write = now
        with self.new_uow() as uow:
            recording.record_progress(uow, self.plan_id, point, now - self.began)


# --- where runs happen -------------------------------------------------------------------------


class InlineRunner:
    """Solves in the caller's thread: the CLI, the scheduler process, and fast API tests."""

    def __init__(self, new_uow: UowFactory) -> None:
        self.new_uow = new_uow

    def submit(self, plan_id: int) -> None:
        run_plan(self.new_uow, plan_id)


class SubprocessRunner:
    """Each run in its own worker process (``python -m dispatch.planning.worker``), so a long search
    never holds a web worker; the process group lets a cancel stop the search's helpers too."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._children: list[subprocess.Popen[bytes]] = []

    def submit(self, plan_id: int) -> None:
        self._children = [c for c in self._children if c.poll() is None]  # reap finished workers
        env = dict(os.environ)
        for name, value in self.settings.items():
            if value is not None:
                env[f"FIXROUTE_{name}"] = str(value)
        self._children.append(subprocess.Popen(
            [sys.executable, "-m", "dispatch.planning.worker", str(plan_id)], env=env, start_new_session=True,
            cwd=ROOT, stdin=subprocess.DEVNULL))


def watch_for_cancel(new_uow: UowFactory, plan_id: int, began: float) -> threading.Thread:
    """In a worker process: a heartbeat (elapsed time) and, once the plan is cancelled, the
    end of the whole process group, the search's forked helper included."""

    def beat() -> None:
        while True:
            time.sleep(HEARTBEAT_S)
            try:
                with new_uow() as uow:
                    running = recording.record_progress(uow, plan_id, None, time.monotonic() - began)
            except Exception:  # noqa: BLE001 - a missed heartbeat is not worth a failed plan
                log.warning("heartbeat of plan %s failed", plan_id, exc_info=True)
                continue
            if not running:
                os.killpg(os.getpgrp(), signal.SIGKILL)

    thread = threading.Thread(target=beat, name=f"plan-{plan_id}-watch", daemon=True)
    thread.start()
    return thread
