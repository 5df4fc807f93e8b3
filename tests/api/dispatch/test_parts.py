"""Parts decide who may take a job: the van's stock, or its supplying warehouse's; publishing
reserves them there, and the warehouse's pick lists follow the published routes exactly."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from spareparts.reservations.models import PickList, Reservation, ReservationStatus
from tests.support.dispatch import job, local, on_shift_engineer, plan, reasons, routed
from tests.support.spareparts import (
    available_at,
    books_balance,
    make_part,
    make_van,
    make_warehouse,
    put_stock,
)
from tests.support.users import LoggedIn


def _active_reservations(app: Flask) -> list[Reservation]:
    with app.extensions["fixroute"].session_factory() as session:
        return list(session.scalars(select(Reservation).where(Reservation.status == ReservationStatus.ACTIVE)
                                    .order_by(Reservation.id)))


def test_a_job_goes_only_to_an_engineer_who_can_get_its_part(app: Flask, client: FlaskClient,
                                                              office: LoggedIn) -> None:
    make_warehouse(app, "WH-FT", lat=22.54, lon=114.06)
    make_part(app, "LK-MOTOR")
    near = on_shift_engineer(app, name="Near", home_lat=22.541, home_lon=114.051)
    far = on_shift_engineer(app, name="Far", home_lat=22.62, home_lon=114.12)
    make_van(app, near, "Near")
    far_van = make_van(app, far, "Far")
    put_stock(app, far_van, "LK-MOTOR", 1)
    motor_job = job(app, parts={"LK-MOTOR": 1}, start=local(10))

    body = plan(client, office.headers)

    assert routed(body) == {motor_job: far}


def test_a_part_no_reachable_stock_holds_is_parts_unavailable(app: Flask, client: FlaskClient,
                                                               office: LoggedIn) -> None:
    make_warehouse(app, "WH-FT")
    make_part(app, "LK-MOTOR")
    make_part(app, "CAM-LENS")
    engineer = on_shift_engineer(app)
    make_van(app, engineer)
    lens_job = job(app, parts={"CAM-LENS": 1}, start=local(10))
    free_job = job(app, start=local(14))

    body = plan(client, office.headers)

    assert routed(body) == {free_job: engineer}
    assert reasons(body) == {lens_job: "parts-unavailable"}


def test_publishing_reserves_at_the_van_or_the_warehouse_and_pick_lists_match_the_routes(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    warehouse = make_warehouse(app, "WH-FT")
    make_part(app, "LK-MOTOR")
    make_part(app, "LK-PAD")
    li = on_shift_engineer(app, name="Li Wei")
    van = make_van(app, li, "Li Wei")
    put_stock(app, van, "LK-MOTOR", 1)
    put_stock(app, warehouse, "LK-PAD", 5)
    from_van = job(app, parts={"LK-MOTOR": 1}, start=local(9))
    from_warehouse = job(app, lat=22.55, parts={"LK-PAD": 2}, start=local(14))

    body = plan(client, office.headers)
    assert routed(body) == {from_van: li, from_warehouse: li}
    published = client.post(f"/api/v1/plans/{body['id']}/publish", headers=office.headers).get_json()

    assert published["reservations"] == 2
    held = {(r.work_order_id, r.location_id, r.qty, r.engineer_id) for r in _active_reservations(app)}
    assert held == {(from_van, van, 1, li), (from_warehouse, warehouse, 2, li)}
    assert _pick_lines(app) == {(warehouse, li, from_warehouse, 2)}
    assert available_at(app, van, "LK-MOTOR") == 0 and available_at(app, warehouse, "LK-PAD") == 3
    assert books_balance(app)


def _pick_lines(app: Flask) -> set[tuple[int, int, int, int]]:
    with app.extensions["fixroute"].session_factory() as session:
        rows = session.execute(select(PickList.warehouse_id, PickList.engineer_id, Reservation.work_order_id,
                                      Reservation.qty)
                               .join(Reservation, Reservation.pick_list_id == PickList.id)
                               .where(Reservation.status == ReservationStatus.ACTIVE))
        return set(rows)


def test_a_job_moved_to_another_engineer_moves_its_reservation_and_a_dropped_one_releases_it(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    warehouse = make_warehouse(app, "WH-FT")
    make_part(app, "LK-PAD")
    put_stock(app, warehouse, "LK-PAD", 5)
    li = on_shift_engineer(app, name="Li Wei")
    wang = on_shift_engineer(app, name="Wang Fang", home_lat=22.6)
    make_van(app, li), make_van(app, wang)
    pad_job = job(app, parts={"LK-PAD": 1}, start=local(10))
    first = plan(client, office.headers)
    client.post(f"/api/v1/plans/{first['id']}/publish", headers=office.headers)
    holder = routed(first)[pad_job]
    other = wang if holder == li else li
    client.post(f"/api/v1/plans/{first['id']}/pins", json={"work_order_id": pad_job, "engineer_id": other},
                headers=office.headers)

    second = plan(client, office.headers)
    moved = client.post(f"/api/v1/plans/{second['id']}/publish", headers=office.headers).get_json()

    assert [m["work_order_id"] for m in moved["diff"]["moved"]] == [pad_job]
    assert [(r.work_order_id, r.engineer_id) for r in _active_reservations(app)] == [(pad_job, other)]
    assert _pick_lines(app) == {(warehouse, other, pad_job, 1)}
    assert available_at(app, warehouse, "LK-PAD") == 4
    assert books_balance(app)
    assert moved["notices"] == 1  # the customer hears of the new engineer, once


def test_one_van_unit_goes_to_one_of_two_jobs_and_the_other_is_explained(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    make_warehouse(app, "WH-FT")
    make_part(app, "LK-MOTOR")
    li = on_shift_engineer(app)
    put_stock(app, make_van(app, li), "LK-MOTOR", 1)
    first, second = job(app, parts={"LK-MOTOR": 1}, start=local(9)), \
        job(app, lat=22.55, parts={"LK-MOTOR": 1}, start=local(14))

    body = plan(client, office.headers)

    assert len(routed(body)) == 1 and set(routed(body)) | set(reasons(body)) == {first, second}
    assert list(reasons(body).values()) == ["parts-unavailable"]
    published = client.post(f"/api/v1/plans/{body['id']}/publish", headers=office.headers)
    assert published.status_code == 200 and published.get_json()["reservations"] == 1


def test_a_job_keeps_its_engineer_and_reservation_when_the_day_is_planned_again(
        app: Flask, client: FlaskClient, office: LoggedIn) -> None:
    make_warehouse(app, "WH-FT")
    make_part(app, "LK-MOTOR")
    li = on_shift_engineer(app)
    van = make_van(app, li)
    put_stock(app, van, "LK-MOTOR", 1)
    motor_job = job(app, parts={"LK-MOTOR": 1}, start=local(10))
    first = plan(client, office.headers)
    client.post(f"/api/v1/plans/{first['id']}/publish", headers=office.headers)
    assert available_at(app, van, "LK-MOTOR") == 0

    again = plan(client, office.headers)  # the van's only unit is this job's own reservation

    assert routed(again) == {motor_job: li}
    published = client.post(f"/api/v1/plans/{again['id']}/publish", headers=office.headers).get_json()
    assert published["reservations"] == 0 and published["diff"]["unchanged"] == 1
    assert [(r.work_order_id, r.location_id) for r in _active_reservations(app)] == [(motor_job, van)]
