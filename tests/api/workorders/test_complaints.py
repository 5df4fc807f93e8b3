"""Complaint cases through the API with a fixed clock: due times (24 h, or the tier policy's),
escalation at once by severity and 4 h before the due time, the breach flag, the lifecycle
with its log, return visits, poor ratings, and bad input."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

import workorders
from core.clock import FixedClock
from core.db import UnitOfWork
from core.scheduling import run_job
from tests.api.workorders.conftest import Desk
from tests.support.users import fresh_login
from tests.support.workorders import make_asset, make_customer, make_site, make_work_order
from workorders import Status, Tier
from workorders import ports as workorders_ports
from workorders.jobs import sweep_complaints

API = "/api/v1"


def _complaint(client: FlaskClient, desk: Desk, customer: int, **fields: object) -> dict:
    body = {"customer_id": customer, "severity": "normal", "description": "安装师傅态度差",
            "demand": "道歉并重新安装", "subject": {"service": True}} | fields
    answer = client.post(f"{API}/complaints", headers=desk.agent.headers, json=body)
    assert answer.status_code == 201, answer.json
    return answer.json


def _sweep(app: Flask) -> dict[str, int]:
    with app.extensions["fixroute"].unit_of_work() as uow:
        return sweep_complaints(uow)


def test_a_complaint_is_numbered_owned_and_due_in_24_hours(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    complaint = _complaint(client, desk, make_customer(app))
    assert complaint["number"] == "CP-20261123-0001"
    assert (complaint["status"], complaint["source"], complaint["owner_user_id"]) == (
        "open", "desk", desk.agent.user_id)
    assert complaint["received_at"] == clock.now().isoformat()
    assert complaint["due_at"] == (clock.now() + timedelta(hours=24)).isoformat()
    assert (complaint["escalated"], complaint["breached"]) == (False, False)
    assert complaint["subject"] == {"work_order_id": None, "work_order_number": None, "engineer_id": None,
                                    "part_sku": None, "service": True}


class TierADueInTwelveHours:
    """What the customer loop's tier policy will provide (issue 14)."""

    def first_response_hours(self, uow: UnitOfWork, tier: Tier) -> float:
        return 0.25 if tier is Tier.A else 2.0

    def complaint_due_hours(self, uow: UnitOfWork, tier: Tier) -> float:
        return 12.0 if tier is Tier.A else 24.0


def test_the_tier_policy_plugs_in_through_the_due_times_port(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    app.extensions["fixroute"].readers.provide(workorders_ports.DeskDueTimes, TierADueInTwelveHours())
    vip, ordinary = make_customer(app, tier=Tier.A), make_customer(app, tier=Tier.C)
    assert _complaint(client, desk, vip)["due_at"] == (clock.now() + timedelta(hours=12)).isoformat()
    assert _complaint(client, desk, ordinary)["due_at"] == (clock.now() + timedelta(hours=24)).isoformat()
    site = make_site(app, vip)
    request = client.post(f"{API}/service-requests", headers=desk.agent.headers, json={
        "channel": "phone", "category": "repair", "customer_id": vip, "site_id": site, "symptom": "x"})
    assert request.json["respond_by"] == (clock.now() + timedelta(minutes=15)).isoformat()


def test_serious_and_critical_complaints_escalate_at_once(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    customer = make_customer(app)
    normal, serious, critical = (_complaint(client, desk, customer, severity=s)
                                 for s in ("normal", "serious", "critical"))
    assert [c["escalated"] for c in (normal, serious, critical)] == [False, True, True]
    assert critical["escalation_reason"] == "severity"
    assert critical["escalated_at"] == clock.now().isoformat()
    escalated = client.get(f"{API}/complaints?escalated=true", headers=desk.supervisor.headers).json
    assert sorted(c["id"] for c in escalated) == sorted([serious["id"], critical["id"]])


def test_an_open_complaint_escalates_4_hours_before_its_due_time_and_is_flagged_once_breached(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    complaint = _complaint(client, desk, make_customer(app))
    answered = _complaint(client, desk, make_customer(app, name="Answered"))
    client.post(f"{API}/complaints/{answered['id']}/resolve", headers=desk.agent.headers,
                json={"cause": "误会", "action": "已解释"})
    url = f"{API}/complaints/{complaint['id']}"

    clock.advance(timedelta(hours=19, minutes=59).total_seconds())
    assert _sweep(app) == {"escalated": 0, "breached": 0}
    clock.advance(60)  # 20 h after receipt: 4 h before the due time
    assert _sweep(app) == {"escalated": 1, "breached": 0}
    assert _sweep(app) == {"escalated": 0, "breached": 0}  # a second run changes nothing
    agent = fresh_login(app, desk.agent)
    seen = client.get(url, headers=agent.headers).json
    assert (seen["escalated"], seen["escalation_reason"], seen["breached"]) == (True, "due_soon", False)

    clock.advance(timedelta(hours=4).total_seconds())
    assert _sweep(app) == {"escalated": 0, "breached": 1}
    agent = fresh_login(app, desk.agent)
    assert client.get(url, headers=agent.headers).json["breached"] is True
    client.post(f"{url}/resolve", headers=agent.headers, json={"cause": "c", "action": "a"})
    assert client.get(url, headers=agent.headers).json["breached"] is True  # until confirmed
    confirmed = client.post(f"{url}/confirm", headers=agent.headers, json={"customer_answer": "满意"})
    assert confirmed.json["breached"] is False
    log = client.get(f"{url}/log", headers=agent.headers).json
    assert [(s["kind"], s["actor_user_id"]) for s in log] == [
        ("received", desk.agent.user_id), ("escalated", None), ("breached", None),
        ("resolved", desk.agent.user_id), ("confirmed", desk.agent.user_id)]


def test_resolution_needs_cause_and_action_and_confirmation_records_the_answer(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    complaint = _complaint(client, desk, make_customer(app))
    url = f"{API}/complaints/{complaint['id']}"
    missing = client.post(f"{url}/resolve", headers=desk.agent.headers, json={"cause": "配件批次问题"})
    assert missing.status_code == 422 and [e["field"] for e in missing.json["errors"]] == ["action"]
    early = client.post(f"{url}/confirm", headers=desk.agent.headers, json={"customer_answer": "好"})
    assert early.status_code == 409 and early.json["allowed"] == ["investigating", "resolved"]
    assert client.post(f"{url}/investigate", headers=desk.agent.headers, json={}).json["status"] == \
        "investigating"
    resolved = client.post(f"{url}/resolve", headers=desk.agent.headers,
                           json={"cause": "配件批次问题", "action": "更换新批次电机并致歉"})
    assert (resolved.json["status"], resolved.json["cause"], resolved.json["action"]) == (
        "resolved", "配件批次问题", "更换新批次电机并致歉")
    confirmed = client.post(f"{url}/confirm", headers=desk.agent.headers,
                            json={"customer_answer": "客户表示满意"})
    assert (confirmed.json["status"], confirmed.json["customer_answer"]) == ("confirmed", "客户表示满意")


def test_a_reopened_complaint_keeps_its_history_and_gets_a_new_due_time(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    complaint = _complaint(client, desk, make_customer(app), severity="serious")
    url = f"{API}/complaints/{complaint['id']}"
    client.post(f"{url}/resolve", headers=desk.agent.headers, json={"cause": "c1", "action": "a1"})
    clock.advance(1800)
    reopened = client.post(f"{url}/reopen", headers=desk.agent.headers, json={"reason": "又坏了"})
    assert reopened.status_code == 200, reopened.json
    assert reopened.json["status"] == "reopened"
    assert reopened.json["due_at"] == (clock.now() + timedelta(hours=24)).isoformat()
    assert reopened.json["escalated"] is True  # serious: escalated again for the new round
    client.post(f"{url}/resolve", headers=desk.agent.headers, json={"cause": "c2", "action": "a2"})
    log = client.get(f"{url}/log", headers=desk.agent.headers).json
    assert [(s["kind"], s["from_status"], s["to_status"]) for s in log] == [
        ("received", None, "open"), ("escalated", "open", None), ("resolved", "open", "resolved"),
        ("reopened", "resolved", "reopened"), ("escalated", "reopened", None),
        ("resolved", "reopened", "resolved")]
    assert [s["notes"] for s in log if s["kind"] == "resolved"] == [
        "Cause: c1\nAction: a1", "Cause: c2\nAction: a2"]


def test_a_supervisor_assigns_to_an_agent_and_an_agent_may_not(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    complaint = _complaint(client, desk, make_customer(app))
    url = f"{API}/complaints/{complaint['id']}/assign"
    body = {"owner_user_id": desk.other_agent.user_id}
    assert client.post(url, headers=desk.agent.headers, json=body).status_code == 403
    assigned = client.post(url, headers=desk.supervisor.headers, json=body)
    assert assigned.status_code == 200 and assigned.json["owner_username"] == "bo"
    engineer = client.post(url, headers=desk.supervisor.headers,
                           json={"owner_user_id": desk.staff.engineer_a.user_id})
    assert engineer.status_code == 422 and [e["field"] for e in engineer.json["errors"]] == ["owner_user_id"]
    mine = client.get(f"{API}/complaints?mine=true", headers=desk.other_agent.headers).json
    assert [c["id"] for c in mine] == [complaint["id"]]


def test_a_complaint_about_a_visit_names_its_engineer_and_can_open_a_return_visit(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    visit = make_work_order(app, Status.COMPLETED, engineer_id=desk.staff.a_id, priority=3)
    customer = client.get(f"{API}/work-orders/{visit}", headers=desk.agent.headers).json["customer_id"]
    complaint = _complaint(client, desk, customer, subject={"work_order_id": visit})
    assert complaint["subject"]["engineer_id"] == desk.staff.a_id
    url = f"{API}/complaints/{complaint['id']}/return-visit"
    window = {"window_start": "2026-11-24T09:00:00+08:00", "window_end": "2026-11-24T11:00:00+08:00"}
    back = client.post(url, headers=desk.agent.headers, json=window)
    assert back.status_code == 201, back.json
    assert (back.json["status"], back.json["priority"], back.json["estimated_duration_s"]) == (
        "scheduled", 2, 3600)
    assert back.json["site_id"] == client.get(f"{API}/work-orders/{visit}", headers=desk.agent.headers).json[
        "site_id"]
    again = client.post(url, headers=desk.agent.headers, json=window)
    assert again.status_code == 409 and again.json["code"] == "no-return-visit"
    seen = client.get(f"{API}/complaints/{complaint['id']}", headers=desk.agent.headers).json
    assert seen["return_work_order_id"] == back.json["id"]
    general = _complaint(client, desk, customer)
    refused = client.post(f"{API}/complaints/{general['id']}/return-visit", headers=desk.agent.headers,
                          json=window)
    assert refused.status_code == 409


def test_a_complaint_with_no_subject_or_a_foreign_visit_is_refused_naming_the_field_and_nothing_is_written(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    customer = make_customer(app)
    body = {"customer_id": customer, "severity": "normal", "description": "不满意"}
    for subject in (None, {}, {"service": False}):
        answer = client.post(f"{API}/complaints", headers=desk.agent.headers,
                             json=body if subject is None else body | {"subject": subject})
        assert answer.status_code == 422 and answer.content_type == "application/problem+json"
        assert [e["field"] for e in answer.json["errors"]] == ["subject"], answer.json
    foreign = client.post(f"{API}/complaints", headers=desk.agent.headers,
                          json=body | {"subject": {"work_order_id": make_work_order(app)}})
    assert [e["field"] for e in foreign.json["errors"]] == ["subject.work_order_id"]
    nobody = client.post(f"{API}/complaints", headers=desk.agent.headers,
                         json=body | {"subject": {"engineer_id": 999_999}})
    assert [e["field"] for e in nobody.json["errors"]] == ["subject.engineer_id"]
    unknown = client.post(f"{API}/complaints", headers=desk.agent.headers,
                          json=body | {"customer_id": 999_999, "subject": {"service": True}})
    assert [e["field"] for e in unknown.json["errors"]] == ["customer_id"]
    assert client.get(f"{API}/complaints", headers=desk.agent.headers).json == []


def _completed_visit(app: Flask, desk: Desk) -> int:
    return make_work_order(app, Status.COMPLETED, engineer_id=desk.staff.a_id)


def test_a_rating_of_two_or_less_opens_a_complaint_case_about_the_visit(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    poor, fair = _completed_visit(app, desk), _completed_visit(app, desk)
    rated = client.post(f"{API}/work-orders/{poor}/feedback", headers=desk.staff.dispatcher.headers,
                        json={"rating": 2, "comment": "迟到一小时"})
    assert rated.status_code == 201, rated.json
    complaint = client.get(f"{API}/complaints/{rated.json['complaint_id']}", headers=desk.agent.headers).json
    assert (complaint["source"], complaint["severity"], complaint["status"]) == ("rating", "normal", "open")
    subject = complaint["subject"]
    assert (subject["work_order_id"], subject["engineer_id"]) == (poor, desk.staff.a_id)
    assert complaint["description"].startswith("Rated 2/5 after WO-")
    assert "迟到一小时" in complaint["description"]
    assert complaint["owner_user_id"] is None  # a dispatcher took the rating: the desk assigns it
    assert complaint["due_at"] == (clock.now() + timedelta(hours=24)).isoformat()
    ok = client.post(f"{API}/work-orders/{fair}/feedback", headers=desk.agent.headers, json={"rating": 3})
    assert ok.json["complaint_id"] is None
    assert client.get(f"{API}/work-orders/{poor}/feedback", headers=desk.agent.headers).json["rating"] == 2
    assert client.get(f"{API}/service-requests", headers=desk.agent.headers).json == []  # no request any more
    twice = client.post(f"{API}/work-orders/{poor}/feedback", headers=desk.agent.headers, json={"rating": 1})
    assert twice.status_code == 409


def test_a_rating_from_the_survey_opens_a_complaint_without_a_login(app: Flask, desk: Desk) -> None:
    visit = _completed_visit(app, desk)
    with app.extensions["fixroute"].unit_of_work() as uow:
        complaint_id = workorders.record_customer_rating(uow, visit, 1, "太差")
    with app.extensions["fixroute"].unit_of_work() as uow:
        assert workorders.record_customer_rating(uow, _completed_visit(app, desk), 5, None) is None
    assert complaint_id is not None


def test_creates_with_an_idempotency_key_happen_once(app: Flask, client: FlaskClient, desk: Desk) -> None:
    customer = make_customer(app)
    site = make_site(app, customer)
    request_body = {"channel": "app", "category": "repair", "customer_id": customer, "site_id": site,
                    "asset_id": make_asset(app, site), "symptom": "不出热水"}
    complaint_body = {"customer_id": customer, "severity": "normal", "description": "x",
                      "subject": {"service": True}}
    for path, body in (("service-requests", request_body), ("complaints", complaint_body)):
        headers = desk.agent.headers | {"Idempotency-Key": f"{path}-1"}
        first = client.post(f"{API}/{path}", headers=headers, json=body)
        again = client.post(f"{API}/{path}", headers=headers, json=body)
        assert first.status_code == again.status_code == 201, (first.json, again.json)
        assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
        assert len(client.get(f"{API}/{path}", headers=desk.agent.headers).json) == 1
        other = client.post(f"{API}/{path}", headers=headers, json=body | {"customer_id": customer + 1})
        assert other.status_code == 422


def test_engineers_and_the_warehouse_cannot_see_complaints(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    visit = make_work_order(app, Status.COMPLETED, engineer_id=desk.staff.a_id)
    customer = client.get(f"{API}/work-orders/{visit}", headers=desk.agent.headers).json["customer_id"]
    complaint = _complaint(client, desk, customer, subject={"work_order_id": visit})
    for who in (desk.staff.engineer_a, desk.staff.warehouse):
        for url in (f"{API}/complaints", f"{API}/complaints/{complaint['id']}",
                    f"{API}/complaints/{complaint['id']}/log"):
            assert client.get(url, headers=who.headers).status_code == 403, (who.username, url)


def test_the_sweep_runs_from_the_schedulers_timetable_under_its_lock(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    rt = app.extensions["fixroute"]
    job = {job.name: job for job in rt.jobs}["sweep-complaints"]
    assert job.every_s == 60
    _complaint(client, desk, make_customer(app))
    clock.advance(25 * 3600)
    assert run_job(rt, job) == {"escalated": 1, "breached": 1}
    assert run_job(rt, job) == {"escalated": 0, "breached": 0}
