"""The package's public face for planning: frozen records with what dispatch needs, each read
in a fixed number of statements however many jobs there are, and the two planning moves."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

import workorders
from core.auth import Actor, Role
from core.clock import FixedClock
from tests.api.workorders.conftest import Desk, Staff
from tests.support.statements import count_statements
from tests.support.workorders import (
    WINDOW_END,
    WINDOW_START,
    make_asset,
    make_completed_visit,
    make_service_request,
    make_site,
    make_work_order,
)
from workorders.orders.models import EventKind, PartNeeded, RequiredSkill, WorkOrder, WorkOrderEvent

DAY = date(2026, 11, 23)
SHANGHAI = ZoneInfo("Asia/Shanghai")
PLANNED = (workorders.Status.SCHEDULED, workorders.Status.ASSIGNED)


def _event(app: Flask, work_order_id: int, to: workorders.Status, at_hour: int, minute: int = 0) -> None:
    """A transition row at ``at_hour`` UTC on the test day."""
    at = WINDOW_START.replace(hour=at_hour, minute=minute)
    with app.extensions["fixroute"].unit_of_work() as uow:
        uow.session.add(WorkOrderEvent(work_order_id=work_order_id, kind=EventKind.TRANSITION,
                                       from_status=to, to_status=to, actor_user_id=1,
                                       actor_role=Role.ENGINEER, at=at))


def _read(app: Flask, read: object, *args: object) -> tuple[object, int]:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow, count_statements(rt.engine) as counted:
        result = read(uow, *args)  # type: ignore[operator]
    return result, counted.count


def test_the_day_to_plan_is_frozen_records_with_site_window_skills_and_parts(
        app: Flask, staff: Staff) -> None:
    site = make_site(app, lat=22.6, lon=114.1)
    job = make_work_order(app, workorders.Status.ASSIGNED, engineer_id=staff.a_id, priority=2,
                          asset_id=make_asset(app, site_id=site), planned_start=WINDOW_START,
                          planned_end=WINDOW_START + timedelta(hours=1),
                          required_skills=[RequiredSkill(skill="locks", min_level=2)],
                          parts_needed=[PartNeeded(sku="LK-MOTOR", qty=2)])
    make_work_order(app, workorders.Status.NEW)  # not in a planned status
    make_work_order(app, workorders.Status.SCHEDULED, window_start=WINDOW_START + timedelta(days=1),
                    window_end=WINDOW_END + timedelta(days=1))  # another day

    found, _ = _read(app, workorders.work_orders_of_day, DAY, SHANGHAI, PLANNED)

    assert [w.id for w in found] == [job]
    record = found[0]
    assert isinstance(record, workorders.PlanningWorkOrder)
    assert (record.status, record.priority, record.site_id, record.site_lat, record.site_lon) == (
        workorders.Status.ASSIGNED, 2, site, 22.6, 114.1)
    assert (record.window_start, record.window_end, record.estimated_duration_s) == (
        WINDOW_START, WINDOW_END, 3600)
    assert record.required_skills == (workorders.SkillNeed("locks", 2),)
    assert record.parts_needed == (workorders.PartNeed("LK-MOTOR", 2),)
    assert (record.engineer_id, record.planned_start) == (staff.a_id, WINDOW_START)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.status = workorders.Status.NEW  # type: ignore[misc]


def test_the_day_to_plan_is_three_statements_however_many_jobs(app: Flask) -> None:
    make_work_order(app)
    _, one_job = _read(app, workorders.work_orders_of_day, DAY, SHANGHAI, PLANNED)
    for _ in range(4):
        make_work_order(app)
    found, five_jobs = _read(app, workorders.work_orders_of_day, DAY, SHANGHAI, PLANNED)

    assert len(found) == 5
    assert one_job == five_jobs == 3  # jobs with their sites, their skills, their parts


def test_jobs_by_id_leave_out_unknown_ids(app: Flask) -> None:
    first, second = make_work_order(app), make_work_order(app)

    found, selects = _read(app, workorders.work_orders_by_ids, [first, second, 999_999])

    assert set(found) == {first, second}
    assert selects == 3
    assert _read(app, workorders.work_orders_by_ids, [])[0] == {}


def test_numbers_by_id_in_one_statement(app: Flask) -> None:
    ids = [make_work_order(app, number=f"WO-20261123-09{n}") for n in range(3)]

    numbers, selects = _read(app, workorders.work_order_numbers, ids)

    assert numbers == {ids[n]: f"WO-20261123-09{n}" for n in range(3)}
    assert selects == 1


def test_held_assignments_are_the_jobs_in_an_engineers_hands(app: Flask, staff: Staff) -> None:
    held = make_work_order(app, workorders.Status.EN_ROUTE, engineer_id=staff.a_id,
                           planned_start=WINDOW_START, planned_end=WINDOW_END)
    completed = make_work_order(app, workorders.Status.COMPLETED, engineer_id=staff.a_id)
    free = make_work_order(app, workorders.Status.SCHEDULED)

    found, selects = _read(app, workorders.held_assignments, [held, completed, free])

    assert found == {held: workorders.HeldAssignment(staff.a_id, WINDOW_START)}
    assert selects == 1


def test_on_site_arrivals_give_the_latest_arrival_of_each_job(app: Flask, staff: Staff) -> None:
    revisited = make_work_order(app, workorders.Status.ON_SITE, engineer_id=staff.a_id)
    _event(app, revisited, workorders.Status.ON_SITE, 2)
    _event(app, revisited, workorders.Status.ON_SITE, 3)
    _event(app, revisited, workorders.Status.IN_PROGRESS, 4)
    never_there = make_work_order(app, workorders.Status.EN_ROUTE, engineer_id=staff.a_id)

    found, selects = _read(app, workorders.on_site_arrivals, [revisited, never_there])

    assert found == {revisited: WINDOW_START.replace(hour=3)}
    assert selects == 1


def test_last_completed_sites_give_each_engineer_the_site_of_their_latest_completion(
        app: Flask, staff: Staff) -> None:
    a, b = staff.a_id, staff.engineer_b.engineer_id
    assert b is not None
    early_site, late_site, b_site = (make_site(app, lat=22.5 + n / 100, lon=114.0) for n in range(3))
    for site, engineer, hour in ((early_site, a, 2), (late_site, a, 3), (b_site, b, 2)):
        job = make_work_order(app, workorders.Status.COMPLETED, engineer_id=engineer,
                              asset_id=make_asset(app, site_id=site))
        _event(app, job, workorders.Status.COMPLETED, hour)
    after = make_work_order(app, workorders.Status.COMPLETED, engineer_id=b)
    _event(app, after, workorders.Status.COMPLETED, 5)  # after "until": not yet done then

    found, selects = _read(app, workorders.last_completed_sites, [a, b], WINDOW_START.replace(hour=0),
                           WINDOW_START.replace(hour=4))

    assert found == {a: workorders.SitePoint(late_site, 22.51, 114.0),
                     b: workorders.SitePoint(b_site, 22.52, 114.0)}
    assert selects == 1


def test_assign_and_unassign_move_the_job_through_its_lifecycle(app: Flask, staff: Staff) -> None:
    job = make_work_order(app, workorders.Status.SCHEDULED)
    rt = app.extensions["fixroute"]
    assigned: list[workorders.WorkOrderAssigned] = []
    rt.bus.subscribe(workorders.WorkOrderAssigned, lambda uow, event: assigned.append(event))
    office = Actor(staff.dispatcher.user_id, staff.dispatcher.username, Role.DISPATCHER)
    end = WINDOW_START + timedelta(hours=1)
    with rt.unit_of_work() as uow:
        workorders.assign_work_order(uow, office, job, staff.a_id, WINDOW_START, end)
    assert assigned == [workorders.WorkOrderAssigned(job, staff.a_id)]
    with rt.unit_of_work() as uow:
        row = uow.session.get(WorkOrder, job)
        assert (row.status, row.engineer_id, row.planned_start, row.planned_end) == (
            workorders.Status.ASSIGNED, staff.a_id, WINDOW_START, end)
        workorders.unassign_work_order(uow, office, job, "Left out by plan 7")
    with rt.unit_of_work() as uow:
        row = uow.session.get(WorkOrder, job)
        assert (row.status, row.engineer_id, row.planned_start) == (workorders.Status.SCHEDULED, None, None)
        assert [(e.to_status, e.reason) for e in row.events] == [
            (workorders.Status.ASSIGNED, None), (workorders.Status.SCHEDULED, "Left out by plan 7")]


def test_a_repeat_repair_names_the_first_repairs_engineer_as_preferred_in_the_same_statements(
        app: Flask, client: FlaskClient, desk: Desk, clock: FixedClock) -> None:
    asset = make_asset(app)
    first = make_completed_visit(app, asset, desk.staff.a_id, clock.now() - timedelta(days=10),
                                 desk.staff.engineer_a.user_id)
    request = make_service_request(app, asset)
    converted = client.post(f"/api/v1/service-requests/{request}/convert", headers=desk.agent.headers, json={
        "window_start": "2026-11-23T14:00:00+08:00", "window_end": "2026-11-23T16:00:00+08:00"})
    assert converted.status_code == 201, converted.json
    ordinary = make_work_order(app, workorders.Status.SCHEDULED)

    found, statements = _read(app, workorders.work_orders_of_day, DAY, SHANGHAI, PLANNED)

    by_id = {w.id: w for w in found}
    repeat = by_id[converted.json["id"]]
    assert (repeat.repeat_of_work_order_id, repeat.preferred_engineer_id) == (first, desk.staff.a_id)
    assert (by_id[ordinary].repeat_of_work_order_id, by_id[ordinary].preferred_engineer_id) == (None, None)
    assert statements == 3
    assert workorders.preferred_engineer(repeat, {desk.staff.a_id: {"locks": 1}, 99: {"locks": 3}}) \
        == desk.staff.a_id
