"""HTTP views for workorders. (Skeleton.)"""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("workorders", __name__, url_prefix="/api/v1", description="workorders")
