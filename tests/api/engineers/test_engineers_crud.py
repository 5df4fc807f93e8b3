"""Creating, reading, listing, changing and deactivating engineers."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.support.engineers import engineer_payload, make_engineer
from tests.support.users import LoggedIn

URL = "/api/v1/engineers"


def test_dispatcher_creates_an_engineer_with_skills(client: FlaskClient, dispatcher: LoggedIn) -> None:
    answer = client.post(
        URL,
        json=engineer_payload(skills=[{"skill": "hvac", "level": 3}, {"skill": "locks", "level": 1}]),
        headers=dispatcher.headers,
    )
    assert answer.status_code == 201, answer.json
    assert answer.json["skills"] == [{"skill": "hvac", "level": 3}, {"skill": "locks", "level": 1}]
    assert answer.json["active"] is True and answer.json["version"] == 1
    assert answer.headers["ETag"] == '"1"'
    again = client.get(f"{URL}/{answer.json['id']}", headers=dispatcher.headers)
    assert again.json == answer.json


def test_server_owned_fields_sent_by_a_client_are_refused_and_change_nothing(
    client: FlaskClient, dispatcher: LoggedIn
) -> None:
    sneaky = engineer_payload(id=999, version=42, created_at="2020-01-01T00:00:00Z")
    answer = client.post(URL, json=sneaky, headers=dispatcher.headers)
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json["errors"]} == {"id", "version", "created_at"}
    assert client.get(URL, headers=dispatcher.headers).headers["X-Pagination"].startswith('{"total": 0')


def test_patch_with_a_version_changes_nothing_and_says_why(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    answer = client.patch(f"{URL}/{engineer_id}", json={"version": 7}, headers=dispatcher.headers)
    assert answer.status_code == 422 and answer.json["errors"][0]["field"] == "version"
    assert client.get(f"{URL}/{engineer_id}", headers=dispatcher.headers).json["version"] == 1


def test_patch_changes_only_the_fields_sent_and_moves_the_version(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app, territory="nanshan")
    answer = client.patch(
        f"{URL}/{engineer_id}",
        json={"phone": "+86 138 1111 2222", "max_travel_km": 40},
        headers=dispatcher.headers,
    )
    assert answer.status_code == 200, answer.json
    assert answer.json["phone"] == "+86 138 1111 2222" and answer.json["max_travel_km"] == 40
    assert answer.json["territory"] == "nanshan" and answer.json["version"] == 2


def test_stale_if_match_is_412_and_writes_nothing(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    headers = dispatcher.headers | {"If-Match": '"1"'}
    assert (
        client.patch(f"{URL}/{engineer_id}", json={"name": "Wang Fang"}, headers=headers).status_code == 200
    )
    stale = client.patch(f"{URL}/{engineer_id}", json={"name": "Chen Jie"}, headers=headers)
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    assert client.get(f"{URL}/{engineer_id}", headers=dispatcher.headers).json["name"] == "Wang Fang"


def test_deactivating_keeps_the_engineer_but_the_active_filter_drops_them(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    leaving = make_engineer(app, name="Leaving")
    make_engineer(app, name="Staying")
    assert (
        client.patch(f"{URL}/{leaving}", json={"active": False}, headers=dispatcher.headers).status_code
        == 200
    )
    active = client.get(f"{URL}?active=true", headers=dispatcher.headers).json
    everyone = client.get(URL, headers=dispatcher.headers).json
    assert [e["name"] for e in active] == ["Staying"]
    assert [e["name"] for e in everyone] == ["Leaving", "Staying"]
    assert client.delete(f"{URL}/{leaving}", headers=dispatcher.headers).status_code == 405


def test_list_filters_by_skill_level_and_territory(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    make_engineer(app, name="A Senior", skills={"hvac": 3}, territory="futian")
    make_engineer(app, name="B Junior", skills={"hvac": 1}, territory="futian")
    make_engineer(app, name="C Locks", skills={"locks": 2}, territory="nanshan")
    names = lambda query: [e["name"] for e in client.get(f"{URL}?{query}", headers=dispatcher.headers).json]  # noqa: E731
    assert names("skill=hvac") == ["A Senior", "B Junior"]
    assert names("skill=hvac&min_level=2") == ["A Senior"]
    assert names("territory=nanshan") == ["C Locks"]


def test_list_is_paginated_with_totals(app: Flask, client: FlaskClient, dispatcher: LoggedIn) -> None:
    for n in range(5):
        make_engineer(app, name=f"Engineer {n}")
    answer = client.get(f"{URL}?page=2&per_page=2", headers=dispatcher.headers)
    assert [e["name"] for e in answer.json] == ["Engineer 2", "Engineer 3"]
    assert '"total": 5' in answer.headers["X-Pagination"]


def test_put_skills_replaces_the_whole_set(app: Flask, client: FlaskClient, dispatcher: LoggedIn) -> None:
    engineer_id = make_engineer(app, skills={"hvac": 1, "locks": 2})
    body = {"skills": [{"skill": "hvac", "level": 3}, {"skill": "cameras", "level": 1}]}
    answer = client.put(f"{URL}/{engineer_id}/skills", json=body, headers=dispatcher.headers)
    assert answer.status_code == 200, answer.json
    assert answer.json["skills"] == [{"skill": "cameras", "level": 1}, {"skill": "hvac", "level": 3}]
    assert answer.json["version"] == 2


def test_unknown_engineer_is_404_problem(client: FlaskClient, dispatcher: LoggedIn) -> None:
    answer = client.get(f"{URL}/4242", headers=dispatcher.headers)
    assert answer.status_code == 404 and answer.json["code"] == "engineer-not-found"
    beyond_any_key = client.get(f"{URL}/99999999999999", headers=dispatcher.headers)
    assert beyond_any_key.status_code == 404
    assert beyond_any_key.content_type == "application/problem+json"
