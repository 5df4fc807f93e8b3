"""Composition root: builds the Flask app from the packages and wires their events.

Nothing imports this module; it imports everything.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from flask import Flask, Response, redirect, send_from_directory
from flask.cli import AppGroup, with_appcontext
from markupsafe import escape

from core.auth import LoginThrottle, password_hasher
from core.clock import SystemClock, local_date
from core.config import DEFAULTS, settings_from
from core.db import make_engine, make_session_factory, unit_of_work
from core.errors import DomainError
from core.events import EventBus
from core.web import FixrouteApi, Runtime, install, runtime

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


def create_app(overrides: dict[str, Any] | None = None, clock: Any = None) -> Flask:
    app = Flask(__name__, static_folder="static", static_url_path="/static")
    app.config.update(DEFAULTS)
    app.config.update(API_SPEC)
    app.config.from_prefixed_env("FIXROUTE")
    app.config.update(overrides or {})
    app.extensions["fixroute"] = _runtime(settings_from(app.config), clock or SystemClock())
    install(app)
    api = FixrouteApi(app)
    for blueprint in _blueprints():
        api.register_blueprint(blueprint)
    app.add_url_rule("/", "index", lambda: app.send_static_file("index.html"))
    app.extensions["fixroute_plan_runner"] = _plan_runner(app.extensions["fixroute"])
    _register_engineer_page(app)
    _register_cli(app)
    return app


def _plan_runner(rt: Runtime) -> Any:
    """Plans are solved off the request: in a worker process per run, or inline (tests, CLI)."""
    from dispatch.runs import InlineRunner, SubprocessRunner

    if rt.settings["PLAN_RUNNER"] == "inline":
        return InlineRunner(_uow_factory(rt))
    return SubprocessRunner(rt.settings)


def _uow_factory(rt: Runtime) -> Any:
    return partial(unit_of_work, rt.session_factory, rt.bus, rt.clock, rt.settings)


def _runtime(settings: dict[str, Any], clock: Any) -> Runtime:
    engine = make_engine(settings["DATABASE_URL"])
    return Runtime(
        engine=engine,
        session_factory=make_session_factory(engine),
        bus=wire_events(EventBus()),
        clock=clock,
        settings=settings,
        hasher=password_hasher(settings["PASSWORD_TIME_COST"], settings["PASSWORD_MEMORY_KIB"]),
        throttle=LoginThrottle(settings["LOGIN_FAILURE_LIMIT"], settings["REDIS_URL"]),
    )


def load_models() -> None:
    """Imports every package's models so the one metadata knows every table."""
    import core.auth  # noqa: F401
    import core.idempotency  # noqa: F401
    import dispatch.models  # noqa: F401
    import engineers.models  # noqa: F401
    import spareparts.ledger  # noqa: F401 - the ledger table's append-only trigger
    import spareparts.models  # noqa: F401
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


def _blueprints() -> list[Any]:
    from core import auth_api
    from dispatch import api as dispatch_api
    from engineers import api as engineers_api
    from spareparts import api as spareparts_api
    from workorders import api as workorders_api

    return [auth_api.blp, workorders_api.blp, engineers_api.blp, spareparts_api.blp, dispatch_api.blp]


ENGINEER_DIR = Path(__file__).resolve().parent / "static" / "engineer"


def _shell_version() -> str:
    """A digest of every file of the engineer page: the service worker's bytes change with it,
    so a deploy reaches phones that have the old shell cached."""
    digest = hashlib.sha256()
    for path in sorted(p for p in ENGINEER_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(ENGINEER_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _register_engineer_page(app: Flask) -> None:
    """The engineer's phone app at /engineer/: a static shell that talks only to the JSON API.

    The service worker lives at /engineer/sw.js, so its default scope is the whole app.
    """
    timezone = app.config["TIMEZONE"]

    def page() -> Response:
        html = (ENGINEER_DIR / "index.html").read_text(encoding="utf-8")
        response = Response(html.replace("__FIXROUTE_TIMEZONE__", escape(timezone)), mimetype="text/html")
        response.headers["Cache-Control"] = "no-cache"
        return response

    def service_worker() -> Response:
        script = (ENGINEER_DIR / "sw.js").read_text(encoding="utf-8")
        response = Response(script.replace("__SHELL_VERSION__", _shell_version()),
                            mimetype="text/javascript")
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Service-Worker-Allowed"] = "/engineer/"
        return response

    def asset(filename: str) -> Response:
        response = send_from_directory(ENGINEER_DIR, filename, max_age=0)
        if filename.endswith(".webmanifest"):
            response.mimetype = "application/manifest+json"
        return response

    app.add_url_rule("/engineer", "engineer_redirect", lambda: redirect("/engineer/", 308))
    app.add_url_rule("/engineer/", "engineer_page", page)
    app.add_url_rule("/engineer/index.html", "engineer_index", page)
    app.add_url_rule("/engineer/sw.js", "engineer_service_worker", service_worker)
    app.add_url_rule("/engineer/<path:filename>", "engineer_asset", asset)


def _register_cli(app: Flask) -> None:
    from core.cli import db_cli, users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(stock_cli)
    app.cli.add_command(plan_command)
    app.cli.add_command(scheduler_cli)


demo_cli = AppGroup("demo", help="The demo company.")


@demo_cli.command("seed")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The service day to fill with requests (default: tomorrow).")
@click.option("--seed", "seed", type=int, default=7, help="Random seed; the same seed, the same company.")
def seed_demo_command(day: Any, seed: int) -> None:
    """Seeds the demo company (once) and prints the logins."""
    from demo.seed import seed_demo

    rt = runtime()
    tz = ZoneInfo(rt.settings["TIMEZONE"])
    service_day = day.date() if day else local_date(rt.clock.now(), tz) + timedelta(days=1)
    with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
        summary = seed_demo(uow, rt.hasher, service_day, seed=seed)
    if summary.created:
        click.echo(f"Seeded the demo company for {summary.day}: {summary.counts}")
    else:
        click.echo("The demo company is already there.")
    click.echo("Logins (username / password / role):")
    for username, password, role in summary.logins:
        click.echo(f"  {username:<12} {password:<18} {role}")


@click.command("plan")
@with_appcontext
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]), required=False)
@click.option("--publish", is_flag=True, help="Publish the plan once solved.")
@click.option("--time-limit", "time_limit_s", type=float, default=None, help="Search time in seconds.")
@click.option("--territory", default=None, help="Only this territory.")
@click.option("--as", "username", default=None,
              help="The dispatcher publishing (default: the first dispatcher or admin).")
def plan_command(day: Any, publish: bool, time_limit_s: float | None, territory: str | None,
                 username: str | None) -> None:
    """Plans DAY (default: tomorrow) here, not in a worker, and with --publish publishes it."""
    from dispatch.cli import plan_day

    rt = runtime()
    service_day = day.date() if day else local_date(rt.clock.now(), ZoneInfo(rt.settings["TIMEZONE"])) \
        + timedelta(days=1)
    try:
        for line in plan_day(_uow_factory(rt), service_day, time_limit_s, territory, publish, username):
            click.echo(line)
    except LookupError as missing:
        raise click.ClickException(str(missing)) from missing
    except DomainError as refusal:
        raise click.ClickException(refusal.detail) from refusal


scheduler_cli = AppGroup("scheduler", help="The scheduler process (nightly planning, notices).")


@scheduler_cli.command("run")
def scheduler_run_command() -> None:
    """Runs the scheduled jobs until stopped; start exactly one per installation."""
    from dispatch.runs import InlineRunner
    from dispatch.scheduler import build_scheduler, evening_time

    rt = runtime()
    new_uow = _uow_factory(rt)
    scheduler = build_scheduler(new_uow, rt.engine, rt.clock, rt.settings, InlineRunner(new_uow))
    click.echo(f"scheduler: plans tomorrow every evening at {evening_time(rt.settings):%H:%M} "
               f"({rt.settings['TIMEZONE']}); notices every minute")
    scheduler.start()


stock_cli = AppGroup("stock", help="The spare-parts ledger.")


@stock_cli.command("check")
def stock_check_command() -> None:
    """Checks that every balance equals the sum of its ledger entries (exit 1 when not)."""
    from spareparts.stock import check_books

    rt = runtime()
    with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
        report = check_books(uow)
    for mismatch in report["mismatches"]:
        click.echo("MISMATCH location {location_id} part {part_id} {condition}: balance {balance_on_hand} "
                   "(reserved {balance_reserved}), ledger {ledger_on_hand} (reserved {active_reserved}): "
                   "{problem}".format(**mismatch))
    if not report["ok"]:
        raise click.ClickException(f"{len(report['mismatches'])} balance(s) differ from the ledger.")
    click.echo(f"ok: {report['balances_checked']} balances equal their ledger sums")


@stock_cli.command("export-parts")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_parts_command(path: str) -> None:
    """Writes the parts catalog to a CSV file."""
    from spareparts.catalog import export_csv

    rt = runtime()
    with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
        body = export_csv(uow)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(body)
    click.echo(f"wrote {body.count(chr(10)) - 1} part(s) to {path}")


@stock_cli.command("import-parts")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_parts_command(path: str) -> None:
    """Creates and updates parts from a CSV file; any bad row imports nothing."""
    from core.errors import DomainError
    from spareparts.catalog import import_csv

    rt = runtime()
    with open(path, encoding="utf-8") as sheet:
        text = sheet.read()
    try:
        with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
            counts = import_csv(uow, text)
    except DomainError as refusal:
        details = "; ".join(f"{e.field}: {e.detail}" for e in getattr(refusal, "errors", []))
        raise click.ClickException(f"{refusal.detail} {details}".strip()) from refusal
    click.echo(f"created {counts['created']}, updated {counts['updated']}")
