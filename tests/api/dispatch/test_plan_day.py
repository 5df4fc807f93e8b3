"""Planning a day through the API: from the database to timed routes and reasons."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from dispatch.planning.models import Plan
from dispatch.planning.validation import plan_violations
from tests.support.dispatch import job, local, on_shift_engineer, plan, reasons, routed
from tests.support.users import LoggedIn


def test_a_day_is_planned_with_timed_routes_breaks_and_totals(app: Flask, client: FlaskClient,
                                                               office: LoggedIn) -> None:
    li = on_shift_engineer(app, name="Li Wei")
    wang = on_shift_engineer(app, name="Wang Fang", home_lat=22.6, home_lon=114.1)
    jobs = [job(app, lat=22.54 + 0.01 * n, lon=114.05, start=local(9 + 2 * (n % 4))) for n in range(6)]

    body = plan(client, office.headers)

    assert body["run_status"] == "done" and body["state"] == "draft"
    assert set(routed(body)) | set(reasons(body)) == set(jobs)
    assert body["totals"]["served"] == len(routed(body)) == 6
    assert set(routed(body).values()) <= {li, wang}
    for route in body["routes"]:
        assert route["break_start_at"] is not None
        for stop in route["stops"]:
            assert stop["arrival_at"] <= stop["start_at"] < stop["end_at"]
    assert body["totals"]["distance_km"] > 0
    with app.app_context():
        rt = app.extensions["fixroute"]
        with rt.session_factory() as session:
            assert plan_violations(session.get(Plan, body["id"])) == []


def test_a_job_needing_a_skill_nobody_on_shift_holds_is_no_skilled_engineer(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    on_shift_engineer(app, skills={"locks": 3})
    lock_job = job(app, start=local(10))
    hvac_job = job(app, skill="hvac", start=local(10))

    body = plan(client, office.headers)

    assert lock_job in routed(body)
    assert reasons(body) == {hvac_job: "no-skilled-engineer"}
    assert body["unassigned"][0]["detail"]


def test_a_territory_plan_takes_its_engineers_and_the_jobs_nearest_them(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    north = on_shift_engineer(app, name="North", territory="north", home_lat=22.70, home_lon=114.05)
    on_shift_engineer(app, name="South", territory="south", home_lat=22.50, home_lon=114.05)
    north_job = job(app, lat=22.69, start=local(10))
    job(app, lat=22.51, start=local(10))

    body = plan(client, office.headers, territory="north")

    assert routed(body) == {north_job: north}
    assert body["unassigned"] == [] and body["territory"] == "north"
