"""The refusals the work-order package can give, each with a stable ``code`` slug."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound


class WorkOrderNotFound(NotFound):
    """Also what an engineer gets for a job that is not theirs, so ids leak nothing."""

    code = "work-order-not-found"


class RecordNotFound(NotFound):
    code = "not-found"


class IllegalTransition(Conflict):
    code = "illegal-transition"
    title = "This status change is not allowed from the current status"


class TransitionForbidden(Forbidden):
    code = "transition-forbidden"
    title = "Your role may not make this status change"


class RequirementsNotMet(Conflict):
    """A gate (consent before work, proof before completion) is not yet satisfied.

    Carries one ``errors`` entry per missing item so the phone can show a checklist.
    """

    code = "requirements-not-met"
    title = "Something must be recorded before this status change"

    def __init__(self, detail: str, errors: Iterable[FieldError] = (), **context: Any) -> None:
        super().__init__(detail, **context)
        self.errors = list(errors)


class ServiceRequestClosed(Conflict):
    code = "service-request-closed"
    title = "The service request was already triaged"


class WorkOrderLocked(Conflict):
    code = "work-order-locked"
    title = "The work order can no longer be changed this way"


class InvalidWorkOrderInput(InvalidInput):
    code = "invalid-input"


class IllegalComplaintTransition(Conflict):
    code = "illegal-complaint-transition"
    title = "This step is not allowed from the complaint's current status"


class NoReturnVisit(Conflict):
    code = "no-return-visit"
    title = "A return visit needs a complaint about a visit, without one already"
