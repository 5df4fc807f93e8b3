"""Builders for customers, sites, assets, service requests and work orders in any status.

Work orders are built by direct construction, so a test can start from ``on_site`` without
walking the lifecycle; every builder returns the new row's id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from core.auth import Role
from workorders import Status
from workorders.customers.models import Asset, Customer, Site
from workorders.orders.models import EventKind, PartNeeded, RequiredSkill, WorkOrder, WorkOrderEvent
from workorders.requests.models import ServiceRequest
from workorders.triage import Category, Channel, Tier, WorkType

# 14:00–16:00 Shanghai time on 2026-11-23, the day the test clock (01:00 UTC) is in.
WINDOW_START = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
WINDOW_END = WINDOW_START + timedelta(hours=2)
_counter = iter(range(1, 10**9))


def _add(app: Any, row: Any) -> int:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        uow.session.add(row)
        uow.session.flush()
        return row.id


def make_customer(app: Any, **overrides: Any) -> int:
    fields = {"name": "Chen Jing", "tier": Tier.B, "phone": "+86 139 0000 0002",
              "email": "chen@example.com", "created_at": WINDOW_START} | overrides
    return _add(app, Customer(**fields))


def make_site(app: Any, customer_id: int | None = None, **overrides: Any) -> int:
    fields = {"customer_id": customer_id or make_customer(app), "address": "8 Shennan Rd, Futian",
              "lat": 22.54, "lon": 114.05, "access_notes": "Gate code 1234"} | overrides
    return _add(app, Site(**fields))


def make_asset(app: Any, site_id: int | None = None, **overrides: Any) -> int:
    fields = {"site_id": site_id or make_site(app), "product_model": "SmartLock S2",
              "serial": f"SL-{next(_counter):06d}", "installed_on": date(2025, 1, 10),
              "warranty_until": date(2027, 1, 10)} | overrides
    return _add(app, Asset(**fields))


def make_service_request(app: Any, asset_id: int | None = None, **overrides: Any) -> int:
    rt = app.extensions["fixroute"]
    asset_id = asset_id or make_asset(app)
    with rt.unit_of_work() as uow:
        asset = uow.session.get(Asset, asset_id)
        customer_id = uow.session.get(Site, asset.site_id).customer_id
    fields = {"number": f"SR-20261123-{next(_counter):04d}", "channel": Channel.PHONE,
              "category": Category.REPAIR, "customer_id": customer_id, "site_id": asset.site_id,
              "asset_id": asset_id, "symptom": "Lock does not open", "created_at": WINDOW_START} | overrides
    return _add(app, ServiceRequest(**fields))


def make_work_order(app: Any, status: Status = Status.SCHEDULED, engineer_id: int | None = None,
                    **overrides: Any) -> int:
    """A job in ``status``; an engineer's statuses need ``engineer_id``."""
    asset_id = overrides.pop("asset_id", None) or make_asset(app)
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        site = uow.session.get(Site, uow.session.get(Asset, asset_id).site_id)
        customer_id, site_id = site.customer_id, site.id
    fields = {"number": f"WO-20261123-{next(_counter):04d}", "status": status, "customer_id": customer_id,
              "site_id": site_id, "asset_id": asset_id, "work_type": WorkType.REPAIR, "priority": 3,
              "estimated_duration_s": 3600, "window_start": WINDOW_START, "window_end": WINDOW_END,
              "chargeable": False, "engineer_id": engineer_id, "created_at": WINDOW_START,
              "updated_at": WINDOW_START,
              "required_skills": [RequiredSkill(skill="locks", min_level=2)],
              "parts_needed": [PartNeeded(sku="LK-MOTOR", qty=1)]} | overrides
    return _add(app, WorkOrder(**fields))


def make_completed_visit(app: Any, asset_id: int, engineer_id: int | None, completed_at: datetime,
                         actor_user_id: int, **overrides: Any) -> int:
    """A visit to the asset completed at ``completed_at`` (its ``completed`` event row included)."""
    work_order_id = make_work_order(app, Status.COMPLETED, engineer_id=engineer_id, asset_id=asset_id,
                                    window_start=completed_at - timedelta(hours=2),
                                    window_end=completed_at - timedelta(hours=1), **overrides)
    with app.extensions["fixroute"].unit_of_work() as uow:
        uow.session.add(WorkOrderEvent(work_order_id=work_order_id, kind=EventKind.TRANSITION,
                                       from_status=Status.IN_PROGRESS, to_status=Status.COMPLETED,
                                       actor_user_id=actor_user_id, actor_role=Role.ENGINEER,
                                       at=completed_at))
    return work_order_id
