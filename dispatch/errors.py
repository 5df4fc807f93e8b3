"""The refusals planning can give, each with a stable ``code`` slug (statuses in core.errors)."""

from __future__ import annotations

from core.errors import Conflict, InvalidInput, NotFound


class PlanNotFound(NotFound):
    code = "plan-not-found"


class PinNotFound(NotFound):
    code = "pin-not-found"


class PlanNotReady(Conflict):
    code = "plan-not-ready"
    title = "The plan has not finished solving"


class PlanOutdated(Conflict):
    """Another plan of the date was published (or the jobs changed) since this one was made."""

    code = "plan-outdated"
    title = "The plan no longer matches the day"


class PlanFinished(Conflict):
    code = "plan-finished"
    title = "The run has already finished"


class InvalidPlanRequest(InvalidInput):
    code = "invalid-input"


class PlanInvalid(Conflict):
    """The stored plan breaks a hard rule (the validator says so); it is never published."""

    code = "plan-invalid"
    title = "The plan breaks a hard rule"
