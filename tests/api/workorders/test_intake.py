"""Intake and triage through the API: records, numbers, conversion and validation problems."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from tests.api.workorders.conftest import Staff
from tests.support.spareparts import make_part
from tests.support.workorders import make_asset, make_customer, make_service_request, make_site

WINDOW = {"window_start": "2026-11-24T14:00:00+08:00", "window_end": "2026-11-24T16:00:00+08:00"}


def test_office_records_customer_site_and_asset(client: FlaskClient, staff: Staff) -> None:
    headers = staff.dispatcher.headers
    customer = client.post(
        "/api/v1/customers",
        headers=headers,
        json={"name": "Chen Jing", "tier": "A", "phone": "+86 139 0000 0002"},
    )
    assert customer.status_code == 201, customer.json
    site = client.post(
        f"/api/v1/customers/{customer.json['id']}/sites",
        headers=headers,
        json={"address": "8 Shennan Rd", "lat": 22.54, "lon": 114.05},
    )
    assert site.status_code == 201, site.json
    asset = client.post(
        f"/api/v1/sites/{site.json['id']}/assets",
        headers=headers,
        json={"product_model": "SmartLock S2", "serial": "SL-1", "warranty_until": "2027-01-01"},
    )
    assert asset.status_code == 201, asset.json
    listed = client.get(f"/api/v1/sites/{site.json['id']}/assets", headers=headers)
    assert [a["serial"] for a in listed.json] == ["SL-1"]
    assert '"total": 1' in listed.headers["X-Pagination"]


def test_service_requests_are_numbered_per_local_day(app: Flask, client: FlaskClient, staff: Staff) -> None:
    asset_id = make_asset(app)
    site_id = client.get(f"/api/v1/assets/{asset_id}", headers=staff.dispatcher.headers).json["site_id"]
    customer_id = client.get(f"/api/v1/sites/{site_id}", headers=staff.dispatcher.headers).json["customer_id"]
    body = {
        "channel": "wechat",
        "category": "repair",
        "customer_id": customer_id,
        "site_id": site_id,
        "asset_id": asset_id,
        "symptom": "Lock jams",
    }
    numbers = [
        client.post("/api/v1/service-requests", headers=staff.dispatcher.headers, json=body).json["number"]
        for _ in range(2)
    ]
    assert numbers == ["SR-20261123-0001", "SR-20261123-0002"]


def test_a_site_of_another_customer_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    other_site = make_site(app)
    answer = client.post(
        "/api/v1/service-requests",
        headers=staff.dispatcher.headers,
        json={
            "channel": "phone",
            "category": "repair",
            "customer_id": make_customer(app),
            "site_id": other_site,
            "symptom": "Lock jams",
        },
    )
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    assert [e["field"] for e in answer.json["errors"]] == ["site_id"]


def test_convert_derives_priority_and_decides_chargeable_from_warranty(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    make_part(app, "LK-MOTOR")
    customer = make_customer(app, tier="A")
    in_warranty = make_asset(app, make_site(app, customer), warranty_until=date(2026, 12, 31))
    expired = make_asset(app, make_site(app, customer), warranty_until=date(2026, 11, 23))
    results = []
    for asset in (in_warranty, expired):
        request_id = make_service_request(app, asset)
        answer = client.post(
            f"/api/v1/service-requests/{request_id}/convert",
            headers=staff.dispatcher.headers,
            json={
                "estimated_duration_s": 3600,
                **WINDOW,
                "required_skills": [{"skill": "locks", "min_level": 2}],
                "parts_needed": [{"sku": "LK-MOTOR", "qty": 1}],
            },
        )
        assert answer.status_code == 201, answer.json
        results.append(answer.json)
    assert [r["chargeable"] for r in results] == [False, True]
    assert [r["priority"] for r in results] == [2, 2]
    assert results[0]["number"] == "WO-20261123-0001" and results[0]["status"] == "scheduled"
    assert results[0]["required_skills"] == [{"skill": "locks", "min_level": 2}]
    again = client.post(
        f"/api/v1/service-requests/{results[0]['service_request_id']}/convert",
        headers=staff.dispatcher.headers,
        json={"estimated_duration_s": 3600},
    )
    assert again.status_code == 409


def test_priority_given_by_the_dispatcher_overrides_the_derived_one(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    answer = client.post(
        f"/api/v1/service-requests/{make_service_request(app)}/convert",
        headers=staff.dispatcher.headers,
        json={"estimated_duration_s": 600, "priority": 1},
    )
    assert answer.json["priority"] == 1


def test_window_must_end_after_start_on_the_same_local_day(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    request_id = make_service_request(app)
    for window in (
        {"window_start": "2026-11-24T14:00:00+08:00", "window_end": "2026-11-24T13:00:00+08:00"},
        {"window_start": "2026-11-24T23:00:00+08:00", "window_end": "2026-11-25T01:00:00+08:00"},
    ):
        answer = client.post(
            f"/api/v1/service-requests/{request_id}/convert",
            headers=staff.dispatcher.headers,
            json={"estimated_duration_s": 600, **window},
        )
        assert answer.status_code == 422
        assert answer.json["errors"][0]["field"] == "window_end"


def test_resolve_and_reject_close_the_request_once(app: Flask, client: FlaskClient, staff: Staff) -> None:
    resolved, rejected = make_service_request(app), make_service_request(app)
    headers = staff.dispatcher.headers
    answer = client.post(
        f"/api/v1/service-requests/{resolved}/resolve",
        headers=headers,
        json={"notes": "Guided a battery swap by phone"},
    )
    assert answer.json["status"] == "resolved_remotely"
    answer = client.post(
        f"/api/v1/service-requests/{rejected}/reject", headers=headers, json={"reason": "Not our product"}
    )
    assert answer.json["status"] == "rejected"
    answer = client.post(f"/api/v1/service-requests/{resolved}/reject", headers=headers, json={"reason": "x"})
    assert answer.status_code == 409 and answer.json["code"] == "service-request-closed"


def test_validation_problems_name_each_field(client: FlaskClient, staff: Staff) -> None:
    answer = client.post(
        "/api/v1/customers",
        headers=staff.dispatcher.headers,
        json={"name": "", "tier": "Z", "phone": "call me", "number": "C-1"},
    )
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    assert {e["field"] for e in answer.json["errors"]} == {"name", "tier", "phone", "number"}


def test_naive_datetimes_and_bad_coordinates_are_refused(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    answer = client.post(
        f"/api/v1/customers/{make_customer(app)}/sites",
        headers=staff.dispatcher.headers,
        json={"address": "x", "lat": 91, "lon": -181},
    )
    assert {e["field"] for e in answer.json["errors"]} == {"lat", "lon"}
    answer = client.post(
        f"/api/v1/service-requests/{make_service_request(app)}/convert",
        headers=staff.dispatcher.headers,
        json={
            "estimated_duration_s": 600,
            "window_start": "2026-11-24T14:00:00",
            "window_end": "2026-11-24T16:00:00",
        },
    )
    assert {e["field"] for e in answer.json["errors"]} == {"window_start", "window_end"}


def test_lists_filter_and_paginate_with_totals(app: Flask, client: FlaskClient, staff: Staff) -> None:
    for _ in range(3):
        make_service_request(app)
    page = client.get(
        "/api/v1/service-requests?page=2&per_page=2&status=open", headers=staff.dispatcher.headers
    )
    assert page.status_code == 200 and len(page.json) == 1
    assert '"total": 3' in page.headers["X-Pagination"]
    none = client.get("/api/v1/service-requests?status=rejected", headers=staff.dispatcher.headers)
    assert none.json == []



def test_free_text_may_run_over_lines_but_a_name_or_serial_is_one_line(
    app: Flask, client: FlaskClient, staff: Staff
) -> None:
    """Prose (symptom, notes, reasons) keeps the customer's line breaks; a one-line field refuses
    them, like every other control character, naming the field."""
    headers = staff.dispatcher.headers
    customer = make_customer(app)
    site = make_site(app, customer_id=customer)
    asset = make_asset(app, site_id=site)
    symptom = "Lock beeps twice.\nThen the keypad goes dark.\tEvery time."
    request = {"channel": "phone", "category": "repair", "customer_id": customer, "site_id": site}

    recorded = client.post("/api/v1/service-requests", headers=headers, json=request | {"symptom": symptom})
    assert recorded.status_code == 201, recorded.json
    assert recorded.json["symptom"] == symptom
    bell = client.post("/api/v1/service-requests", headers=headers, json=request | {"symptom": "Beeps\x07"})
    assert bell.status_code == 422 and [e["field"] for e in bell.json["errors"]] == ["symptom"]
    renamed = client.patch(f"/api/v1/customers/{customer}", headers=headers, json={"name": "Chen\nJing"})
    assert renamed.status_code == 422 and [e["field"] for e in renamed.json["errors"]] == ["name"]
    serial = client.patch(f"/api/v1/assets/{asset}", headers=headers, json={"serial": "SL-1\t"})
    assert serial.status_code == 422 and [e["field"] for e in serial.json["errors"]] == ["serial"]
