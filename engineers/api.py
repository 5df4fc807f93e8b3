"""HTTP views for engineers. (Skeleton.)"""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("engineers", __name__, url_prefix="/api/v1", description="engineers")
