"""``flask demo seed``: the demo company, with the logins printed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import click

from core.cli import CommandGroup, command_runtime
from core.clock import local_date

demo_cli = CommandGroup("demo", help="The demo company.")


@demo_cli.command("seed")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The service day to fill with requests (default: tomorrow).")
@click.option("--seed", "seed", type=int, default=7, help="Random seed; the same seed, the same company.")
def seed_demo_command(day: Any, seed: int) -> None:
    """Seeds the demo company (once) and prints the logins."""
    from demo.seed import seed_demo

    rt = command_runtime()
    tz = ZoneInfo(rt.settings["TIMEZONE"])
    service_day = day.date() if day else local_date(rt.clock.now(), tz) + timedelta(days=1)
    with rt.unit_of_work() as uow:
        summary = seed_demo(uow, rt.hasher, service_day, seed=seed)
    if summary.created:
        click.echo(f"Seeded the demo company for {summary.day}: {summary.counts}")
    else:
        click.echo("The demo company is already there.")
    click.echo("Logins (username / password / role):")
    for username, password, role in summary.logins:
        click.echo(f"  {username:<12} {password:<18} {role}")


commands = [demo_cli]
