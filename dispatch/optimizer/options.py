"""How hard and how to search, as plain data that can cross a process boundary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dispatch.optimizer.solution import ProgressPoint

ProgressCallback = Callable[[ProgressPoint], None]

# First-solution strategies that never fail on tight windows once every job is optional;
# the portfolio gives one to each core because the best one differs per instance.
SAFE_STRATEGIES = ("PARALLEL_CHEAPEST_INSERTION", "LOCAL_CHEAPEST_INSERTION",
                   "PATH_CHEAPEST_ARC", "SAVINGS")


@dataclass(frozen=True)
class SearchOptions:
    """``time_limit_s`` bounds the whole plan; ``solution_limit`` makes a run repeatable.

    ``workers`` searches run in parallel processes (one per core); ``use_pyvrp`` lets
    one of them be PyVRP's hybrid genetic search, whose routes OR-Tools then checks
    against the full model (breaks included) and improves; ``use_vroom`` adds
    VROOM's plan on days with breaks, which VROOM plans natively. ``seed`` fixes PyVRP.
    """

    time_limit_s: float = 10.0
    solution_limit: int | None = None
    strategies: tuple[str, ...] = ("PARALLEL_CHEAPEST_INSERTION", "LOCAL_CHEAPEST_INSERTION")
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    workers: int = 2
    use_pyvrp: bool = True
    use_vroom: bool = True
    seed: int = 1
    pyvrp_iterations: int | None = None
    explain: bool = True

    def with_strategy(self, strategy: str) -> SearchOptions:
        return SearchOptions(**{**self.__dict__, "strategies": (strategy,)})
