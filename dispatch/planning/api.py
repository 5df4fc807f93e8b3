"""HTTP views for plans: ask for one (202, solved off the request), read it while it runs and
after, cancel it, pin jobs, and re-plan today from where everyone is; an engineer reads their
own published route."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, roles
from dispatch.planning import pins, service
from dispatch.planning import schemas as ps
from dispatch.planning.view import my_published_route, plan_view

blp = Blueprint("planning", __name__)

OFFICE = Role.DISPATCHER  # admin passes every role check


def _accepted(plan_id: int) -> Any:
    """The plan row must be committed before a worker looks for it; then the run is handed off."""
    current_uow().commit()
    current_app.extensions["fixroute_plan_runner"].submit(plan_id)
    location = url_for("dispatch.planning.get_plan", plan_id=plan_id)
    plan = service.get_plan(current_uow(), plan_id)
    return {"id": plan_id, "run_status": plan.run_status, "location": location}, 202, {"Location": location}


@blp.route("/plans", methods=["POST"])
@blp.arguments(ps.PlanIn)
@blp.response(202, ps.AcceptedOut)
@roles(OFFICE)
def post_plan(data: dict[str, Any]) -> Any:
    plan = service.request_plan(current_uow(), current_actor(), data["date"], data.get("time_limit_s"),
                                data.get("territory"))
    return _accepted(plan.id)


@blp.route("/plans/replan", methods=["POST"])
@blp.arguments(ps.ReplanIn)
@blp.response(202, ps.AcceptedOut)
@roles(OFFICE)
def post_replan(data: dict[str, Any]) -> Any:
    plan = service.request_replan(current_uow(), current_actor(), data["date"], data["now"],
                                  data["unavailable_engineers"], data.get("time_limit_s"))
    return _accepted(plan.id)


@blp.route("/plans", methods=["GET"])
@blp.arguments(ps.PlanQuery, location="query", as_kwargs=True)
@blp.response(200, ps.PlanSummaryOut(many=True))
@blp.paginate(Page)
@roles(OFFICE)
def list_plans(**filters: Any) -> Any:
    if "date" in filters:
        filters["service_date"] = filters.pop("date")
    return service.list_plans(current_uow(), filters)


@blp.route("/plans/<int:plan_id>", methods=["GET"])
@blp.response(200, ps.PlanOut)
@roles(OFFICE)
def get_plan(plan_id: int) -> Any:
    uow = current_uow()
    return plan_view(uow, service.get_plan(uow, plan_id))


@blp.route("/plans/<int:plan_id>/cancel", methods=["POST"])
@blp.response(200, ps.PlanSummaryOut)
@roles(OFFICE)
def cancel_plan(plan_id: int) -> Any:
    return service.cancel_plan(current_uow(), plan_id)


@blp.route("/plans/<int:plan_id>/pins", methods=["GET"])
@blp.response(200, ps.PinOut(many=True))
@roles(OFFICE)
def list_pins(plan_id: int) -> Any:
    return pins.list_pins(current_uow(), plan_id)


@blp.route("/plans/<int:plan_id>/pins", methods=["POST"])
@blp.arguments(ps.PinIn)
@blp.response(201, ps.PinOut)
@roles(OFFICE)
def post_pin(data: dict[str, Any], plan_id: int) -> Any:
    return pins.set_pin(current_uow(), current_actor(), plan_id, data["work_order_id"], data["engineer_id"],
                        data.get("start_at"))


@blp.route("/plans/<int:plan_id>/pins/<int:work_order_id>", methods=["DELETE"])
@blp.response(204)
@roles(OFFICE)
def delete_pin(plan_id: int, work_order_id: int) -> Any:
    pins.remove_pin(current_uow(), plan_id, work_order_id)
    return None


@blp.route("/me/plan", methods=["GET"])
@blp.arguments(ps.MyPlanQuery, location="query")
@blp.response(200, ps.MyPlanOut)
@roles(Role.ENGINEER)
def get_my_plan(query: dict[str, Any]) -> Any:
    """The engineer's own published route of the day: ETAs, travel and the break."""
    actor = current_actor()
    if actor.engineer_id is None:
        return {"plan_id": None, "service_date": query["date"], "route": None}
    return my_published_route(current_uow(), actor.engineer_id, query["date"])
