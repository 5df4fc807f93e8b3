"""``flask plan DATE --publish`` and the nightly job: the same round trip without the API."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from core.auth import Role
from core.clock import FixedClock
from core.scheduling import ScheduledJob, run_job
from dispatch.planning.models import Plan, PlanState, RunStatus
from notifications.models import CustomerNotice, NoticeStatus
from tests.support.dispatch import job, local, on_shift_engineer
from tests.support.users import make_user
from workorders import Status
from workorders.orders.models import WorkOrder


def timetable(rt: object) -> dict[str, ScheduledJob]:
    return {job.name: job for job in rt.jobs}  # type: ignore[attr-defined]


def test_flask_plan_with_publish_plans_and_publishes_the_day(app: Flask) -> None:
    make_user(app, Role.DISPATCHER, "dana")
    on_shift_engineer(app)
    planned = job(app, start=local(10))
    hvac = job(app, skill="hvac", start=local(14))

    result = app.test_cli_runner().invoke(args=["plan", "2026-11-23", "--publish", "--time-limit", "1"])

    assert result.exit_code == 0, result.output
    assert "1 of 2 jobs served" in result.output and "no-skilled-engineer: 1" in result.output
    assert "published: 1 added" in result.output
    with app.extensions["fixroute"].session_factory() as session:
        assert session.get(WorkOrder, planned).status is Status.ASSIGNED
        assert session.get(WorkOrder, hvac).status is Status.SCHEDULED


def test_flask_plan_publish_needs_an_office_user(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["plan", "2026-11-23", "--publish", "--time-limit", "1"])
    assert result.exit_code == 1 and "No dispatcher or admin" in result.output


def test_the_nightly_job_plans_tomorrow_once(app: Flask, clock: FixedClock) -> None:
    clock.current = local(20, 0, day=local(0).date())  # 20:00 on 2026-11-22 in Shanghai
    on_shift_engineer(app)
    job(app, start=local(10))
    rt = app.extensions["fixroute"]
    rt.settings["PLAN_TIME_LIMIT_S"] = 1.0

    first = run_job(rt, timetable(rt)["plan-tomorrow"])
    second = run_job(rt, timetable(rt)["plan-tomorrow"])

    assert first is not None and second == first
    with rt.session_factory() as session:
        plans = session.scalars(select(Plan)).all()
        assert [(p.service_date.isoformat(), p.run_status, p.state) for p in plans] == [
            ("2026-11-23", RunStatus.DONE, PlanState.DRAFT)]
        assert plans[0].served == 1


def test_pending_notices_are_sent_once(app: Flask, caplog: object) -> None:
    make_user(app, Role.DISPATCHER, "dana")
    on_shift_engineer(app, name="Li Wei")
    job(app, start=local(10))
    app.test_cli_runner().invoke(args=["plan", "2026-11-23", "--publish", "--time-limit", "1"])
    rt = app.extensions["fixroute"]

    assert run_job(rt, timetable(rt)["send-notices"]) == 1
    assert run_job(rt, timetable(rt)["send-notices"]) == 0
    with rt.session_factory() as session:
        notice = session.scalars(select(CustomerNotice)).one()
        assert notice.status is NoticeStatus.SENT and "Li Wei will come on 2026-11-23 between 10:00" \
            in notice.message
        assert session.scalar(select(func.count()).select_from(CustomerNotice)) == 1


def test_the_scheduler_expires_reservations_of_days_gone_by_once_and_the_books_stay_true(
        app: Flask) -> None:
    from datetime import date

    import spareparts
    from tests.support.spareparts import available_at, make_part, make_warehouse, put_stock, run

    warehouse, work_order = make_warehouse(app), job(app, start=local(10))
    make_part(app, "PT-EXPIRE")
    put_stock(app, warehouse, "PT-EXPIRE", qty=3)
    run(app, lambda uow: spareparts.reserve(uow, None, work_order_id=work_order, sku="PT-EXPIRE",
                                            location_id=warehouse, qty=2, needed_on=date(2026, 11, 1)))
    assert available_at(app, warehouse, "PT-EXPIRE") == 1
    rt = app.extensions["fixroute"]

    expired = run_job(rt, timetable(rt)["expire-reservations"])
    again = run_job(rt, timetable(rt)["expire-reservations"])

    assert (expired, again) == (1, 0)
    assert available_at(app, warehouse, "PT-EXPIRE") == 3
    assert run_job(rt, timetable(rt)["check-stock-books"]) == 0


def test_expired_idempotency_keys_are_purged_by_the_scheduler(app: Flask, clock: FixedClock) -> None:
    from datetime import timedelta

    from core import idempotency

    dana = make_user(app, Role.DISPATCHER, "dana")
    rt = app.extensions["fixroute"]
    with rt.session_factory() as session:
        ttl_s = rt.settings["IDEMPOTENCY_TTL_S"]
        idempotency.claim(session, dana.user_id, "k-1", "print", clock.now(), ttl_s)
        records = select(func.count()).select_from(idempotency.IdempotencyRecord)
        assert session.scalar(records) == 1

    assert run_job(rt, timetable(rt)["purge-idempotency-keys"]) == 0
    clock.current += timedelta(seconds=rt.settings["IDEMPOTENCY_TTL_S"] + 1)
    assert run_job(rt, timetable(rt)["purge-idempotency-keys"]) == 1
