"""Who may see and change engineers: an engineer sees only themselves (404 for anyone else),
warehouse staff see names only, and only dispatchers and admins change anything."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from tests.support.engineers import engineer_payload, make_engineer, weekday_hours
from tests.support.users import LoggedIn, make_user

URL = "/api/v1/engineers"


def routes_taking_an_id(engineer_id: int) -> list[tuple[str, str, dict | None]]:
    base = f"{URL}/{engineer_id}"
    time_off = {"first_day": "2026-11-23", "last_day": "2026-11-23", "reason": "leave"}
    return [
        ("GET", base, None),
        ("PATCH", base, {"name": "Taken Over"}),
        ("PUT", f"{base}/skills", {"skills": []}),
        ("GET", f"{base}/shifts?date=2026-11-23", None),
        ("GET", f"{base}/shifts/weekly", None),
        ("PUT", f"{base}/shifts", {"days": [weekday_hours()]}),
        ("POST", f"{base}/shifts", {"on_date": "2026-11-23", "day_off": True}),
        ("DELETE", f"{base}/shifts/2026-11-23", None),
        ("GET", f"{base}/time-off", None),
        ("POST", f"{base}/time-off", time_off),
        ("DELETE", f"{base}/time-off/1", None),
    ]


@pytest.fixture
def two_engineers(app: Flask) -> tuple[LoggedIn, int]:
    """Engineer A logged in, and engineer B's id."""
    a_id = make_engineer(app, name="A")
    b_id = make_engineer(app, name="B")
    return make_user(app, Role.ENGINEER, "engineer-a", engineer_id=a_id), b_id


def test_engineer_gets_404_for_another_engineer_on_every_route(
    client: FlaskClient, two_engineers: tuple[LoggedIn, int]
) -> None:
    engineer_a, b_id = two_engineers
    for method, url, body in routes_taking_an_id(b_id):
        answer = client.open(url, method=method, json=body, headers=engineer_a.headers)
        assert answer.status_code == 404, (method, url, answer.status_code)
        assert answer.content_type == "application/problem+json"


def test_engineer_reads_their_own_record_shifts_and_time_off(
    client: FlaskClient, two_engineers: tuple[LoggedIn, int]
) -> None:
    engineer_a, _ = two_engineers
    own = f"{URL}/{engineer_a.engineer_id}"
    for url in (own, f"{own}/shifts?date=2026-11-23", f"{own}/shifts/weekly", f"{own}/time-off"):
        assert client.get(url, headers=engineer_a.headers).status_code == 200, url
    assert [e["name"] for e in client.get(URL, headers=engineer_a.headers).json] == ["A"]


def test_engineer_cannot_change_even_their_own_record(
    client: FlaskClient, two_engineers: tuple[LoggedIn, int]
) -> None:
    engineer_a, _ = two_engineers
    for method, url, body in routes_taking_an_id(engineer_a.engineer_id):
        if method == "GET":
            continue
        answer = client.open(url, method=method, json=body, headers=engineer_a.headers)
        assert answer.status_code == 403, (method, url, answer.status_code)
    assert client.post(URL, json=engineer_payload(), headers=engineer_a.headers).status_code == 403


def test_warehouse_sees_names_but_not_contact_details(
    app: Flask, client: FlaskClient, warehouse: LoggedIn
) -> None:
    engineer_id = make_engineer(app, name="Van Owner", territory="futian", skills={"hvac": 2})
    listed = client.get(URL, headers=warehouse.headers).json
    one = client.get(f"{URL}/{engineer_id}", headers=warehouse.headers).json
    assert (
        listed == [one] == [{"id": engineer_id, "name": "Van Owner", "territory": "futian", "active": True}]
    )


def test_warehouse_changes_nothing_and_reads_no_working_time(
    app: Flask, client: FlaskClient, warehouse: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    for method, url, body in routes_taking_an_id(engineer_id)[1:]:
        answer = client.open(url, method=method, json=body, headers=warehouse.headers)
        assert answer.status_code == 403, (method, url, answer.status_code)


def test_admin_manages_engineers_like_a_dispatcher(app: Flask, client: FlaskClient) -> None:
    admin = make_user(app, Role.ADMIN, "admin")
    created = client.post(URL, json=engineer_payload(), headers=admin.headers)
    assert created.status_code == 201
    assert client.patch(
        f"{URL}/{created.json['id']}", json={"active": False}, headers=admin.headers
    ).json == (client.get(f"{URL}/{created.json['id']}", headers=admin.headers).json)


def test_no_token_is_401(client: FlaskClient) -> None:
    assert client.get(URL).status_code == 401
