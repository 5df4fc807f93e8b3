"""Composition root: builds the Flask app from the packages and wires them together.

Nothing imports this module; it imports everything. Each package brings what it has under
the same names — its tables (``models.py``), its blueprint (``api.py``), its commands
(``cli.py``), its scheduled jobs (``jobs.py``) — and here they are only gathered; the
packages' events and readers are connected explicitly, since they never import each other.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask

from core.clock import SystemClock
from core.config import API_SPEC, DEFAULTS, settings_from
from core.events import EventBus
from core.i18n import install_i18n
from core.pages import pages, register_installable_page
from core.readers import Readers
from core.runtime import Runtime
from core.web import FixrouteApi, install

STATIC = Path(__file__).resolve().parent / "static"
PACKAGES = ("core", "workorders", "engineers", "spareparts", "dispatch", "notifications", "demo")


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
    for module in each("api"):
        api.register_blueprint(module.blp)
    app.register_blueprint(pages)
    register_installable_page(app, "engineer", STATIC / "engineer")
    app.extensions["fixroute_plan_runner"] = _plan_runner(rt)
    for command in (command for module in each("cli") for command in module.commands):
        app.cli.add_command(command)
    return app


def build_runtime(settings: dict[str, Any], clock: Any) -> Runtime:
    jobs = [job for module in each("jobs") for job in module.scheduled(settings)]
    return Runtime.build(settings, clock, wire_events(EventBus()), provide_readers(Readers()), jobs)


def _plan_runner(rt: Runtime) -> Any:
    """Plans are solved off the request: in a worker process per run, or inline (tests, CLI)."""
    from dispatch.planning.runs import InlineRunner, SubprocessRunner

    if rt.settings["PLAN_RUNNER"] == "inline":
        return InlineRunner(rt.unit_of_work)
    return SubprocessRunner(rt.settings)


def each(name: str) -> list[ModuleType]:
    """Every package's module of that name, in the order of ``PACKAGES``."""
    return [importlib.import_module(f"{package}.{name}") for package in PACKAGES
            if importlib.util.find_spec(f"{package}.{name}") is not None]


def load_models() -> None:
    """Imports every package's tables so the one metadata knows them all."""
    each("models")


def wire_events(bus: EventBus) -> EventBus:
    """Routes each package's events to the handlers of the packages that react to them."""
    load_models()
    import notifications
    from dispatch import PlanPublished
    from engineers import EngineerCreated
    from spareparts import handlers as spareparts_handlers
    from workorders import PartUsedRecorded, WorkOrderCancelled

    bus.subscribe(EngineerCreated, spareparts_handlers.on_engineer_created)
    bus.subscribe(WorkOrderCancelled, spareparts_handlers.on_work_order_cancelled)
    bus.subscribe(PartUsedRecorded, spareparts_handlers.on_part_used)
    bus.subscribe(PlanPublished, notifications.on_plan_published)
    return bus


def provide_readers(readers: Readers) -> Readers:
    """Gives each package the facts it reads from another, through the owner's public face."""
    import engineers
    import notifications
    import spareparts
    import workorders
    from dispatch import NoticesQueued
    from spareparts import ports as spareparts_ports
    from workorders import ports as workorders_ports

    readers.provide(NoticesQueued, notifications.notices_queued_for_plan)
    readers.provide(workorders_ports.KnownEngineers, engineers.known_engineer_ids)
    readers.provide(workorders_ports.KnownSkus, spareparts.known_skus)
    readers.provide(workorders_ports.FaultyPartsOfWorkOrder, spareparts.faulty_parts_of_work_order)
    readers.provide(spareparts_ports.WorkOrderFactsById, workorders.work_order_facts)
    readers.provide(spareparts_ports.WorkOrderNumbers, workorders.work_order_numbers)
    readers.provide(spareparts_ports.EngineerNames, engineers.engineer_names)
    readers.provide(spareparts_ports.KnownEngineers, engineers.known_engineer_ids)
    readers.provide(workorders_ports.EngineerNames, engineers.engineer_names)
    readers.provide(workorders_ports.DeskDueTimes, workorders_ports.StandardDueTimes())  # until a tier policy
    return readers
