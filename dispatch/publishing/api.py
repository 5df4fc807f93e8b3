"""HTTP view for publishing a finished plan: the day's work orders, parts and customers follow it."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from core.auth import Role
from core.web import current_actor, current_uow, roles
from dispatch.planning.models import Plan
from dispatch.planning.snapshot import PlanningDay, load
from dispatch.publishing import schemas
from dispatch.publishing.service import publish_plan

blp = Blueprint("publishing", __name__)

OFFICE = Role.DISPATCHER  # admin passes every role check


@blp.route("/plans/<int:plan_id>/publish", methods=["POST"])
@blp.response(200, schemas.PublishOut)
@roles(OFFICE)
def post_publish(plan_id: int) -> Any:
    result = publish_plan(current_uow(), current_actor(), plan_id)
    return {"plan": result.plan, "already_published": result.already_published, "notices": result.notices,
            "reservations": len(result.reservations), "diff": result.diff.as_dict(_day_of(result.plan))}


def _day_of(plan: Plan) -> PlanningDay | None:
    return load(plan.problem_json, plan.matrices) if plan.problem_json else None
