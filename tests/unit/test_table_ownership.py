"""No package names another package's table (STYLE §2): facts cross packages in events or
through a port that ``app.py`` provides, and a foreign key is the only place another
package's table is named. Migrations move data across packages and are left out.

``core_`` tables are core's and every package may read them (the user behind a token).
"""

from __future__ import annotations

import re
from pathlib import Path

from app import load_models
from core.db import Base

ROOT = Path(__file__).resolve().parents[2]
OWNERS = {"wo_": "workorders", "en_": "engineers", "sp_": "spareparts", "dp_": "dispatch",
          "nt_": "notifications"}
SCANNED = ["workorders", "engineers", "spareparts", "dispatch", "notifications", "core"]
FOREIGN_KEY = re.compile(r"ForeignKey\(\s*([\"'])[^\"']*\1")
TABLE_LITERAL = re.compile(r"\btable\(\s*[\"']([a-z0-9_]+)[\"']")
PREFIXED = re.compile(r"(?<![A-Za-z0-9_])((?:wo|en|sp|dp|nt)_[a-z0-9_]+)")


def _table_names() -> set[str]:
    load_models()
    return set(Base.metadata.tables)


def _owner(table: str) -> str:
    return OWNERS[table[:3]]


def _foreign_tables_named(package: str, source: str, tables: set[str]) -> set[str]:
    """Table names of other packages in ``source`` once its foreign-key declarations are taken
    out: any known table, and any name a ``table("…")`` construct spells (known or not)."""
    source = FOREIGN_KEY.sub("ForeignKey(", source)
    named = {name for name in PREFIXED.findall(source) if name in tables}
    named |= {name for name in TABLE_LITERAL.findall(source) if name[:3] in OWNERS}
    return {name for name in named if _owner(name) != package}


def offences() -> list[str]:
    tables = _table_names()
    found = []
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in sorted(_foreign_tables_named(package, path.read_text(), tables)):
                found.append(f"{path.relative_to(ROOT)} names {name}, a table of {_owner(name)}")
    return found


def test_no_package_names_another_packages_table() -> None:
    assert offences() == []


def test_the_scan_sees_a_foreign_table_but_not_a_foreign_key() -> None:
    tables = {"wo_work_order", "sp_part"}
    assert _foreign_tables_named("spareparts", 'x = table("wo_work_order", column("id"))', tables) \
        == {"wo_work_order"}
    assert _foreign_tables_named("spareparts", 'text("SELECT number FROM wo_work_order")', tables) \
        == {"wo_work_order"}
    declared = 'work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"))'
    assert _foreign_tables_named("spareparts", declared, tables) == set()
    assert _foreign_tables_named("workorders", 'EN_ROUTE = "en_route"', tables) == set()
    assert _foreign_tables_named("spareparts", 'table("sp_part")', tables) == set()
