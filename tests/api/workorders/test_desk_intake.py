"""Intake at the desk: finding the caller, their file in one read, a new request in a few
fields, a new customer in one step, the repeat-repair warning, and converting with the defaults."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient

from core.clock import FixedClock
from tests.api.workorders.conftest import Desk
from tests.support.spareparts import make_part
from tests.support.statements import count_statements
from tests.support.workorders import (
    make_asset,
    make_completed_visit,
    make_customer,
    make_service_request,
    make_site,
    make_work_order,
)
from workorders import Status

API = "/api/v1"


def _search(client: FlaskClient, desk: Desk, q: str) -> list[str]:
    answer = client.get(f"{API}/customers", query_string={"q": q}, headers=desk.agent.headers)
    assert answer.status_code == 200, answer.json
    return [c["name"] for c in answer.json]


def test_an_agent_finds_a_customer_by_the_end_of_their_phone_number_their_name_or_a_serial(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    chen = make_customer(app, name="Chen Jing", phone="+86 139 0000 0002")
    make_asset(app, make_site(app, chen), serial="SL-2024-7781")
    make_customer(app, name="陈静", phone="+86 138 1234 5678")
    make_customer(app, name="Wang Fang", phone="+86 139 5555 0002")

    assert _search(client, desk, "13900000002") == ["Chen Jing"]  # without the country code
    assert _search(client, desk, "0002") == ["Chen Jing", "Wang Fang"]
    assert _search(client, desk, "139 0000 0002") == ["Chen Jing"]
    assert _search(client, desk, "chen") == ["Chen Jing"]
    assert _search(client, desk, "陈") == ["陈静"]
    assert _search(client, desk, "sl-2024") == ["Chen Jing"]
    assert _search(client, desk, "SL-2024-7781") == ["Chen Jing"]
    assert _search(client, desk, "002") == []  # too few digits for a phone, and no name or serial
    assert _search(client, desk, "Jing") == []  # a name matches from its beginning


def test_the_search_pages_with_totals(app: Flask, client: FlaskClient, desk: Desk) -> None:
    for n in range(3):
        make_customer(app, name=f"Li {n}", phone=f"+86 139 0000 100{n}")
    page = client.get(f"{API}/customers?q=li&per_page=2&page=2", headers=desk.agent.headers)
    assert [c["name"] for c in page.json] == ["Li 2"]
    assert '"total": 3' in page.headers["X-Pagination"]


def test_a_new_caller_is_recorded_with_their_first_site_and_product_in_one_step(
        client: FlaskClient, desk: Desk) -> None:
    answer = client.post(f"{API}/customers", headers=desk.agent.headers, json={
        "name": "周慧", "tier": "B", "phone": "+86 137 0000 0003",
        "site": {"address": "深圳市福田区华强北路8号", "lat": 22.54, "lon": 114.08,
                 "asset": {"product_model": "绿米智能门锁 U200", "serial": "U200-0001",
                           "warranty_until": "2027-06-30"}}})
    assert answer.status_code == 201, answer.json
    [site] = answer.json["sites"]
    assert site["address"] == "深圳市福田区华强北路8号"
    assert [a["serial"] for a in site["assets"]] == ["U200-0001"]
    plain = client.post(f"{API}/customers", headers=desk.agent.headers,
                        json={"name": "Plain", "tier": "C", "phone": "+86 137 0000 0004"})
    assert plain.status_code == 201 and plain.json["sites"] == []


def test_a_request_taken_by_an_agent_is_numbered_owned_and_due_back_within_two_hours(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    asset = make_asset(app)
    site = client.get(f"{API}/assets/{asset}", headers=desk.agent.headers).json["site_id"]
    customer = client.get(f"{API}/sites/{site}", headers=desk.agent.headers).json["customer_id"]
    answer = client.post(f"{API}/service-requests", headers=desk.agent.headers, json={
        "channel": "wechat", "category": "repair", "customer_id": customer, "site_id": site,
        "asset_id": asset, "symptom": "指纹识别无反应"})
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert body["number"] == "SR-20261123-0001" and body["status"] == "open"
    assert body["owner_user_id"] == desk.agent.user_id
    assert body["respond_by"] == (clock.now() + timedelta(hours=2)).isoformat()
    assert body["repeat_repair"] is False
    log = client.get(f"{API}/service-requests/{body['id']}/log", headers=desk.agent.headers).json
    assert [(s["kind"], s["actor_user_id"]) for s in log] == [("received", desk.agent.user_id)]


def test_a_repair_ten_days_ago_is_flagged_at_intake_with_its_work_order_and_engineer(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    asset = make_asset(app)
    first = make_completed_visit(app, asset, desk.staff.a_id, clock.now() - timedelta(days=10),
                                 desk.staff.engineer_a.user_id)
    make_completed_visit(app, make_asset(app), desk.staff.a_id, clock.now() - timedelta(days=10),
                         desk.staff.engineer_a.user_id)  # another asset
    request = make_service_request(app, asset)  # built directly: the flag is found through the API below
    answer = client.post(f"{API}/service-requests", headers=desk.agent.headers, json=_request_on(
        client, desk, asset))
    assert answer.json["repeat_repair"] is True
    assert (answer.json["repeat_of_work_order_id"], answer.json["repeat_of_engineer_id"]) == (
        first, desk.staff.a_id)
    assert answer.json["repeat_of_completed_at"] == (clock.now() - timedelta(days=10)).isoformat()
    proposal = client.get(f"{API}/service-requests/{request}/visit-proposal", headers=desk.agent.headers)
    assert proposal.json["repeat_of_work_order_id"] == first

    converted = client.post(f"{API}/service-requests/{answer.json['id']}/convert",
                            headers=desk.agent.headers, json={})
    assert converted.status_code == 201, converted.json
    assert (converted.json["repeat_repair"], converted.json["repeat_of_work_order_id"]) == (True, first)


def test_a_repair_older_than_thirty_days_is_no_repeat(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    asset = make_asset(app)
    make_completed_visit(app, asset, desk.staff.a_id, clock.now() - timedelta(days=31),
                         desk.staff.engineer_a.user_id)
    answer = client.post(f"{API}/service-requests", headers=desk.agent.headers,
                         json=_request_on(client, desk, asset))
    assert answer.json["repeat_repair"] is False and answer.json["repeat_of_work_order_id"] is None


def _request_on(client: FlaskClient, desk: Desk, asset: int, **extra: object) -> dict[str, object]:
    site = client.get(f"{API}/assets/{asset}", headers=desk.agent.headers).json["site_id"]
    customer = client.get(f"{API}/sites/{site}", headers=desk.agent.headers).json["customer_id"]
    return {"channel": "phone", "category": "repair", "customer_id": customer, "site_id": site,
            "asset_id": asset, "symptom": "电机异响，锁舌卡在一半"} | extra


def test_converting_with_the_defaults_schedules_the_preferred_window_with_the_products_skills_and_parts(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    make_part(app, "LK-LATCH")
    asset = make_asset(app, product_model="小米智能门锁 M20", warranty_until=date(2027, 1, 1))
    created = client.post(f"{API}/service-requests", headers=desk.agent.headers, json=_request_on(
        client, desk, asset, preferred_start="2026-11-24T14:00:00+08:00",
        preferred_end="2026-11-24T16:00:00+08:00"))
    request_id = created.json["id"]
    proposal = client.get(f"{API}/service-requests/{request_id}/visit-proposal", headers=desk.agent.headers)
    assert proposal.json | {"repeat_of_completed_at": None} == {
        "work_type": "repair", "priority": 3, "estimated_duration_s": 45 * 60,
        "window_start": "2026-11-24T06:00:00+00:00", "window_end": "2026-11-24T08:00:00+00:00",
        "required_skills": [{"skill": "locks", "min_level": 1}],
        "parts_needed": [{"sku": "LK-LATCH", "qty": 1}],
        "repeat_repair": False, "repeat_of_work_order_id": None, "repeat_of_number": None,
        "repeat_of_engineer_id": None, "repeat_of_completed_at": None}

    converted = client.post(f"{API}/service-requests/{request_id}/convert", headers=desk.agent.headers,
                            json={"estimated_duration_s": 3600})  # the agent changes one thing
    assert converted.status_code == 201, converted.json
    order = converted.json
    assert order["status"] == "scheduled"  # straight away: the window is agreed
    assert (order["estimated_duration_s"], order["window_start"], order["chargeable"]) == (
        3600, "2026-11-24T06:00:00+00:00", False)
    assert order["required_skills"] == [{"skill": "locks", "min_level": 1}]
    assert order["parts_needed"] == [{"sku": "LK-LATCH", "qty": 1}]
    events = client.get(f"{API}/work-orders/{order['id']}/events", headers=desk.agent.headers).json
    assert [(e["from_status"], e["to_status"], e["actor_role"]) for e in events] == [
        ("new", "scheduled", "agent")]
    request = client.get(f"{API}/service-requests/{request_id}", headers=desk.agent.headers).json
    assert request["status"] == "converted"


def test_without_a_preferred_time_the_converted_order_waits_as_new(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    request = make_service_request(app, make_asset(app, product_model="Unknown gadget"))
    converted = client.post(f"{API}/service-requests/{request}/convert", headers=desk.agent.headers, json={})
    assert converted.status_code == 201, converted.json
    assert (converted.json["status"], converted.json["estimated_duration_s"],
            converted.json["required_skills"]) == ("new", 3600, [])


def test_unknown_customer_and_a_backwards_window_are_refused_naming_the_field_and_nothing_is_written(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    site = make_site(app)
    unknown = client.post(f"{API}/service-requests", headers=desk.agent.headers, json={
        "channel": "phone", "category": "repair", "customer_id": 999_999, "site_id": site, "symptom": "x"})
    assert unknown.status_code == 422 and unknown.content_type == "application/problem+json"
    assert [e["field"] for e in unknown.json["errors"]] == ["customer_id"]
    assert client.get(f"{API}/service-requests", headers=desk.agent.headers).json == []

    request = make_service_request(app)
    backwards = client.post(f"{API}/service-requests/{request}/convert", headers=desk.agent.headers, json={
        "window_start": "2026-11-24T16:00:00+08:00", "window_end": "2026-11-24T14:00:00+08:00"})
    assert backwards.status_code == 422 and backwards.content_type == "application/problem+json"
    assert [e["field"] for e in backwards.json["errors"]] == ["window_end"]
    assert client.get(f"{API}/work-orders", headers=desk.agent.headers).json == []
    still = client.get(f"{API}/service-requests/{request}", headers=desk.agent.headers)
    assert still.json["status"] == "open"


def _history(app: Flask, desk: Desk, customer: int, visits: int) -> int:
    """A customer with ``visits`` completed visits, each from a request, rated, one complaint each."""
    asset = make_asset(app, make_site(app, customer))
    from tests.support.workorders import WINDOW_START

    for n in range(visits):
        request = make_service_request(app, asset)
        make_completed_visit(app, asset, desk.staff.a_id, WINDOW_START - timedelta(days=5 + n),
                             desk.staff.engineer_a.user_id, service_request_id=request)
    return asset


def test_the_customer_file_is_one_read_of_a_fixed_number_of_statements_whatever_the_history(
        app: Flask, client: FlaskClient, desk: Desk) -> None:
    small, large = make_customer(app, name="Small"), make_customer(app, name="Large")
    for customer, visits in ((small, 1), (large, 12)):
        _history(app, desk, customer, visits)
        for work_order in client.get(f"{API}/work-orders?customer_id={customer}&per_page=100",
                                     headers=desk.agent.headers).json:
            rated = client.post(f"{API}/work-orders/{work_order['id']}/feedback", headers=desk.agent.headers,
                                json={"rating": 1, "comment": "还是坏的"})
            assert rated.status_code == 201, rated.json
    counts = []
    for customer in (small, large):
        with count_statements(app) as counted:
            answer = client.get(f"{API}/customers/{customer}/file", headers=desk.agent.headers)
        assert answer.status_code == 200, answer.json
        counts.append(counted.count)
    assert counts[0] == counts[1] <= 8, counts
    body = answer.json
    assert len(body["work_orders"]) == len(body["service_requests"]) == len(body["ratings"]) == 12
    assert len(body["complaints"]) == 12
    assert body["work_orders"][0]["engineer_name"] == "Li Wei"
    for listed in ("work_orders", "service_requests", "complaints"):
        ids = [record["id"] for record in body[listed]]
        assert ids == sorted(ids, reverse=True), listed  # newest first (all created at one moment here)


def test_the_customer_file_shows_warranty_and_the_repeat_repair_per_asset(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    customer = make_customer(app)
    site = make_site(app, customer)
    repaired = make_asset(app, site, warranty_until=date(2026, 11, 22))
    make_asset(app, site, warranty_until=None)
    make_asset(app, site, warranty_until=date(2026, 11, 23))
    first = make_completed_visit(app, repaired, desk.staff.a_id, clock.now() - timedelta(days=10),
                                 desk.staff.engineer_a.user_id)
    make_work_order(app, Status.SCHEDULED, asset_id=repaired)
    body = client.get(f"{API}/customers/{customer}/file", headers=desk.agent.headers).json
    [in_file] = body["sites"]
    assert [a["warranty"] for a in in_file["assets"]] == ["expired", "unknown", "in_warranty"]
    assert in_file["assets"][0]["repeat_repair"] == {
        "work_order_id": first, "number": body["work_orders"][1]["number"], "engineer_id": desk.staff.a_id,
        "engineer_name": "Li Wei", "completed_at": (clock.now() - timedelta(days=10)).isoformat()}
    assert in_file["assets"][1]["repeat_repair"] is None
