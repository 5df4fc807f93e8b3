"""Composition root: builds the Flask app from the packages and wires them together.

Nothing imports this module; it imports everything. Each package brings its blueprint, its
commands (``cli.py``) and its scheduled jobs (``jobs.py``); here they are only assembled,
and the packages' events and readers are connected (they never import each other).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from core.auth import LoginThrottle, password_hasher
from core.clock import SystemClock
from core.config import API_SPEC, DEFAULTS, settings_from
from core.db import make_engine, make_session_factory
from core.events import EventBus
from core.i18n import install_i18n
from core.pages import pages, register_installable_page
from core.readers import Readers
from core.runtime import Runtime
from core.web import FixrouteApi, install

STATIC = Path(__file__).resolve().parent / "static"


def create_app(overrides: dict[str, Any] | None = None, clock: Any = None) -> Flask:
    app = Flask(__name__, static_folder="static", static_url_path="/static")
    app.config.update(DEFAULTS)
    app.config.update(API_SPEC)
    app.config.from_prefixed_env("FIXROUTE")
    app.config.update(overrides or {})
    rt = build_runtime(settings_from(app.config), clock or SystemClock())
    app.extensions["fixroute"] = rt
    install(app)
    install_i18n(app)
    api = FixrouteApi(app)
    for blueprint in _blueprints():
        api.register_blueprint(blueprint)
    app.register_blueprint(pages)
    register_installable_page(app, "engineer", STATIC / "engineer")
    app.extensions["fixroute_plan_runner"] = _plan_runner(rt)
    for command in _commands():
        app.cli.add_command(command)
    return app


def build_runtime(settings: dict[str, Any], clock: Any) -> Runtime:
    engine = make_engine(settings["DATABASE_URL"])
    return Runtime(
        engine=engine,
        session_factory=make_session_factory(engine),
        bus=wire_events(EventBus()),
        clock=clock,
        settings=settings,
        hasher=password_hasher(settings["PASSWORD_TIME_COST"], settings["PASSWORD_MEMORY_KIB"]),
        throttle=LoginThrottle(settings["LOGIN_FAILURE_LIMIT"], settings["REDIS_URL"]),
        readers=provide_readers(Readers()),
        jobs=timetable(settings),
    )


def _plan_runner(rt: Runtime) -> Any:
    """Plans are solved off the request: in a worker process per run, or inline (tests, CLI)."""
    from dispatch.runs import InlineRunner, SubprocessRunner

    if rt.settings["PLAN_RUNNER"] == "inline":
        return InlineRunner(rt.unit_of_work)
    return SubprocessRunner(rt.settings)


def load_models() -> None:
    """Imports every package's models so the one metadata knows every table."""
    import core.auth  # noqa: F401
    import core.idempotency  # noqa: F401
    import dispatch.models  # noqa: F401
    import engineers.models  # noqa: F401
    import spareparts.catalog.models  # noqa: F401
    import spareparts.ledger.models  # noqa: F401 - with the ledger table's append-only trigger
    import spareparts.locations.models  # noqa: F401
    import spareparts.reservations.models  # noqa: F401
    import spareparts.returns.models  # noqa: F401
    import workorders.models  # noqa: F401


def wire_events(bus: EventBus) -> EventBus:
    """Routes each package's events to the handlers of the packages that react to them."""
    load_models()
    from engineers.events import EngineerCreated
    from spareparts import handlers as spareparts_handlers
    from spareparts.events import FaultyPartCollected
    from workorders import handlers as workorders_handlers
    from workorders.events import PartUsedRecorded, WorkOrderCancelled

    bus.subscribe(EngineerCreated, spareparts_handlers.on_engineer_created)
    bus.subscribe(WorkOrderCancelled, spareparts_handlers.on_work_order_cancelled)
    bus.subscribe(PartUsedRecorded, spareparts_handlers.on_part_used)
    bus.subscribe(FaultyPartCollected, workorders_handlers.on_faulty_part_collected)
    return bus


def provide_readers(readers: Readers) -> Readers:
    """Gives each package the facts it reads from another, through the owner's public face."""
    import engineers
    import workorders

    readers.provide(workorders.EngineerNames, engineers.engineer_names)
    readers.provide(workorders.KnownEngineers, engineers.known_engineer_ids)
    readers.provide(workorders.DeskDueTimes, workorders.StandardDueTimes())  # until a tier policy
    return readers


def timetable(settings: dict[str, Any]) -> list[Any]:
    from core import jobs as core_jobs
    from dispatch import jobs as dispatch_jobs
    from spareparts import jobs as spareparts_jobs
    from workorders import jobs as workorders_jobs

    return [*core_jobs.scheduled(settings), *dispatch_jobs.scheduled(settings),
            *spareparts_jobs.scheduled(settings), *workorders_jobs.scheduled(settings)]


def _blueprints() -> list[Any]:
    from core import auth_api
    from dispatch import api as dispatch_api
    from engineers import api as engineers_api
    from spareparts import api as spareparts_api
    from workorders import api as workorders_api

    return [auth_api.blp, workorders_api.blp, engineers_api.blp, spareparts_api.blp, dispatch_api.blp]


def _commands() -> list[Any]:
    from core import cli as core_cli
    from demo import cli as demo_cli
    from dispatch import cli as dispatch_cli
    from spareparts import cli as spareparts_cli

    return [*core_cli.commands, *demo_cli.commands, *dispatch_cli.commands, *spareparts_cli.commands]
