"""HTTP views for parts, stock locations, stock and its ledger, reservations, pick lists and
faulty returns: one blueprint (one OpenAPI tag) holding each sub-package's views.

Warehouse staff do everything here; dispatchers read; an engineer reads their own van's stock
and records parts consumed and faulty parts collected on their own jobs (another engineer's
van or job answers 404). No view shows a customer's phone or address: jobs appear by id and
number only.
"""

from __future__ import annotations

from flask_smorest import Blueprint

from spareparts.catalog import api as catalog
from spareparts.locations import api as locations
from spareparts.reservations import api as reservations
from spareparts.returns import api as returns
from spareparts.stock import api as stock

blp = Blueprint("spareparts", __name__, url_prefix="/api/v1",
                description="Parts, stock locations, the stock ledger, reservations, pick lists, "
                            "faulty returns")
for views in (catalog, locations, stock, reservations, returns):
    blp.register_blueprint(views.blp)
