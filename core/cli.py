"""``flask users create`` and ``flask db upgrade``."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask.cli import AppGroup

from core.auth import Role, create_user
from core.db import unit_of_work
from core.errors import DomainError
from core.web import runtime

ROOT = Path(__file__).resolve().parent.parent
users_cli = AppGroup("users", help="Manage users.")
db_cli = AppGroup("db", help="Manage the database schema.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--engineer-id", type=int, default=None, help="The engineer an engineer user is.")
@click.password_option()
def create_user_command(username: str, role: str, engineer_id: int | None, password: str) -> None:
    rt = runtime()
    try:
        with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
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
    upgrade_database(runtime().settings["DATABASE_URL"], revision)
    click.echo("database is at the newest schema")
