"""The parts catalog: one row per SKU, with CSV import and export for the warehouse's spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import or_, select

from core.db import SelectCollection, UnitOfWork
from core.errors import FieldError, InvalidInput
from spareparts.catalog.models import Part
from spareparts.errors import DuplicateSku, PartNotFound, UnknownPart

CSV_COLUMNS = ("sku", "name", "compatible_models", "unit_cost", "price", "serialized", "returnable",
               "reorder_point", "active")
MAX_IMPORT_ROWS = 5000
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}
LARGEST_ID = 2**31 - 1


def get_part(uow: UnitOfWork, part_id: int) -> Part:
    part = uow.session.get(Part, part_id) if 0 < part_id <= LARGEST_ID else None
    if part is None:
        raise PartNotFound(f"No part {part_id}.")
    return part


def find_part(uow: UnitOfWork, sku: str) -> Part | None:
    return uow.session.scalar(select(Part).where(Part.sku == sku))


def part_by_sku(uow: UnitOfWork, sku: str, field: str = "sku") -> Part:
    part = find_part(uow, sku)
    if part is None:
        raise UnknownPart(sku, field)
    return part


def known_skus(uow: UnitOfWork, skus: Collection[str]) -> frozenset[str]:
    """Those of these SKUs that are in the catalog (work orders ask before they name a part)."""
    if not skus:
        return frozenset()
    return frozenset(uow.session.scalars(select(Part.sku).where(Part.sku.in_(list(skus)))))


def list_parts(uow: UnitOfWork, filters: dict[str, Any]) -> SelectCollection:
    stmt = select(Part).order_by(Part.sku)
    if filters.get("q"):
        pattern = f"%{filters['q']}%"
        stmt = stmt.where(or_(Part.sku.ilike(pattern), Part.name.ilike(pattern)))
    for name in ("serialized", "returnable", "active"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(Part, name).is_(filters[name]))
    if filters.get("sku"):
        stmt = stmt.where(Part.sku == filters["sku"])
    return SelectCollection(uow.session, stmt)


def create_part(uow: UnitOfWork, fields: dict[str, Any]) -> Part:
    if find_part(uow, fields["sku"]) is not None:
        raise DuplicateSku(f"SKU {fields['sku']} is already in the catalog.")
    part = Part(**_defaults() | fields, created_at=uow.now())
    uow.session.add(part)
    uow.session.flush()
    return part


def update_part(uow: UnitOfWork, part_id: int, changes: dict[str, Any]) -> Part:
    """The SKU is the part's name in every ledger entry, so it never changes."""
    part = get_part(uow, part_id)
    for name, value in changes.items():
        setattr(part, name, value)
    uow.session.flush()
    return part


def _defaults() -> dict[str, Any]:
    return {"compatible_models": [], "unit_cost_cents": 0, "price_cents": 0, "serialized": False,
            "returnable": False, "reorder_point": 0, "active": True}


# --- CSV -----------------------------------------------------------------------------------


def export_csv(uow: UnitOfWork) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for part in uow.session.scalars(select(Part).order_by(Part.sku)):
        writer.writerow([part.sku, part.name, "|".join(part.compatible_models), _money(part.unit_cost_cents),
                         _money(part.price_cents), _flag(part.serialized), _flag(part.returnable),
                         part.reorder_point, _flag(part.active)])
    return out.getvalue()


def import_csv(uow: UnitOfWork, text: str) -> dict[str, int]:
    """Creates new SKUs and updates known ones; one bad row refuses the whole file (nothing written).

    Every error found is reported with its line number, so the clerk fixes the sheet in one go.
    """
    rows = _read_rows(text)
    parsed, errors = [], []
    for line_number, row in rows:
        try:
            parsed.append(_parse_row(row))
        except ValueError as problem:
            errors.append(FieldError(f"line {line_number}", str(problem)))
    skus = [p["sku"] for p in parsed]
    errors.extend(FieldError("sku", f"{s} appears more than once.") for s in sorted(_duplicates(skus)))
    if errors:
        raise InvalidInput("The CSV has invalid rows; nothing was imported.", errors[:50])
    created = updated = 0
    for fields in parsed:
        existing = find_part(uow, fields["sku"])
        if existing is None:
            uow.session.add(Part(**fields, created_at=uow.now()))
            created += 1
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            updated += 1
    uow.session.flush()
    return {"created": created, "updated": updated}


def _read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    if "\x00" in text:
        raise InvalidInput("The CSV is not text.", [FieldError("body", "Contains NUL characters.")])
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("sku", "name") if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput("The CSV needs a header row.",
                           [FieldError("body", "Missing columns: " + ", ".join(missing) + ".")])
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
            if len(rows) > MAX_IMPORT_ROWS:
                raise InvalidInput("Too many rows.", [FieldError("body", f"At most {MAX_IMPORT_ROWS}.")])
    except csv.Error as problem:
        raise InvalidInput("The CSV cannot be read.", [FieldError("body", str(problem))]) from problem
    return rows


def _parse_row(row: dict[str, Any]) -> dict[str, Any]:
    if None in row:
        raise ValueError("More cells than columns.")
    sku, name = (row.get("sku") or "").strip(), (row.get("name") or "").strip()
    if not sku or len(sku) > 64 or not sku.isprintable():
        raise ValueError("sku: 1 to 64 printable characters.")
    if not name or len(name) > 200 or not name.isprintable():
        raise ValueError("name: 1 to 200 printable characters.")
    models = [m.strip() for m in (row.get("compatible_models") or "").split("|") if m.strip()]
    return {"sku": sku, "name": name, "compatible_models": models[:50],
            "unit_cost_cents": _cents(row.get("unit_cost"), "unit_cost"),
            "price_cents": _cents(row.get("price"), "price"),
            "serialized": _bool(row.get("serialized"), "serialized"),
            "returnable": _bool(row.get("returnable"), "returnable"),
            "reorder_point": _count(row.get("reorder_point"), "reorder_point"),
            "active": _bool(row.get("active") or "true", "active")}


def _cents(raw: str | None, name: str) -> int:
    try:
        amount = Decimal((raw or "0").strip())
    except InvalidOperation:
        raise ValueError(f"{name}: a price like 12.50.") from None
    whole_cents = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    if not whole_cents or amount < 0 or amount >= 10_000_000:
        raise ValueError(f"{name}: a price from 0 with at most two decimals.")
    return int(amount * 100)


def _bool(raw: str | None, name: str) -> bool:
    word = (raw or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}: true or false.")


def _count(raw: str | None, name: str) -> int:
    text = (raw or "0").strip()
    if not text.isascii() or not text.isdigit() or int(text) > 1_000_000:
        raise ValueError(f"{name}: a whole number from 0.")
    return int(text)


def _money(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _duplicates(values: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    return {v for v in values if v in seen or seen.add(v)}  # type: ignore[func-returns-value]
