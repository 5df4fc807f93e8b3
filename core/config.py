"""Settings: defaults in code, then ``FIXROUTE_*`` environment variables, then test overrides.

Services never read the Flask config; ``app.py`` hands them the values they need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": f"sqlite:///{INSTANCE_DIR / 'fixroute.db'}",
    "REDIS_URL": None,
    "TIMEZONE": "Asia/Shanghai",
    "TOKEN_TTL_S": 12 * 3600,
    "LOGIN_FAILURE_LIMIT": "5 per 15 minutes",
    "PASSWORD_TIME_COST": 2,
    "PASSWORD_MEMORY_KIB": 19 * 1024,
    "IDEMPOTENCY_TTL_S": 24 * 3600,
    "PER_PAGE_DEFAULT": 20,
    "PER_PAGE_MAX": 100,
    "FAULTY_RETURN_DUE_DAYS": 7,
    # Planning: how a plan is solved off the request thread, and how hard.
    "PLAN_RUNNER": "subprocess",  # "subprocess" (a worker process per run) or "inline" (tests, CLI)
    "PLAN_TIME_LIMIT_S": 30.0,
    "PLAN_MAX_TIME_LIMIT_S": 600.0,
    "PLAN_WORKERS": 2,  # parallel searches inside one run (one per core)
    "PLAN_SOLUTION_LIMIT": None,  # set in tests: a repeatable run
    "PLAN_SEED": 1,
    "TRAVEL_DETOUR_FACTOR": 1.3,
    "TRAVEL_SPEED_KMH": 25.0,
    "SCHEDULER_PLAN_AT": "20:00",  # local time each evening the scheduler plans tomorrow
    "NOTICE_SENDER": "log",
    # Languages and the pages: zh_CN or en where neither the user nor the browser chose.
    "DEFAULT_LOCALE": "zh_CN",
    "MAP_TILES_URL": "",  # a tile server's {z}/{x}/{y} URL; empty: the maps draw the bundled districts
}


def settings_from(mapping: Any) -> dict[str, Any]:
    """The known settings picked out of a Flask config (or any mapping)."""
    return {key: mapping.get(key, default) for key, default in DEFAULTS.items()}


# The OpenAPI document's frame (flask-smorest reads these from the Flask config).
API_SPEC = {
    "API_TITLE": "Fixroute",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": "Field-service dispatch: work orders, engineers, parts, plans."},
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    },
}
