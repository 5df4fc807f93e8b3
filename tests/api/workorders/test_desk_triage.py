"""Triage and the queue: remote assistance with consent, call-backs that remind their owner,
assignment by a supervisor, a complaint opened from a request, the queue's order and flags,
the reminders the customer loop's alerts read, and the supervisor's figures."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

import workorders
from core.clock import FixedClock
from tests.api.workorders.conftest import Desk
from tests.support.users import fresh_login
from tests.support.workorders import make_asset, make_customer, make_service_request

API = "/api/v1"


def _request(app: Flask, client: FlaskClient, desk: Desk, by: object = None, **extra: object) -> dict:
    """A request taken through the API (so it gets owner, due time and log), by the agent by default."""
    asset = make_asset(app)
    headers = (by or desk.agent).headers  # type: ignore[attr-defined]
    site = client.get(f"{API}/assets/{asset}", headers=headers).json["site_id"]
    customer = client.get(f"{API}/sites/{site}", headers=headers).json["customer_id"]
    answer = client.post(f"{API}/service-requests", headers=headers, json={
        "channel": "phone", "category": "repair", "customer_id": customer, "site_id": site,
        "asset_id": asset, "symptom": "网关反复重启"} | extra)
    assert answer.status_code == 201, answer.json
    return answer.json


def test_remote_assistance_is_recorded_with_the_customers_consent_then_the_request_is_resolved(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    request = _request(app, client, desk)
    url = f"{API}/service-requests/{request['id']}"
    no_consent = client.post(f"{url}/remote-assistance", headers=desk.agent.headers,
                             json={"notes": "远程重置网关"})
    assert no_consent.status_code == 422
    assert [e["field"] for e in no_consent.json["errors"]] == ["consent_name"]
    tried = client.post(f"{url}/remote-assistance", headers=desk.agent.headers,
                        json={"consent_name": "陈先生", "notes": "远程重置网关，恢复正常"})
    assert tried.status_code == 200 and tried.json["remote_assistance_at"] == clock.now().isoformat()
    resolved = client.post(f"{url}/resolve", headers=desk.agent.headers, json={"notes": "远程处理完毕"})
    assert resolved.json["status"] == "resolved_remotely"
    log = client.get(f"{url}/log", headers=desk.agent.headers).json
    assert [(s["kind"], s["consent_name"], s["notes"]) for s in log] == [
        ("received", None, None), ("remote_assistance", "陈先生", "远程重置网关，恢复正常"),
        ("resolved_remotely", None, "远程处理完毕")]
    late = client.post(f"{url}/remote-assistance", headers=desk.agent.headers,
                       json={"consent_name": "陈先生", "notes": "again"})
    assert late.status_code == 409 and late.json["code"] == "service-request-closed"


def test_a_call_back_reminds_its_owner_in_the_queue_and_in_the_reminders_when_due(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    request = _request(app, client, desk)
    url = f"{API}/service-requests/{request['id']}/call-back"
    past = client.post(url, headers=desk.agent.headers, json={"callback_at": clock.now().isoformat()})
    assert past.status_code == 422 and [e["field"] for e in past.json["errors"]] == ["callback_at"]
    at = clock.now() + timedelta(minutes=30)
    agreed = client.post(url, headers=desk.agent.headers,
                         json={"callback_at": at.isoformat(), "notes": "客户下班后确认型号"})
    assert agreed.json["callback_at"] == at.isoformat()
    [item] = client.get(f"{API}/desk/queue", headers=desk.agent.headers).json
    assert (item["callback_at"], item["callback_due"]) == (at.isoformat(), False)

    clock.advance(30 * 60)
    [item] = client.get(f"{API}/desk/queue", headers=desk.agent.headers).json
    assert item["callback_due"] is True and item["age_s"] == 30 * 60
    with app.extensions["fixroute"].unit_of_work() as uow:
        reminders = workorders.desk_reminders(uow, clock.now())
    assert [(r.kind, r.record_id, r.owner_user_id, r.at) for r in reminders] == [
        ("call_back_due", request["id"], desk.agent.user_id, at)]
    client.post(f"{API}/service-requests/{request['id']}/reject", headers=desk.agent.headers,
                json={"reason": "客户取消"})
    with app.extensions["fixroute"].unit_of_work() as uow:
        assert workorders.desk_reminders(uow, clock.now()) == []


def test_a_supervisor_assigns_requests_to_agents_and_the_queue_puts_unowned_work_first(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    mine = _request(app, client, desk)  # the agent's own
    clock.advance(60)
    unowned = _request(app, client, desk, by=desk.staff.dispatcher)  # the office took it: nobody's
    clock.advance(60)
    theirs = _request(app, client, desk, by=desk.other_agent)
    complaint = client.post(f"{API}/complaints", headers=desk.staff.dispatcher.headers, json={
        "customer_id": make_customer(app), "severity": "critical", "description": "漏水泡坏地板",
        "subject": {"service": True}}).json

    default = client.get(f"{API}/desk/queue", headers=desk.agent.headers).json
    assert [(i["kind"], i["id"]) for i in default] == [
        ("request", unowned["id"]), ("complaint", complaint["id"]),  # unowned, by due time
        ("request", mine["id"]), ("request", theirs["id"])]
    assert default[1]["escalated"] is True and default[1]["severity"] == "critical"
    assert default[1]["due_at"] == (clock.now() + timedelta(hours=24)).isoformat()
    mine_first = client.get(f"{API}/desk/queue?sort=mine_first", headers=desk.agent.headers).json
    assert [i["id"] for i in mine_first][:1] == [mine["id"]]
    only_mine = client.get(f"{API}/desk/queue?mine=true", headers=desk.agent.headers).json
    assert [i["id"] for i in only_mine] == [mine["id"]]
    complaints = client.get(f"{API}/desk/queue?kind=complaint", headers=desk.agent.headers).json
    assert [i["id"] for i in complaints] == [complaint["id"]]

    url = f"{API}/service-requests/{unowned['id']}/assign"
    assert client.post(url, headers=desk.agent.headers,
                       json={"owner_user_id": desk.agent.user_id}).status_code == 403
    assigned = client.post(url, headers=desk.supervisor.headers, json={"owner_user_id": desk.agent.user_id})
    assert assigned.json["owner_user_id"] == desk.agent.user_id
    office = client.post(url, headers=desk.supervisor.headers,
                         json={"owner_user_id": desk.staff.dispatcher.user_id})
    assert office.status_code == 422 and [e["field"] for e in office.json["errors"]] == ["owner_user_id"]
    page = client.get(f"{API}/desk/queue?per_page=2&page=2", headers=desk.agent.headers)
    assert len(page.json) == 2 and '"total": 4' in page.headers["X-Pagination"]
    assert page.json[0]["owner_username"] in ("ada", "bo")


def test_a_request_that_is_a_complaint_opens_a_complaint_case_and_closes(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    request = _request(app, client, desk, category="complaint")
    url = f"{API}/service-requests/{request['id']}/complaint"
    no_subject = client.post(url, headers=desk.agent.headers, json={"severity": "normal"})
    assert no_subject.status_code == 422 and [e["field"] for e in no_subject.json["errors"]] == ["subject"]
    opened = client.post(url, headers=desk.agent.headers,
                         json={"severity": "serious", "subject": {"service": True}, "demand": "退款"})
    assert opened.status_code == 201, opened.json
    complaint = opened.json
    assert (complaint["source"], complaint["service_request_id"], complaint["description"]) == (
        "service_request", request["id"], "网关反复重启")
    assert (complaint["channel"], complaint["owner_user_id"], complaint["escalated"]) == (
        "phone", desk.agent.user_id, True)
    closed = client.get(f"{API}/service-requests/{request['id']}", headers=desk.agent.headers).json
    assert closed["status"] == "complaint_opened"
    again = client.post(url, headers=desk.agent.headers,
                        json={"severity": "normal", "subject": {"service": True}})
    assert again.status_code == 409


def test_the_supervisor_sees_the_desks_figures_and_the_agents_do_not(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    converted = make_service_request(app)
    client.post(f"{API}/service-requests/{converted}/convert", headers=desk.agent.headers, json={})
    _request(app, client, desk)
    _request(app, client, desk, by=desk.staff.dispatcher)
    client.post(f"{API}/complaints", headers=desk.agent.headers, json={
        "customer_id": make_customer(app), "severity": "serious", "description": "x",
        "subject": {"service": True}})
    assert client.get(f"{API}/desk/figures", headers=desk.agent.headers).status_code == 403
    figures = client.get(f"{API}/desk/figures", headers=desk.supervisor.headers).json
    assert {k: v for k, v in figures.items() if k != "by_owner"} == {
        "day": "2026-11-23", "requests_received": 3, "requests_resolved_remotely": 0, "requests_converted": 1,
        "complaints_received": 1, "complaints_resolved": 0, "open_requests": 2, "unowned_requests": 1,
        "call_backs_due": 0, "open_complaints": 1, "escalated_complaints": 1, "breached_complaints": 0,
        "complaints_due_soon": 0}
    assert figures["by_owner"] == [
        {"owner_user_id": None, "username": None, "open_requests": 1, "open_complaints": 0},
        {"owner_user_id": desk.agent.user_id, "username": "ada", "open_requests": 1, "open_complaints": 1}]
    clock.advance(21 * 3600)
    later = client.get(f"{API}/desk/figures", headers=fresh_login(app, desk.supervisor).headers).json
    assert (later["day"], later["complaints_due_soon"], later["requests_received"]) == ("2026-11-24", 1, 0)


def test_the_desk_lists_its_members_for_assignment(client: FlaskClient, desk: Desk) -> None:
    members = client.get(f"{API}/desk/members", headers=desk.agent.headers).json
    assert [(m["username"], m["role"]) for m in members] == [
        ("ada", "agent"), ("bo", "agent"), ("sue", "supervisor")]
