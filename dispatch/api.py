"""Dispatch's HTTP face: one blueprint under ``/api/v1`` (one OpenAPI tag, "dispatch") that
nests its sub-packages' blueprints, so each keeps its own views."""

from __future__ import annotations

from flask_smorest import Blueprint

from dispatch.planning.api import blp as planning_blp
from dispatch.publishing.api import blp as publishing_blp

blp = Blueprint("dispatch", __name__, url_prefix="/api/v1",
                description="Plans: solve a day, pin, publish, re-plan today")
for nested in (planning_blp, publishing_blp):
    blp.register_blueprint(nested)
