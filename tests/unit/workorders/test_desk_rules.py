"""The desk's pure rules: the visit defaults table, whom planning prefers for a repeat repair,
the customer search keys, and a complaint's lifecycle, escalation and breach on plain objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.auth import Actor, Role
from workorders import IllegalTransition, PlanningWorkOrder, SkillNeed, Status, preferred_engineer
from workorders.complaints.models import Complaint, ComplaintStatus, EscalationReason, Severity
from workorders.customers.models import name_key, phone_key
from workorders.errors import IllegalComplaintTransition
from workorders.requests.visit_defaults import visit_defaults
from workorders.triage import Category

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
AGENT = Actor(7, "ada", Role.AGENT)


@pytest.mark.parametrize(("model", "category", "expected"), [
    ("绿米智能门锁 U200", Category.REPAIR, (45 * 60, (("locks", 1),), ("LK-LATCH",))),
    ("Smart Lock S2", Category.INSTALLATION, (90 * 60, (("locks", 1),), ())),
    ("格力智能分体空调 1.5匹", Category.REPAIR, (80 * 60, (("hvac", 2),), ())),
    ("海尔智能洗衣机 EG10", Category.CONSULTATION, (30 * 60, (("appliances", 1),), ())),
    ("Unknown gadget", Category.REPAIR, (60 * 60, (), ())),
    (None, Category.COMPLAINT, (45 * 60, (), ())),
])
def test_visit_defaults_come_from_the_product_family_and_the_category(
        model: str | None, category: Category, expected: tuple) -> None:
    defaults = visit_defaults(model, category)
    assert (defaults.estimated_duration_s, defaults.required_skills, defaults.parts_needed) == expected


def _job(repeat_of: int | None, first_engineer: int | None, skills: tuple[SkillNeed, ...] = ()
         ) -> PlanningWorkOrder:
    return PlanningWorkOrder(
        id=1, number="WO-1", status=Status.SCHEDULED, priority=3, customer_id=1, site_id=1, site_lat=22.5,
        site_lon=114.0, window_start=NOW, window_end=NOW + timedelta(hours=2), estimated_duration_s=3600,
        required_skills=skills, parts_needed=(), engineer_id=None, planned_start=None, planned_end=None,
        repeat_of_work_order_id=repeat_of, preferred_engineer_id=first_engineer)


def test_a_repeat_repair_prefers_the_first_engineer_when_they_work_the_day() -> None:
    working = {3: {"locks": 1}, 4: {"locks": 3}}
    assert preferred_engineer(_job(10, 3, (SkillNeed("locks", 1),)), working) == 3


def test_else_one_of_the_highest_level_in_the_jobs_skills_lowest_id_among_equals() -> None:
    working = {4: {"locks": 2, "hvac": 3}, 5: {"locks": 3, "hvac": 1}, 6: {"locks": 3, "hvac": 3},
               7: {"locks": 3, "hvac": 3}, 8: {"hvac": 3}}
    job = _job(10, 3, (SkillNeed("locks", 1), SkillNeed("hvac", 1)))
    assert preferred_engineer(job, working) == 6
    assert preferred_engineer(_job(10, None), {4: {"locks": 2}, 5: {"cameras": 3}}) == 5


def test_no_repeat_or_nobody_qualified_prefers_nobody() -> None:
    assert preferred_engineer(_job(None, 3), {3: {"locks": 3}}) is None
    assert preferred_engineer(_job(10, 3, (SkillNeed("hvac", 2),)), {4: {"hvac": 1}}) is None


def test_search_keys_ignore_case_spacing_and_the_country_code() -> None:
    assert name_key("  Chen   JING ") == "chen jing"
    assert phone_key("+86 (139) 0000-0002") == "2000000093168"
    assert phone_key("13900000002") == "20000000931"
    assert phone_key("+86 (139) 0000-0002").startswith(phone_key("13900000002"))


def _complaint(severity: Severity = Severity.NORMAL) -> Complaint:
    complaint = Complaint(severity=severity, description="x", about_service=True)
    complaint.receive(AGENT, NOW, NOW + timedelta(hours=24))
    return complaint


def test_severity_escalates_on_receipt_and_due_time_four_hours_before() -> None:
    assert _complaint(Severity.CRITICAL).escalation_reason is EscalationReason.SEVERITY
    complaint = _complaint()
    assert not complaint.needs_escalation(NOW + timedelta(hours=19, minutes=59))
    assert complaint.needs_escalation(NOW + timedelta(hours=20))
    complaint.investigate(AGENT, NOW, None)
    assert complaint.needs_escalation(NOW + timedelta(hours=20))  # investigating is still open


def test_a_late_resolution_is_flagged_breached_until_confirmed() -> None:
    complaint = _complaint()
    assert complaint.resolve("cause", "action", AGENT, NOW + timedelta(hours=25)) is True
    assert complaint.breached
    complaint.confirm("ok", AGENT, NOW + timedelta(hours=26))
    assert not complaint.breached and complaint.status is ComplaintStatus.CONFIRMED
    on_time = _complaint()
    assert on_time.resolve("cause", "action", AGENT, NOW + timedelta(hours=1)) is False


def test_the_lifecycle_refuses_skipped_steps_naming_what_is_allowed() -> None:
    complaint = _complaint()
    with pytest.raises(IllegalComplaintTransition) as refused:
        complaint.confirm("ok", AGENT, NOW)
    assert refused.value.context["allowed"] == ["investigating", "resolved"]
    complaint.resolve("c", "a", AGENT, NOW)
    complaint.confirm("ok", AGENT, NOW)
    with pytest.raises(IllegalComplaintTransition):
        complaint.reopen("not fixed", AGENT, NOW, NOW + timedelta(hours=24))
    assert not issubclass(IllegalComplaintTransition, IllegalTransition)  # its own code
