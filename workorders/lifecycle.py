"""The work-order lifecycle of DESIGN.md §3 as data, plus its gates, free of any storage.

``NEXT_STATUSES`` is the whole state machine; ``ENGINEER_TARGETS`` says which moves the
engineer on the job makes (the field moves), every other move is the dispatcher's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.auth import Actor, Role
from core.errors import FieldError
from workorders.errors import IllegalTransition, RequirementsNotMet, TransitionForbidden


class Status(enum.StrEnum):
    NEW = "new"
    SCHEDULED = "scheduled"
    ASSIGNED = "assigned"
    EN_ROUTE = "en_route"
    ON_SITE = "on_site"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"


class HoldReason(enum.StrEnum):
    NEEDS_PART = "needs_part"
    CUSTOMER_ABSENT = "customer_absent"
    REVISIT = "revisit"


S = Status
NEXT_STATUSES: Mapping[Status, frozenset[Status]] = {
    S.NEW: frozenset({S.SCHEDULED, S.CANCELLED}),
    S.SCHEDULED: frozenset({S.ASSIGNED, S.CANCELLED}),
    S.ASSIGNED: frozenset({S.EN_ROUTE, S.SCHEDULED, S.CANCELLED}),
    S.EN_ROUTE: frozenset({S.ON_SITE, S.ON_HOLD}),
    S.ON_SITE: frozenset({S.IN_PROGRESS, S.ON_HOLD}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.ON_HOLD}),  # a part turns out to be missing
    S.COMPLETED: frozenset({S.CLOSED}),
    S.ON_HOLD: frozenset({S.SCHEDULED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}

ENGINEER_TARGETS = frozenset({S.EN_ROUTE, S.ON_SITE, S.IN_PROGRESS, S.COMPLETED, S.ON_HOLD})
OFFICE_ROLES = frozenset({Role.DISPATCHER, Role.ADMIN})
# States in which the job is in an engineer's hands (their route, their phone).
ENGINEER_HELD = frozenset({S.ASSIGNED, S.EN_ROUTE, S.ON_SITE, S.IN_PROGRESS})
# States after which the job takes no more parts or reservations.
FINISHED = frozenset({S.COMPLETED, S.CLOSED, S.CANCELLED})


def allowed_next(current: Status) -> list[str]:
    """Sorted in lifecycle order, so the problem body reads like the diagram."""
    order = list(Status)
    return [s.value for s in sorted(NEXT_STATUSES[current], key=order.index)]


def check_move(current: Status, target: Status) -> None:
    if target not in NEXT_STATUSES[current]:
        raise IllegalTransition(
            f"A work order cannot go from {current.value} to {target.value}.",
            allowed=allowed_next(current), current=current.value,
        )


def check_role(target: Status, actor: Actor, assigned_engineer_id: int | None) -> None:
    """Field moves belong to the engineer on the job; planning moves to the office."""
    if target in ENGINEER_TARGETS:
        if actor.role is not Role.ENGINEER or actor.engineer_id != assigned_engineer_id:
            raise TransitionForbidden(f"Only the assigned engineer may move a job to {target.value}.")
    elif actor.role not in OFFICE_ROLES:
        raise TransitionForbidden(f"Only a dispatcher may move a job to {target.value}.")


@dataclass(frozen=True)
class Consent:
    """What the customer agreed to before chargeable work starts."""

    quote_amount: Decimal | None
    consent_name: str | None


def consent_gaps(chargeable: bool, consent: Consent) -> list[FieldError]:
    if not chargeable:
        return []
    gaps = []
    if consent.quote_amount is None:
        gaps.append(FieldError("quote_amount", "Chargeable work needs a quote before it starts."))
    if not consent.consent_name:
        gaps.append(FieldError("consent_name", "Chargeable work needs the customer's consent."))
    return gaps


@dataclass(frozen=True)
class CompletionProof:
    """Everything DESIGN.md §3 asks for before a job counts as completed."""

    resolution_notes: str | None
    test_passed: bool | None
    signed: bool
    parts_recorded: bool
    unaccounted_faulty_skus: tuple[str, ...] = ()


def completion_gaps(proof: CompletionProof) -> list[FieldError]:
    gaps = []
    if not (proof.resolution_notes or "").strip():
        gaps.append(FieldError("resolution_notes", "Describe what was done."))
    if proof.test_passed is not True:
        gaps.append(FieldError("test_passed", "The repair must be tested and pass."))
    if not proof.signed:
        gaps.append(FieldError("signature", "The customer's signature is missing."))
    if not proof.parts_recorded:
        gaps.append(FieldError("parts_used", "Record the parts used, or that none were used."))
    gaps.extend(
        FieldError("parts_used", f"Part {sku} was replaced: record the faulty part's serial or a reason.")
        for sku in proof.unaccounted_faulty_skus
    )
    return gaps


def require(gaps: Iterable[FieldError], target: Status) -> None:
    found = list(gaps)
    if found:
        raise RequirementsNotMet(f"Cannot move to {target.value} yet.", errors=found)
