"""``python -m dispatch.planning.worker PLAN_ID``: one plan run in its own process.

Started by ``SubprocessRunner`` with the web app's settings in ``FIXROUTE_*`` variables, so
the web worker that accepted the request is free again at once. The process is its own
process group: cancelling the plan ends it and the search's forked helper together.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from functools import partial
from typing import Any

from core.clock import SystemClock
from core.config import DEFAULTS
from core.db import make_engine, make_session_factory, unit_of_work
from core.events import EventBus
from dispatch.planning.runs import run_plan, watch_for_cancel


def settings_from_environment(environ: dict[str, str]) -> dict[str, Any]:
    """The same parsing as Flask's ``from_prefixed_env``: JSON where it parses, else text."""
    settings = dict(DEFAULTS)
    for name in DEFAULTS:
        raw = environ.get(f"FIXROUTE_{name}")
        if raw is None:
            continue
        try:
            settings[name] = json.loads(raw)
        except ValueError:
            settings[name] = raw
    return settings


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s plan-worker %(levelname)s %(message)s")
    plan_id = int(argv[1])
    settings = settings_from_environment(dict(os.environ))
    engine = make_engine(settings["DATABASE_URL"])
    factory = make_session_factory(engine)
    new_uow: Any = partial(unit_of_work, factory, EventBus(), SystemClock(), settings)

    def started() -> None:
        watch_for_cancel(new_uow, plan_id, time.monotonic())

    run_plan(new_uow, plan_id, on_started=started)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
