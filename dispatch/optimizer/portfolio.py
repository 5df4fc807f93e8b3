"""Two cores, two different searches, best plan kept.

The best first strategy differs per instance, and PyVRP's genetic search beats
OR-Tools' local search on tight windows but cannot express breaks. So while this
process runs OR-Tools (reporting progress as it goes), a forked child runs PyVRP
(or, when PyVRP is unsuitable, OR-Tools with another first strategy). In the last
part of the time limit the child's routes are read into the full OR-Tools model,
repaired where a break or another rule does not fit, and improved. Every candidate
is a plan of the full model; the lowest objective wins.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import replace

from dispatch.optimizer import pyvrp_engine, solver
from dispatch.optimizer.options import ProgressCallback, SearchOptions
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.repair import feasible_routes
from dispatch.optimizer.solver import SearchResult

POLISH_SHARE = 0.12  # of the time limit, for OR-Tools to finish the child's routes
POLISH_MIN_S = 0.5


def best_plan(problem: Problem, options: SearchOptions,
              on_progress: ProgressCallback | None = None) -> SearchResult | None:
    """The cheapest plan any of the searches found within the time limit."""
    began = time.monotonic()
    if options.workers < 2 or not problem.jobs:
        return solver.solve_once(problem, options, options.time_limit_s, None, on_progress)
    polish_s = max(POLISH_MIN_S, POLISH_SHARE * options.time_limit_s)
    parallel_s = max(0.2, options.time_limit_s - polish_s)
    use_pyvrp = options.use_pyvrp and pyvrp_engine.fits_in_memory(problem)
    child = _start_child(_child_search(problem, options, parallel_s, use_pyvrp))
    own = solver.solve_once(problem, options, parallel_s, None, on_progress)
    proposal = child.result(timeout=parallel_s + 30)
    candidates = [own]
    if proposal is not None and use_pyvrp:
        remaining_s = max(0.2, options.time_limit_s - (time.monotonic() - began))
        seeded = feasible_routes(problem, proposal)
        polished = solver.solve_once(problem, _polish_options(options), remaining_s,
                                     seeded, None)
        candidates.append(polished and _tagged(polished, "pyvrp+ortools"))
    elif isinstance(proposal, SearchResult):
        candidates.append(proposal)
    return _cheapest(candidates, began)


def _polish_options(options: SearchOptions) -> SearchOptions:
    if options.solution_limit is None:
        return options
    return replace(options, solution_limit=max(1, options.solution_limit // 4))


def _child_search(problem: Problem, options: SearchOptions, time_limit_s: float,
                  use_pyvrp: bool) -> Callable[[], object]:
    if use_pyvrp:
        iterations = options.pyvrp_iterations
        if iterations is None and options.solution_limit is not None:
            iterations = 20 * options.solution_limit
        return lambda: pyvrp_engine.propose_routes(problem, time_limit_s, options.seed,
                                                   iterations)
    other = options.strategies[1] if len(options.strategies) > 1 else "PATH_CHEAPEST_ARC"
    return lambda: solver.solve_once(problem, options.with_strategy(other), time_limit_s)


def _tagged(result: SearchResult, engine: str) -> SearchResult:
    return replace(result, stats=replace(result.stats, engine=engine))


def _cheapest(candidates: list[SearchResult | None], began: float) -> SearchResult | None:
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    best = min(found, key=lambda c: c.objective)  # stable: the parent's search wins ties
    firsts = [c.stats.first_feasible_s for c in found if c.stats.first_feasible_s is not None]
    stats = replace(best.stats, elapsed_s=time.monotonic() - began,
                    first_feasible_s=min(firsts, default=None),
                    progress=found[0].stats.progress,
                    notes=tuple(f"{c.stats.engine}: {c.objective}" for c in found))
    return replace(best, stats=stats)


class _Child:
    """A forked process computing one thing; ``result`` waits for it, None on failure."""

    def __init__(self, work: Callable[[], object]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()

    def result(self, timeout: float) -> object | None:
        try:
            value = self._receive.recv() if self._receive.poll(timeout) else None
        except EOFError:
            value = None
        self._process.join(timeout=1)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._receive.close()
        return value


def _start_child(work: Callable[[], object]) -> _Child:
    return _Child(work)


def _run(work: Callable[[], object], send: object) -> None:
    try:
        send.send(work())
    except Exception:  # noqa: BLE001 - the parent's own search still stands
        send.send(None)
    finally:
        send.close()
