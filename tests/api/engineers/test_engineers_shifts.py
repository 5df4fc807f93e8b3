"""Weekly pattern, dated exceptions and time off, read back as resolved UTC shifts."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.support.engineers import make_engineer, weekday_hours
from tests.support.users import LoggedIn

URL = "/api/v1/engineers"
WEEK = "from=2026-11-23&to=2026-11-29"  # Monday to Sunday


def test_put_weekly_pattern_then_read_resolved_days_in_utc(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    body = {"days": [weekday_hours(day) for day in ("MONDAY", "TUESDAY", "WEDNESDAY")]}
    put = client.put(f"{URL}/{engineer_id}/shifts", json=body, headers=dispatcher.headers)
    assert put.status_code == 200, put.json
    assert put.json["days"][0] == weekday_hours("MONDAY")
    week = client.get(f"{URL}/{engineer_id}/shifts?{WEEK}", headers=dispatcher.headers).json
    assert [d["working"] for d in week] == [True, True, True, False, False, False, False]
    monday = week[0]
    assert (monday["start"], monday["end"]) == ("2026-11-23T01:00:00+00:00", "2026-11-23T10:00:00+00:00")
    assert (monday["break_window_start"], monday["break_length_min"]) == ("2026-11-23T04:00:00+00:00", 60)
    assert (monday["overtime_allowed_min"], monday["overtime_cost_per_hour"]) == (60, 80.0)
    assert week[4]["source"] == "not_scheduled"


def test_putting_the_pattern_again_replaces_it(app: Flask, client: FlaskClient, dispatcher: LoggedIn) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/shifts"
    client.put(
        url, json={"days": [weekday_hours("MONDAY"), weekday_hours("FRIDAY")]}, headers=dispatcher.headers
    )
    again = {"days": [weekday_hours("MONDAY", shift_start="08:00")]}
    assert client.put(url, json=again, headers=dispatcher.headers).status_code == 200
    pattern = client.get(f"{url}/weekly", headers=dispatcher.headers).json
    assert [(d["weekday"], d["shift_start"]) for d in pattern["days"]] == [("MONDAY", "08:00")]


def test_exception_and_day_off_override_the_pattern_for_their_date(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/shifts"
    client.put(
        url, json={"days": [weekday_hours("MONDAY"), weekday_hours("TUESDAY")]}, headers=dispatcher.headers
    )
    late = {"on_date": "2026-11-23", "shift_start": "13:00", "shift_end": "21:00", "note": "evening cover"}
    posted = client.post(url, json=late, headers=dispatcher.headers)
    assert posted.status_code == 201, posted.json
    assert posted.json["break_window_start"] is None and posted.json["day_off"] is False
    assert (
        client.post(
            url, json={"on_date": "2026-11-24", "day_off": True}, headers=dispatcher.headers
        ).status_code
        == 201
    )
    week = client.get(f"{url}?{WEEK}", headers=dispatcher.headers).json
    assert (week[0]["source"], week[0]["start"]) == ("exception", "2026-11-23T05:00:00+00:00")
    assert (week[1]["source"], week[1]["working"]) == ("day_off", False)


def test_posting_an_exception_for_the_same_date_replaces_it(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/shifts"
    client.post(url, json={"on_date": "2026-11-28", "day_off": True}, headers=dispatcher.headers)
    replaced = {"on_date": "2026-11-28", "shift_start": "10:00", "shift_end": "14:00"}
    assert client.post(url, json=replaced, headers=dispatcher.headers).status_code == 201
    saturday = client.get(f"{url}?date=2026-11-28", headers=dispatcher.headers).json
    assert [(d["source"], d["working"]) for d in saturday] == [("exception", True)]


def test_deleting_an_exception_falls_back_to_the_pattern(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/shifts"
    client.put(url, json={"days": [weekday_hours("MONDAY")]}, headers=dispatcher.headers)
    client.post(url, json={"on_date": "2026-11-23", "day_off": True}, headers=dispatcher.headers)
    assert client.delete(f"{url}/2026-11-23", headers=dispatcher.headers).status_code == 204
    assert client.get(f"{url}?date=2026-11-23", headers=dispatcher.headers).json[0]["source"] == "pattern"
    assert client.delete(f"{url}/2026-11-23", headers=dispatcher.headers).status_code == 404
    assert client.delete(f"{url}/not-a-date", headers=dispatcher.headers).status_code == 422


def test_time_off_is_listed_resolved_and_deleted(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    client.put(
        f"{URL}/{engineer_id}/shifts", json={"days": [weekday_hours("MONDAY")]}, headers=dispatcher.headers
    )
    url = f"{URL}/{engineer_id}/time-off"
    body = {"first_day": "2026-11-23", "last_day": "2026-11-27", "reason": "training", "note": "HVAC course"}
    booked = client.post(url, json=body, headers=dispatcher.headers)
    assert booked.status_code == 201, booked.json
    assert [t["reason"] for t in client.get(url, headers=dispatcher.headers).json] == ["training"]
    monday = client.get(f"{URL}/{engineer_id}/shifts?date=2026-11-23", headers=dispatcher.headers).json[0]
    assert (monday["source"], monday["time_off_reason"], monday["working"]) == ("time_off", "training", False)
    assert client.delete(f"{url}/{booked.json['id']}", headers=dispatcher.headers).status_code == 204
    assert client.get(url, headers=dispatcher.headers).json == []


def test_overlapping_time_off_is_409(app: Flask, client: FlaskClient, dispatcher: LoggedIn) -> None:
    engineer_id = make_engineer(app)
    url = f"{URL}/{engineer_id}/time-off"
    client.post(
        url,
        json={"first_day": "2026-11-23", "last_day": "2026-11-25", "reason": "leave"},
        headers=dispatcher.headers,
    )
    clash = client.post(
        url,
        json={"first_day": "2026-11-25", "last_day": "2026-11-26", "reason": "sick"},
        headers=dispatcher.headers,
    )
    assert clash.status_code == 409 and clash.json["code"] == "time-off-overlaps"


def test_changing_working_time_moves_the_engineers_version(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    engineer_id = make_engineer(app)
    client.post(
        f"{URL}/{engineer_id}/shifts",
        json={"on_date": "2026-11-23", "day_off": True},
        headers=dispatcher.headers,
    )
    assert client.get(f"{URL}/{engineer_id}", headers=dispatcher.headers).json["version"] == 2
