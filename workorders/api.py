"""The work-order package's HTTP face: one blueprint under ``/api/v1`` (one OpenAPI tag,
"workorders") that nests its aggregates' blueprints, so each sub-package keeps its own views."""

from __future__ import annotations

from flask_smorest import Blueprint

from workorders.complaints.api import blp as complaints_blp
from workorders.customers.api import blp as customers_blp
from workorders.desk.api import blp as desk_blp
from workorders.orders.api import blp as orders_blp
from workorders.requests.api import blp as requests_blp

blp = Blueprint("workorders", __name__, url_prefix="/api/v1",
                description="Customers, service requests, work orders and their lifecycle; the service "
                            "desk and complaint cases")
for nested in (customers_blp, requests_blp, orders_blp, complaints_blp, desk_blp):
    blp.register_blueprint(nested)
