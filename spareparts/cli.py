"""``flask stock check | export-parts | import-parts``."""

from __future__ import annotations

import click

from core.cli import CommandGroup, command_runtime
from core.errors import DomainError

stock_cli = CommandGroup("stock", help="The spare-parts ledger.")


@stock_cli.command("check")
def stock_check_command() -> None:
    """Checks that every balance equals the sum of its ledger entries (exit 1 when not)."""
    from spareparts.stock.books import check_books

    with command_runtime().unit_of_work() as uow:
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
    from spareparts.catalog.service import export_csv

    with command_runtime().unit_of_work() as uow:
        body = export_csv(uow)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(body)
    click.echo(f"wrote {body.count(chr(10)) - 1} part(s) to {path}")


@stock_cli.command("import-parts")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_parts_command(path: str) -> None:
    """Creates and updates parts from a CSV file; any bad row imports nothing."""
    from spareparts.catalog.service import import_csv

    with open(path, encoding="utf-8") as sheet:
        text = sheet.read()
    try:
        with command_runtime().unit_of_work() as uow:
            counts = import_csv(uow, text)
    except DomainError as refusal:
        details = "; ".join(f"{e.field}: {e.detail}" for e in getattr(refusal, "errors", []))
        raise click.ClickException(f"{refusal.detail} {details}".strip()) from refusal
    click.echo(f"created {counts['created']}, updated {counts['updated']}")


commands = [stock_cli]
