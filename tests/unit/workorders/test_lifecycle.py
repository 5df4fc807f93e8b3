"""The work-order lifecycle of DESIGN.md §3 on plain objects: every move, who makes it, its gates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from core.auth import Actor, Role
from core.errors import InvalidInput
from workorders.errors import IllegalTransition, RequirementsNotMet, TransitionForbidden
from workorders.lifecycle import ENGINEER_TARGETS, NEXT_STATUSES, CompletionProof, Status, completion_gaps
from workorders.orders.models import PartUsed, Signature, WorkOrder

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ENGINEER_ID = 7
DISPATCHER = Actor(1, "dana", Role.DISPATCHER)
ENGINEER = Actor(2, "li", Role.ENGINEER, ENGINEER_ID)
OTHER_ENGINEER = Actor(3, "wang", Role.ENGINEER, ENGINEER_ID + 1)
WAREHOUSE = Actor(4, "wu", Role.WAREHOUSE)

LEGAL = [(s, t) for s in Status for t in sorted(NEXT_STATUSES[s])]
ILLEGAL = [(s, t) for s in Status for t in Status if t not in NEXT_STATUSES[s]]


def ready_work_order(status: Status, **overrides: Any) -> WorkOrder:
    """A job that satisfies every gate, so only the move itself is under test."""
    fields: dict[str, Any] = dict(
        status=status, engineer_id=ENGINEER_ID, window_start=NOW, window_end=NOW + timedelta(hours=2),
        chargeable=False, resolution_notes="Replaced the lock motor.", test_passed=True,
        no_parts_used=True, signature=Signature(signer_name="Chen", image_png=b"png", signed_at=NOW),
    )
    return WorkOrder(**(fields | overrides))


def details_for(target: Status) -> dict[str, Any]:
    return {Status.ASSIGNED: {"engineer_id": ENGINEER_ID}, Status.ON_HOLD: {"hold_reason": "needs_part"},
            Status.CANCELLED: {"reason": "Customer withdrew"}}.get(target, {})


def actor_for(target: Status) -> Actor:
    return ENGINEER if target in ENGINEER_TARGETS else DISPATCHER


def test_the_table_is_exactly_the_design_diagram() -> None:
    assert {s.value: sorted(t.value for t in NEXT_STATUSES[s]) for s in Status} == {
        "new": ["cancelled", "scheduled"],
        "scheduled": ["assigned", "cancelled"],
        "assigned": ["cancelled", "en_route", "scheduled"],
        "en_route": ["on_hold", "on_site"],
        "on_site": ["in_progress", "on_hold"],
        "in_progress": ["completed", "on_hold"],  # a part turns out to be missing mid-repair
        "completed": ["closed"],
        "closed": [],
        "on_hold": ["scheduled"],
        "cancelled": [],
    }


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_legal_move_changes_status_and_records_an_event(current: Status, target: Status) -> None:
    work_order = ready_work_order(current)
    event = work_order.transition(target, actor_for(target), NOW, lat=22.5, lon=114.0, **details_for(target))
    assert work_order.status is target
    assert (event.from_status, event.to_status, event.at, event.lat) == (current, target, NOW, 22.5)
    assert work_order.events == [event]


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[f"{s}->{t}" for s, t in ILLEGAL])
def test_illegal_move_is_refused_with_the_allowed_next_states(current: Status, target: Status) -> None:
    work_order = ready_work_order(current)
    with pytest.raises(IllegalTransition) as refused:
        work_order.transition(target, actor_for(target), NOW, **details_for(target))
    assert refused.value.context["current"] == current.value
    assert set(refused.value.context["allowed"]) == {s.value for s in NEXT_STATUSES[current]}
    assert work_order.status is current and work_order.events == []


@pytest.mark.parametrize(("current", "target"), [(s, t) for s, t in LEGAL if t in ENGINEER_TARGETS])
def test_field_moves_belong_to_the_assigned_engineer_only(current: Status, target: Status) -> None:
    for outsider in (DISPATCHER, OTHER_ENGINEER, WAREHOUSE):
        with pytest.raises(TransitionForbidden):
            ready_work_order(current).transition(target, outsider, NOW, **details_for(target))


@pytest.mark.parametrize(("current", "target"), [(s, t) for s, t in LEGAL if t not in ENGINEER_TARGETS])
def test_planning_moves_belong_to_the_office(current: Status, target: Status) -> None:
    for outsider in (ENGINEER, WAREHOUSE):
        with pytest.raises(TransitionForbidden):
            ready_work_order(current).transition(target, outsider, NOW, **details_for(target))
    ready_work_order(current).transition(target, Actor(9, "root", Role.ADMIN), NOW, **details_for(target))


def test_assigning_needs_an_engineer_and_sets_the_plan() -> None:
    with pytest.raises(InvalidInput):
        ready_work_order(Status.SCHEDULED, engineer_id=None).transition(Status.ASSIGNED, DISPATCHER, NOW)
    work_order = ready_work_order(Status.SCHEDULED, engineer_id=None)
    work_order.transition(Status.ASSIGNED, DISPATCHER, NOW, engineer_id=5, planned_start=NOW,
                          planned_end=NOW + timedelta(hours=1))
    assert (work_order.engineer_id, work_order.planned_start) == (5, NOW)


def test_unassigning_returns_the_job_to_planning_without_an_engineer() -> None:
    work_order = ready_work_order(Status.ASSIGNED, planned_start=NOW)
    work_order.transition(Status.SCHEDULED, DISPATCHER, NOW)
    assert work_order.status is Status.SCHEDULED
    assert (work_order.engineer_id, work_order.planned_start) == (None, None)


def test_scheduling_needs_an_appointment_window() -> None:
    with pytest.raises(InvalidInput):
        ready_work_order(Status.NEW, window_start=None).transition(Status.SCHEDULED, DISPATCHER, NOW)


def test_hold_needs_a_reason_and_cancel_needs_one_too() -> None:
    with pytest.raises(InvalidInput):
        ready_work_order(Status.ON_SITE).transition(Status.ON_HOLD, ENGINEER, NOW)
    with pytest.raises(InvalidInput):
        ready_work_order(Status.NEW).transition(Status.CANCELLED, DISPATCHER, NOW, reason="  ")


def test_chargeable_work_needs_quote_and_consent_before_it_starts() -> None:
    work_order = ready_work_order(Status.ON_SITE, chargeable=True)
    with pytest.raises(RequirementsNotMet) as refused:
        work_order.transition(Status.IN_PROGRESS, ENGINEER, NOW)
    assert {e.field for e in refused.value.errors} == {"quote_amount", "consent_name"}
    work_order.quote_amount, work_order.consent_name = Decimal("180.00"), "Chen Jing"
    work_order.transition(Status.IN_PROGRESS, ENGINEER, NOW)
    assert work_order.status is Status.IN_PROGRESS


def test_warranty_work_starts_without_consent() -> None:
    work_order = ready_work_order(Status.ON_SITE, chargeable=False)
    work_order.transition(Status.IN_PROGRESS, ENGINEER, NOW)
    assert work_order.status is Status.IN_PROGRESS


def test_completion_lists_everything_missing() -> None:
    work_order = ready_work_order(Status.IN_PROGRESS, resolution_notes=None, test_passed=False,
                                  no_parts_used=False, signature=None)
    with pytest.raises(RequirementsNotMet) as refused:
        work_order.transition(Status.COMPLETED, ENGINEER, NOW)
    assert {e.field for e in refused.value.errors} == {
        "resolution_notes", "test_passed", "signature", "parts_used"}


@dataclass(frozen=True)
class Faulty:
    """The faulty-part facts spare parts keeps for a parts line (``ports.FaultyPartFacts``)."""

    collected: bool = False
    serial: str | None = None
    not_returned_reason: str | None = None


def test_a_returnable_part_needs_its_faulty_part_or_a_reason() -> None:
    motor = PartUsed(id=1, sku="LK-MOTOR", qty=1, recorded_at=NOW, recorded_by_user_id=2)
    bolt = PartUsed(id=2, sku="LK-BOLT", qty=2, recorded_at=NOW, recorded_by_user_id=2)  # owes nothing
    work_order = ready_work_order(Status.IN_PROGRESS, no_parts_used=False, parts_used=[motor, bolt])
    with pytest.raises(RequirementsNotMet) as refused:
        work_order.transition(Status.COMPLETED, ENGINEER, NOW, faulty_parts={1: Faulty()})
    assert [e.detail for e in refused.value.errors] == [
        "Part LK-MOTOR was replaced: record the faulty part's serial or a reason."]
    work_order.transition(Status.COMPLETED, ENGINEER, NOW, faulty_parts={1: Faulty(collected=True)})
    assert work_order.status is Status.COMPLETED


def test_a_reason_stands_in_for_the_faulty_part() -> None:
    motor = PartUsed(id=1, sku="LK-MOTOR", qty=1, recorded_at=NOW, recorded_by_user_id=2)
    work_order = ready_work_order(Status.IN_PROGRESS, no_parts_used=False, parts_used=[motor])
    work_order.transition(Status.COMPLETED, ENGINEER, NOW,
                          faulty_parts={1: Faulty(not_returned_reason="Customer kept it")})
    assert work_order.status is Status.COMPLETED


def test_completion_proof_accepts_a_reason_instead_of_the_faulty_part() -> None:
    proof = CompletionProof("Fixed", True, signed=True, parts_recorded=True)
    assert completion_gaps(proof) == []


def test_customer_contacted_is_a_timed_fact_not_a_state() -> None:
    work_order = ready_work_order(Status.ASSIGNED)
    event = work_order.record_customer_contacted(ENGINEER, NOW, reason="Confirmed 14:00")
    assert work_order.status is Status.ASSIGNED and work_order.customer_contacted_at == NOW
    assert event.kind.value == "customer_contacted"
    assert (event.from_status, event.to_status) == (Status.ASSIGNED, Status.ASSIGNED)
