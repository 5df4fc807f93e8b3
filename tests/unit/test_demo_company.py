"""The demo company is a Shenzhen company: its data is Chinese and its places lie on the city's map."""

from __future__ import annotations

import json
import re
from pathlib import Path

from demo.company import (
    DISTRICTS,
    ENGINEER_NAMES,
    PARTS_CATALOG,
    PRODUCTS,
    SITE_SPREAD_DEG,
    WAREHOUSES,
)

MAP = Path(__file__).resolve().parents[2] / "static" / "maps" / "shenzhen-districts.geojson"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _outlines() -> dict[str, list[list[list[list[float]]]]]:
    city = json.loads(MAP.read_text(encoding="utf-8"))
    return {f["properties"]["name"]: ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon"
                                      else f["geometry"]["coordinates"]) for f in city["features"]}


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _in_district(polygons: list[list[list[list[float]]]], lat: float, lon: float) -> bool:
    return any(_in_ring(lon, lat, p[0]) and not any(_in_ring(lon, lat, hole) for hole in p[1:])
               for p in polygons)


def test_the_districts_are_shenzhens_ten() -> None:
    assert sorted(d.name for d in DISTRICTS) == sorted(_outlines())


def test_every_neighbourhood_and_the_spread_around_it_lie_inside_its_district() -> None:
    outlines = _outlines()
    steps = (-SITE_SPREAD_DEG, 0, SITE_SPREAD_DEG)
    outside = [(d.name, hood.name, dlat, dlon) for d in DISTRICTS for hood in d.neighbourhoods
               for dlat in steps for dlon in steps
               if not _in_district(outlines[d.name], hood.lat + dlat, hood.lon + dlon)]
    assert outside == []


def test_the_warehouses_stand_in_the_districts_they_are_named_after() -> None:
    outlines = _outlines()
    for _code, name, lat, lon in WAREHOUSES:
        district = next(d for d in outlines if name.startswith(d[:2]))
        assert _in_district(outlines[district], lat, lon), name


def test_names_places_symptoms_and_parts_are_written_in_chinese() -> None:
    texts = [*ENGINEER_NAMES, *(d.name for d in DISTRICTS),
             *(h.name for d in DISTRICTS for h in d.neighbourhoods),
             *(road for d in DISTRICTS for h in d.neighbourhoods for road in h.roads),
             *(p.model for p in PRODUCTS), *(s for p in PRODUCTS for s in p.symptoms),
             *(p.name for p in PARTS_CATALOG), *(name for _, name, _, _ in WAREHOUSES)]
    assert [t for t in texts if not CJK.search(t)] == []
