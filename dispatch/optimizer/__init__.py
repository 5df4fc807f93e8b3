"""The dispatch optimizer: a pure package (no Flask, no database).

``problem`` describes the day, ``solver`` plans it, ``solution`` holds the plan and
``explain`` says why a job was left out. Only ``solver`` imports OR-Tools.
"""

from dispatch.optimizer.problem import BreakWindow, Costs, Engineer, Job, Problem
from dispatch.optimizer.solution import (
    ReasonCode,
    Route,
    Solution,
    Stop,
    Suggestion,
    SuggestionKind,
    UnassignedJob,
)

__all__ = [
    "BreakWindow", "Costs", "Engineer", "Job", "Problem", "ReasonCode", "Route",
    "Solution", "Stop", "Suggestion", "SuggestionKind", "UnassignedJob",
]
