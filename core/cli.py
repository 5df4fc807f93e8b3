"""The shared commands (``flask users create``, ``flask db upgrade``, ``flask scheduler run``)
and what every package's ``cli.py`` builds its own command group from."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from core.auth import Role, create_user
from core.errors import DomainError
from core.runtime import Runtime
from core.scheduling import build_scheduler, run_job

ROOT = Path(__file__).resolve().parent.parent
CommandGroup = AppGroup  # a click group whose commands run inside the app (a package's ``cli.py``)
in_app = with_appcontext  # the same for a lone top-level command


def command_runtime() -> Runtime:
    """The app's runtime, for a command of any package (they import no Flask)."""
    return current_app.extensions["fixroute"]


users_cli = CommandGroup("users", help="Manage users.")
db_cli = CommandGroup("db", help="Manage the database schema.")
scheduler_cli = CommandGroup("scheduler", help="The scheduler: nightly planning, notices, housekeeping.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--engineer-id", type=int, default=None, help="The engineer an engineer user is.")
@click.password_option()
def create_user_command(username: str, role: str, engineer_id: int | None, password: str) -> None:
    rt = command_runtime()
    try:
        with rt.unit_of_work() as uow:
            user = create_user(uow, rt.hasher, username, password, Role(role), engineer_id)
    except DomainError as refusal:
        raise click.ClickException(refusal.detail) from refusal
    click.echo(f"created user {user.username} ({user.role.value})")


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_database(database_url: str, revision: str = "head") -> None:
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), revision)


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Brings the schema up to date (from empty, too)."""
    upgrade_database(command_runtime().settings["DATABASE_URL"], revision)
    click.echo("database is at the newest schema")


@scheduler_cli.command("run")
def scheduler_run_command() -> None:
    """Runs every package's scheduled jobs until stopped; start exactly one per installation."""
    rt = command_runtime()
    scheduler = build_scheduler(rt.jobs, rt.settings["TIMEZONE"], fire=lambda job: run_job(rt, job))
    for job in rt.jobs:
        when = f"every {job.every_s} s" if job.every_s else ", ".join(f"{k} {v}" for k, v in job.cron.items())
        click.echo(f"scheduler: {job.name}: {when} ({rt.settings['TIMEZONE']})")
    scheduler.start()


commands = [users_cli, db_cli, scheduler_cli]
