"""The demo company seeds through the real use cases and is usable through the API at once."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from demo.seed import seed_demo

DAY = date(2026, 11, 24)


def _seed(app: Flask) -> object:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        return seed_demo(uow, rt.hasher, DAY, customer_count=30, request_count=20)


def test_seed_builds_a_company_whose_dispatcher_sees_tomorrows_work(app: Flask,
                                                                    client: FlaskClient) -> None:
    summary = _seed(app)
    assert summary.created
    assert summary.counts["engineers"] == 25
    assert summary.counts["converted"] + summary.counts["resolved_remotely"] \
        + summary.counts["rejected"] == 20
    login = client.post("/api/v1/auth/login",
                        json={"username": "dispatcher", "password": "dispatch-demo-1"})
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    work = client.get(f"/api/v1/work-orders?date={DAY}&status=scheduled&per_page=100", headers=headers)
    assert work.status_code == 200
    assert len(work.json) == summary.counts["converted"] > 0
    assert all(wo["window_start"] and wo["required_skills"] for wo in work.json)


def test_seeding_twice_changes_nothing_and_still_lists_the_logins(app: Flask) -> None:
    _seed(app)
    again = _seed(app)
    assert not again.created
    assert ("dispatcher", "dispatch-demo-1", "dispatcher") in again.logins


def test_an_engineer_login_sees_only_their_own_record(app: Flask, client: FlaskClient) -> None:
    _seed(app)
    login = client.post("/api/v1/auth/login", json={"username": "eng01", "password": "engineer-demo-1"})
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    listed = client.get("/api/v1/engineers", headers=headers)
    assert listed.status_code == 200
    assert [e["name"] for e in listed.json] == ["李伟"]


def test_the_demo_company_keeps_its_data_in_chinese_as_a_shenzhen_company_does(
        app: Flask, client: FlaskClient) -> None:
    from demo.company import DISTRICTS

    _seed(app)
    login = client.post("/api/v1/auth/login", json={"username": "dispatcher", "password": "dispatch-demo-1"})
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    districts = tuple(d.name for d in DISTRICTS)
    customers = client.get("/api/v1/customers?per_page=100", headers=headers).json
    assert len(customers) == 30
    for customer in customers:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", customer["name"]), customer["name"]
        for site in client.get(f"/api/v1/customers/{customer['id']}/sites", headers=headers).json:
            address = re.fullmatch(r"深圳市(\w+?(?:区|新区))\w+?\d+号\w+室", site["address"])
            assert address and address.group(1) in districts, site["address"]
    reported = client.get("/api/v1/service-requests?per_page=100", headers=headers).json
    assert reported and all(re.search(r"[\u4e00-\u9fff]", r["symptom"]) for r in reported)
    engineers = client.get("/api/v1/engineers?per_page=100", headers=headers).json
    assert {e["territory"] for e in engineers} == set(districts)


def test_the_demo_desk_has_an_agent_and_a_supervisor_who_log_in(app: Flask, client: FlaskClient) -> None:
    summary = _seed(app)
    assert ("agent", "agent-demo-1", "agent") in summary.logins
    assert ("supervisor", "supervisor-demo-1", "supervisor") in summary.logins
    for username, password, path in (("agent", "agent-demo-1", "desk/queue"),
                                     ("supervisor", "supervisor-demo-1", "desk/figures")):
        login = client.post("/api/v1/auth/login", json={"username": username, "password": password})
        headers = {"Authorization": f"Bearer {login.json['token']}"}
        assert client.get(f"/api/v1/{path}", headers=headers).status_code == 200, username
