"""Builders for engineers (owned by the engineers work; keep every new column defaulted here)."""

from __future__ import annotations

from typing import Any

from core.db import unit_of_work
from engineers.models import Engineer


def make_engineer(app: Any, **overrides: Any) -> int:
    rt = app.extensions["fixroute"]
    with unit_of_work(rt.session_factory, rt.bus, rt.clock, rt.settings) as uow:
        fields = {"name": "Li Wei", "phone": "+86 138 0000 0001", "home_lat": 22.54,
                  "home_lon": 114.06, "created_at": uow.now()} | overrides
        engineer = Engineer(**fields)
        uow.session.add(engineer)
        uow.session.flush()
        return engineer.id
