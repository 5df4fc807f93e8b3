"""Layer rules, checked on the source itself as a second line behind import-linter:
nothing imports ``app``, Flask stays in api modules and core, ortools stays in solver.py."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["core", "workorders", "engineers", "spareparts", "dispatch", "notifications", "demo"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _package_files() -> list[Path]:
    return [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")]


def test_nothing_imports_the_composition_root() -> None:
    offenders = [str(p) for p in _package_files() if {"app"} & {n.split(".")[0] for n in _imports(p)}]
    assert offenders == []


def test_flask_is_imported_only_by_api_modules_and_core() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _package_files()
        if path.parts[len(ROOT.parts)] != "core"
        and not path.name.startswith("api")
        and {"flask", "flask_smorest"} & {n.split(".")[0] for n in _imports(path)}
    ]
    assert offenders == []


def test_ortools_is_imported_only_by_the_solver() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _package_files()
        if path.relative_to(ROOT).as_posix() != "dispatch/optimizer/solver.py"
        and "ortools" in {n.split(".")[0] for n in _imports(path)}
    ]
    assert offenders == []
