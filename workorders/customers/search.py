"""Finding a customer from what a caller says first: a phone number, a name or a serial.

Each kind of match is one range over an index (``ix_wo_customer_phone_key``,
``ix_wo_customer_name_key``, ``ix_wo_asset_serial``), so a search stays fast however many
customers there are; no ``LIKE '%…%'`` scans.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, or_, select, union

from workorders.customers.models import Asset, Customer, Site, name_key, phone_key

MIN_PHONE_DIGITS = 4  # fewer digits match too many numbers to be a search


def _prefix_range(column: Any, prefix: str) -> Any:
    """``column`` starts with ``prefix``: ``prefix <= column < prefix with its last character
    moved up by one`` (the search keys compare by code point)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (column >= prefix) & (column < upper)


def matching_customer_ids(query: str) -> Select[Any]:
    """Customers whose phone ends with the digits typed (at least four), whose name starts with
    the text typed, or who own an asset whose serial starts with it."""
    text = query.strip()
    if not text:
        return select(Customer.id).where(false())
    serials = {text, text.upper()}
    selects: list[Select[Any]] = [
        select(Site.customer_id).join(Asset, Asset.site_id == Site.id)
        .where(or_(*(_prefix_range(Asset.serial, s) for s in sorted(serials)))),
    ]
    key = name_key(text)
    if key:
        selects.append(select(Customer.id).where(_prefix_range(Customer.name_key, key)))
    digits = phone_key(text)
    if len(digits) >= MIN_PHONE_DIGITS:
        selects.append(select(Customer.id).where(_prefix_range(Customer.phone_key, digits)))
    return select(union(*selects).subquery().c[0])
