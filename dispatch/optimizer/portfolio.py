"""Two cores, several engines, one model: the best plan kept.

OR-Tools' local search is the model every plan must pass, but other engines find
better visiting orders on field days: PyVRP's genetic search (which plans lunch only
through a second, warm-started search, see ``pyvrp_engine``) and VROOM (which plans
breaks natively). So a forked child runs PyVRP (or, when PyVRP is unsuitable,
OR-Tools with another first strategy) while this process first finds an OR-Tools plan
quickly (progress for the UI) and then, where VROOM fits, asks VROOM on both cores'
threads. In the last part of the time limit the cheapest proposal, once repaired where
a break or another rule does not fit, is read into the full OR-Tools model and
improved. Every candidate is a plan of the full model; the lowest objective wins.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import replace

from dispatch.optimizer import pyvrp_engine, solver, vroom_engine
from dispatch.optimizer.options import ProgressCallback, SearchOptions
from dispatch.optimizer.problem import Problem
from dispatch.optimizer.repair import feasible_routes, plan_cost
from dispatch.optimizer.solver import SearchResult

POLISH_SHARE = 0.12  # of the time limit, for OR-Tools to finish the chosen proposal
POLISH_MIN_S = 0.5
QUICK_SHARE = 0.08  # of the parallel part, for OR-Tools' own plan when VROOM runs too
QUICK_MAX_S = 2.0
EXPLAIN_RESERVE_SHARE = 0.03
EXPLAIN_RESERVE_MAX_S = 1.0
CHILD_RETURN_S = 0.1  # for the child to pickle and send its answer


def best_plan(problem: Problem, options: SearchOptions,
              on_progress: ProgressCallback | None = None) -> SearchResult | None:
    """The cheapest plan any of the searches found within the time limit."""
    began = time.monotonic()
    if options.workers < 2 or not problem.jobs:
        return solver.solve_once(problem, options, options.time_limit_s, None, on_progress)
    polish_s = max(POLISH_MIN_S, POLISH_SHARE * options.time_limit_s)
    parallel_s = max(0.2, options.time_limit_s - polish_s - _explain_reserve_s(options))
    use_vroom = options.use_vroom and vroom_engine.usable(problem)
    use_pyvrp = options.use_pyvrp and pyvrp_engine.fits_in_memory(problem)
    child = _start_child(_child_search(problem, options, began + parallel_s, use_pyvrp))
    own_s = min(QUICK_MAX_S, QUICK_SHARE * parallel_s) if use_vroom else parallel_s
    own = solver.solve_once(problem, options, own_s, None, on_progress)
    proposals: dict[str, list[list[str]]] = {}
    if use_vroom:
        vroom_s = max(0.1, parallel_s - (time.monotonic() - began))
        proposals["vroom+ortools"] = vroom_engine.propose_routes(problem, vroom_s,
                                                                 threads=options.workers)
    proposal = child.result(timeout=parallel_s + 30)
    candidates = [own]
    if proposal is not None and use_pyvrp:
        proposals["pyvrp+ortools"] = proposal
    elif isinstance(proposal, SearchResult):
        candidates.append(proposal)
    if proposals:
        candidates.append(_polished_best(problem, options, proposals, began))
    return _cheapest(candidates, began)


def _explain_reserve_s(options: SearchOptions) -> float:
    """Left at the end for reading the plan back and explaining what it left out, so
    the whole answer, not just the search, keeps to the time limit."""
    return min(EXPLAIN_RESERVE_MAX_S, EXPLAIN_RESERVE_SHARE * options.time_limit_s)


def _polished_best(problem: Problem, options: SearchOptions,
                   proposals: dict[str, list[list[str]]], began: float) -> SearchResult | None:
    """The proposal that is cheapest once made workable, improved by the full model."""
    repaired = {name: feasible_routes(problem, routes) for name, routes in proposals.items()}
    name = min(repaired, key=lambda n: plan_cost(problem, repaired[n]))
    remaining_s = max(0.2, options.time_limit_s - _explain_reserve_s(options)
                      - (time.monotonic() - began))
    polished = solver.solve_once(problem, _polish_options(options), remaining_s,
                                 repaired[name], None)
    return polished and _tagged(polished, name)


def _polish_options(options: SearchOptions) -> SearchOptions:
    if options.solution_limit is None:
        return options
    return replace(options, solution_limit=max(1, options.solution_limit // 4))


def _child_search(problem: Problem, options: SearchOptions, deadline: float,
                  use_pyvrp: bool) -> Callable[[], object]:
    """The child's work, timed against the parent's clock (monotonic time is shared across
    the fork), so starting the process and sending the answer back fit in its share."""
    def left_s() -> float:
        return max(0.05, deadline - time.monotonic() - CHILD_RETURN_S)

    if use_pyvrp:
        iterations = options.pyvrp_iterations
        if iterations is None and options.solution_limit is not None:
            iterations = 20 * options.solution_limit
        return lambda: pyvrp_engine.propose_routes(problem, left_s(), options.seed, iterations)
    other = options.strategies[1] if len(options.strategies) > 1 else "PATH_CHEAPEST_ARC"
    return lambda: solver.solve_once(problem, options.with_strategy(other), left_s())


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
        self._process.join(timeout=0.1)  # its answer is in; tearing down is not worth waiting for
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
