"""``flask demo seed``: a believable company for tomorrow, built through the real use cases.

Deterministic for a seed, so every newcomer sees the same company. Seeding twice does
nothing the second time (the demo users are the marker).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from sqlalchemy import select

import engineers
import spareparts
import workorders
from core.auth import Actor, Role, User, create_user
from core.db import UnitOfWork
from demo.company import (
    ACCESS_NOTES,
    DISTRICTS,
    ENGINEER_NAMES,
    ESTATES,
    FAMILY_NAMES,
    GIVEN_NAMES,
    OPENING_STOCK,
    PARTS_CATALOG,
    PRODUCTS,
    REJECTED,
    RESOLVED_REMOTELY,
    SITE_SPREAD_DEG,
    SKILLS,
    VAN_STOCK,
    WAREHOUSES,
    DemoPart,
    District,
    Neighbourhood,
    Product,
)
from spareparts import LocationKind
from workorders import Category, Channel, Tier

OFFICE_LOGINS = {
    "admin": ("admin-demo-1", Role.ADMIN),
    "dispatcher": ("dispatch-demo-1", Role.DISPATCHER),
    "warehouse": ("warehouse-demo-1", Role.WAREHOUSE),
    "agent": ("agent-demo-1", Role.AGENT),
    "supervisor": ("supervisor-demo-1", Role.SUPERVISOR),
}
ENGINEER_PASSWORD = "engineer-demo-1"
CHANNEL_WEIGHTS = {"phone": 35, "web": 20, "app": 25, "wechat": 15, "email": 5}
WINDOW_STARTS = (time(9), time(10), time(11), time(13), time(14), time(15))


@dataclass
class SeedSummary:
    created: bool
    day: date
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def seed_demo(uow: UnitOfWork, hasher: PasswordHasher, day: date, seed: int = 7,
              customer_count: int = 200, request_count: int = 150) -> SeedSummary:
    summary = SeedSummary(created=False, day=day)
    if uow.session.scalar(select(User.id).where(User.username == "dispatcher")) is not None:
        summary.logins = _known_logins(uow)
        return summary
    rng = random.Random(seed)
    office = _office_users(uow, hasher, summary)
    clerk = _user_actor(uow, "warehouse")
    stock = _warehouses_and_parts(uow, rng, clerk, summary)  # before engineers: vans pick the nearest
    engineer_skills = _engineers(uow, hasher, rng, office, summary)
    _stock_vans(uow, rng, clerk, engineer_skills, stock, summary)
    sites = _customers(uow, rng, office, customer_count, day)
    _requests(uow, rng, office, sites, request_count, day, summary)
    summary.created = True
    summary.counts["engineers"] = len(engineer_skills)
    summary.counts["customers"] = customer_count
    return summary


def _known_logins(uow: UnitOfWork) -> list[tuple[str, str, str]]:
    users = uow.session.scalars(select(User).order_by(User.id)).all()
    return [(u.username, _password_for(u.username), u.role.value) for u in users]


def _password_for(username: str) -> str:
    return OFFICE_LOGINS[username][0] if username in OFFICE_LOGINS else ENGINEER_PASSWORD


def _office_users(uow: UnitOfWork, hasher: PasswordHasher, summary: SeedSummary) -> Actor:
    dispatcher = None
    for username, (password, role) in OFFICE_LOGINS.items():
        user = create_user(uow, hasher, username, password, role)
        summary.logins.append((username, password, role.value))
        if role is Role.DISPATCHER:
            dispatcher = Actor(user.id, user.username, user.role)
    assert dispatcher is not None
    return dispatcher


def _user_actor(uow: UnitOfWork, username: str) -> Actor:
    user = uow.session.scalars(select(User).where(User.username == username)).one()
    return Actor(user.id, user.username, user.role)


SKILL_OF_PREFIX = {"LK": "locks", "CAM": "cameras", "GW": "cameras", "AP": "appliances", "HV": "hvac",
                   "EL": "electrical"}


@dataclass
class DemoStock:
    """What the seed put where, so vans are stocked with serials the warehouse really holds."""

    warehouse_ids: list[int]
    serials: dict[tuple[int, str], list[str]] = field(default_factory=dict)


def _warehouses_and_parts(uow: UnitOfWork, rng: random.Random, clerk: Actor,
                          summary: SeedSummary) -> DemoStock:
    """Two warehouses, a smart-home parts catalog, and a delivery of every part into each."""
    stock = DemoStock([spareparts.create_location(uow, {
        "code": code, "name": name, "kind": LocationKind.WAREHOUSE, "lat": lat, "lon": lon}).id
        for code, name, lat, lon in WAREHOUSES])
    for part in PARTS_CATALOG:
        spareparts.create_part(uow, _part_fields(part))
    for number, warehouse_id in enumerate(stock.warehouse_ids, start=1):
        lines = []
        for part in PARTS_CATALOG:
            if part.serialized:
                serials = [f"{part.sku}-{number}{unit:03d}" for unit in range(1, rng.randint(5, 9))]
                stock.serials[(warehouse_id, part.sku)] = serials
                lines.extend({"sku": part.sku, "qty": 1, "serial": serial} for serial in serials)
            else:
                lines.append({"sku": part.sku, "qty": rng.randint(40, 80)})
        spareparts.record_movement(uow, clerk, {"kind": "receive", "to_location_id": warehouse_id,
                                                     "lines": lines, "reason": OPENING_STOCK})
    summary.counts.update(warehouses=len(stock.warehouse_ids), parts=len(PARTS_CATALOG))
    return stock


def _part_fields(part: DemoPart) -> dict[str, Any]:
    return {"sku": part.sku, "name": part.name, "compatible_models": list(part.models),
            "unit_cost_cents": int(Decimal(part.unit_cost) * 100),
            "price_cents": int(Decimal(part.price) * 100),
            "serialized": part.serialized, "returnable": part.returnable, "reorder_point": part.reorder_point}


def _stock_vans(uow: UnitOfWork, rng: random.Random, clerk: Actor, engineer_skills: dict[int, set[str]],
                stock: DemoStock,
                summary: SeedSummary) -> None:
    """Each van carries a few of the parts its engineer's skills call for, from its own warehouse."""
    moved = 0
    for engineer_id, skills in engineer_skills.items():
        van = spareparts.van_location_of(uow, engineer_id)
        wanted = [p for p in PARTS_CATALOG if SKILL_OF_PREFIX[p.sku.split("-")[0]] in skills]
        lines = []
        for part in rng.sample(wanted, min(len(wanted), 4)):
            serials = stock.serials.get((van.supplying_warehouse_id, part.sku), [])
            if part.serialized:
                count = min(2, len(serials))
                lines.extend({"sku": part.sku, "qty": 1, "serial": serials.pop()} for _ in range(count))
            else:
                lines.append({"sku": part.sku, "qty": rng.randint(1, 2)})
        if lines:
            spareparts.record_movement(uow, clerk, {
                "kind": "transfer", "from_location_id": van.supplying_warehouse_id, "to_location_id": van.id,
                "lines": lines, "reason": VAN_STOCK})
            moved += len(lines)
    summary.counts["van_stock_lines"] = moved


def _engineers(uow: UnitOfWork, hasher: PasswordHasher, rng: random.Random, office: Actor,
               summary: SeedSummary) -> dict[int, set[str]]:
    """Each engineer made, with the skills they were given (the vans are stocked for them)."""
    made = {}
    for number, name in enumerate(ENGINEER_NAMES, start=1):
        district = DISTRICTS[(number - 1) % len(DISTRICTS)]
        home = rng.choice(district.neighbourhoods)
        phone = f"+86 138 {number:04d} {rng.randrange(10000):04d}"
        home_lat, home_lon = _jitter(rng, home.lat, SITE_SPREAD_DEG), _jitter(rng, home.lon, SITE_SPREAD_DEG)
        skills = _skill_set(rng, number)
        engineer = engineers.create_engineer(uow, name=name, phone=phone, home_lat=home_lat,
                                             home_lon=home_lon, skills=skills, territory=district.name)
        engineers.replace_weekly_pattern(uow, office, engineer.id, _week(rng))
        username = f"eng{number:02d}"
        create_user(uow, hasher, username, ENGINEER_PASSWORD, Role.ENGINEER, engineer.id)
        summary.logins.append((username, ENGINEER_PASSWORD, f"engineer ({name}, {district.name})"))
        made[engineer.id] = set(skills)
    return made


def _skill_set(rng: random.Random, number: int) -> dict[str, int]:
    """Two or three skills each; every skill is held by several engineers, seniors included."""
    main = SKILLS[(number - 1) % len(SKILLS)]
    others = rng.sample([s for s in SKILLS if s != main], rng.choice((1, 2)))
    return {main: rng.choice((2, 3)), **{s: rng.choice((1, 1, 2)) for s in others}}


def _week(rng: random.Random) -> list[dict[str, Any]]:
    """Six days of 08:30–17:30 with a 45-minute lunch between 11:30 and 13:30; one weekday off."""
    day_off = rng.choice((0, 2, 6))
    return [
        {"weekday": weekday, "shift_start": time(8, 30), "shift_end": time(17, 30),
         "break_window_start": time(11, 30), "break_window_end": time(13, 30),
         "break_length_min": 45, "overtime_allowed_min": rng.choice((0, 30, 60)),
         "overtime_cost_per_hour": 90.0}
        for weekday in range(7) if weekday != day_off
    ]


def _jitter(rng: random.Random, centre: float, spread: float) -> float:
    return round(centre + rng.uniform(-spread, spread), 6)


def _customers(uow: UnitOfWork, rng: random.Random, office: Actor, count: int,
               day: date) -> list[tuple[int, int, int, Product]]:
    """Returns (customer, site, asset, product) for each customer's main device."""
    sites = []
    weights = [d.population_10k for d in DISTRICTS]
    for number in range(1, count + 1):
        district = rng.choices(DISTRICTS, weights=weights)[0]
        customer = workorders.create_customer(uow, {
            "name": f"{rng.choice(FAMILY_NAMES)}{rng.choice(GIVEN_NAMES)}",
            "tier": rng.choices((Tier.A, Tier.B, Tier.C), weights=(15, 60, 25))[0],
            "phone": f"+86 139 {number:04d} {rng.randrange(10000):04d}",
        })
        site = workorders.create_site(uow, office, customer.id, _site_fields(rng, district, number))
        product = rng.choice(PRODUCTS)
        installed_on = day - timedelta(days=rng.randrange(30, 4 * 365))
        asset = workorders.create_asset(uow, office, site.id, {
            "product_model": product.model, "serial": f"SN{rng.randrange(10**9):09d}",
            "installed_on": installed_on,
            "warranty_until": installed_on + timedelta(days=365 * product.warranty_years),
        })
        sites.append((customer.id, site.id, asset.id, product))
    return sites


def _site_fields(rng: random.Random, district: District, number: int) -> dict[str, Any]:
    """An address as a Shenzhen customer writes it: 深圳市南山区科技园科苑路88号阳光花园3栋1201室."""
    hood: Neighbourhood = rng.choice(district.neighbourhoods)
    building, floor = rng.randrange(1, 40), rng.randrange(2, 30)
    flat = f"{rng.choice(ESTATES)}{building}栋{floor}{rng.randrange(1, 9):02d}室"
    notes = rng.choice((None, None, ACCESS_NOTES[0], f"{building}栋，乘电梯到{floor}楼。", ACCESS_NOTES[1]))
    return {
        "address": f"深圳市{district.name}{hood.name}{rng.choice(hood.roads)}{rng.randrange(1, 999)}号{flat}",
        "lat": _jitter(rng, hood.lat, SITE_SPREAD_DEG), "lon": _jitter(rng, hood.lon, SITE_SPREAD_DEG),
        "access_notes": notes,
    }


def _requests(uow: UnitOfWork, rng: random.Random, office: Actor,
              sites: list[tuple[int, int, int, Product]], count: int, day: date,
              summary: SeedSummary) -> None:
    tz = ZoneInfo(uow.settings["TIMEZONE"])
    outcome = {"converted": 0, "resolved_remotely": 0, "rejected": 0}
    for customer_id, site_id, asset_id, product in rng.sample(sites, count):
        request = workorders.create_service_request(uow, {
            "channel": Channel(rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]),
            "category": rng.choices(
                (Category.REPAIR, Category.INSTALLATION, Category.CONSULTATION, Category.COMPLAINT),
                weights=(75, 8, 12, 5))[0],
            "customer_id": customer_id, "site_id": site_id, "asset_id": asset_id,
            "symptom": rng.choice(product.symptoms),
        })
        kind = _triage(uow, rng, office, request, product, day, tz)
        outcome[kind] += 1
    summary.counts.update(service_requests=count, **outcome)


def _triage(uow: UnitOfWork, rng: random.Random, office: Actor, request: Any, product: Product,
            day: date, tz: ZoneInfo) -> str:
    roll = rng.random()
    if request.category is Category.CONSULTATION and roll < 0.7:
        workorders.resolve_request(uow, request.id, RESOLVED_REMOTELY)
        return "resolved_remotely"
    if roll < 0.03:
        workorders.reject_request(uow, request.id, REJECTED)
        return "rejected"
    start = datetime.combine(day, rng.choice(WINDOW_STARTS), tzinfo=tz)
    level = 2 if rng.random() < 0.2 else 1
    fitting = [p.sku for p in PARTS_CATALOG if product.model in p.models]
    parts = [{"sku": rng.choice(fitting), "qty": 1}] if fitting and rng.random() < 0.6 else []
    workorders.convert_request(uow, office, request.id, {  # a window: scheduled at once
        "estimated_duration_s": 60 * (product.typical_duration_min + rng.choice((-10, 0, 0, 15, 30))),
        "window_start": start, "window_end": start + timedelta(hours=2),
        "required_skills": [{"skill": product.skill, "min_level": level}], "parts_needed": parts,
    })
    return "converted"
