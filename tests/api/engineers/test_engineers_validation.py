"""Bad input is a 422 problem naming each field, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support.engineers import engineer_payload, make_engineer, weekday_hours
from tests.support.users import LoggedIn

URL = "/api/v1/engineers"


def fields_in(answer) -> set[str]:  # noqa: ANN001 - a test response
    assert answer.status_code == 422, answer.json
    assert answer.content_type == "application/problem+json"
    return {error["field"] for error in answer.json["errors"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"home_lat": 90.5}, "home_lat"),
        ({"home_lon": -181}, "home_lon"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"phone": "138\x000000"}, "phone"),
        ({"email": "not-an-address"}, "email"),
        ({"max_travel_km": 0}, "max_travel_km"),
        ({"skills": [{"skill": "hvac", "level": 4}]}, "skills.0.level"),
        ({"skills": [{"skill": "hvac", "level": 0}]}, "skills.0.level"),
        ({"skills": [{"skill": "hvac", "level": 1}, {"skill": "hvac", "level": 2}]}, "skills"),
        ({"nickname": "Wei"}, "nickname"),
    ],
)
def test_create_refuses_the_bad_field(
    client: FlaskClient, dispatcher: LoggedIn, change: dict, field: str
) -> None:
    assert field in fields_in(client.post(URL, json=engineer_payload(**change), headers=dispatcher.headers))


def test_create_names_every_missing_required_field(client: FlaskClient, dispatcher: LoggedIn) -> None:
    answer = client.post(URL, json={}, headers=dispatcher.headers)
    assert fields_in(answer) == {"name", "phone", "home_lat", "home_lon"}


def test_patch_refuses_null_for_a_required_field(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    assert fields_in(
        client.patch(f"{URL}/{engineer_id}", json={"name": None}, headers=dispatcher.headers)
    ) == {"name"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"shift_start": "9:00"}, "days.0.shift_start"),
        ({"shift_end": "24:00"}, "days.0.shift_end"),
        ({"shift_start": "18:00", "shift_end": "09:00"}, "days.0.shift_end"),
        ({"break_window_start": "08:00"}, "days.0.break_window_start"),
        ({"break_window_end": "19:00"}, "days.0.break_window_end"),
        ({"break_length_min": 150}, "days.0.break_length_min"),
        ({"weekday": "FUNDAY"}, "days.0.weekday"),
        ({"overtime_allowed_min": -5}, "days.0.overtime_allowed_min"),
    ],
)
def test_weekly_pattern_refuses_the_bad_hours(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn, change: dict, field: str
) -> None:
    engineer_id = make_engineer(app)
    body = {"days": [weekday_hours(**change)]}
    assert field in fields_in(
        client.put(f"{URL}/{engineer_id}/shifts", json=body, headers=dispatcher.headers)
    )


def test_weekly_pattern_refuses_a_weekday_twice(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    body = {"days": [weekday_hours("MONDAY"), weekday_hours("MONDAY")]}
    assert fields_in(client.put(f"{URL}/{engineer_id}/shifts", json=body, headers=dispatcher.headers)) == {
        "days"
    }


def test_time_off_must_not_end_before_it_starts(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    body = {"first_day": "2026-11-25", "last_day": "2026-11-24", "reason": "leave"}
    answer = client.post(f"{URL}/{engineer_id}/time-off", json=body, headers=dispatcher.headers)
    assert fields_in(answer) == {"last_day"}


def test_a_time_off_note_may_run_over_lines_a_name_may_not(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    body = {"first_day": "2026-11-25", "last_day": "2026-11-25", "reason": "training",
            "note": "Gas safety course.\nBack the next morning."}
    answer = client.post(f"{URL}/{engineer_id}/time-off", json=body, headers=dispatcher.headers)
    assert answer.status_code == 201, answer.json
    assert answer.json["note"] == body["note"]
    renamed = client.patch(f"{URL}/{engineer_id}", json={"name": "Li\nWei"}, headers=dispatcher.headers)
    assert fields_in(renamed) == {"name"}


def test_time_off_reason_is_one_of_leave_sick_training(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    body = {"first_day": "2026-11-25", "last_day": "2026-11-25", "reason": "holiday"}
    answer = client.post(f"{URL}/{engineer_id}/time-off", json=body, headers=dispatcher.headers)
    assert fields_in(answer) == {"reason"}


def test_shift_query_needs_a_date_or_a_short_range(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/shifts"
    assert "date" in fields_in(client.get(url, headers=dispatcher.headers))
    assert "date" in fields_in(client.get(f"{url}?date=0001-01-01", headers=dispatcher.headers))
    assert fields_in(client.get(f"{url}?from=2026-01-01&to=2026-12-31", headers=dispatcher.headers)) == {"to"}
    assert fields_in(client.get(f"{url}?from=2026-01-02&to=2026-01-01", headers=dispatcher.headers)) == {"to"}


def test_working_exception_needs_its_hours(app: Flask, client: FlaskClient, dispatcher: LoggedIn) -> None:
    engineer_id = make_engineer(app)
    answer = client.post(
        f"{URL}/{engineer_id}/shifts", json={"on_date": "2026-11-28"}, headers=dispatcher.headers
    )
    assert fields_in(answer) == {"shift_start"}


def test_page_far_past_the_end_is_empty_not_an_overflow(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    make_engineer(app)
    answer = client.get(f"{URL}?page=99999999999999999999&per_page=100", headers=dispatcher.headers)
    assert answer.status_code == 200 and answer.json == []


def test_malformed_if_match_is_412_naming_the_header(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    headers = dispatcher.headers | {"If-Match": "garbage"}
    answer = client.patch(f"{URL}/{engineer_id}", json={"name": "Chen Jie"}, headers=headers)
    assert answer.status_code == 412
    assert answer.json["errors"] == [
        {"field": "If-Match", "in": "header", "detail": "Not an ETag of this resource."}
    ]


def test_if_match_with_a_non_ascii_digit_is_412_not_a_crash(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    headers = dispatcher.headers | {"If-Match": "\u00b2"}
    assert client.patch(f"{URL}/{engineer_id}", json={"name": "Chen Jie"}, headers=headers).status_code == 412
