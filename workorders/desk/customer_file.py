"""The customer file: everything the desk needs when a customer calls, in one read and a
fixed number of statements whatever their history — the customer, their sites and assets
(with the warranty and any repeat repair), and every request, visit, complaint and rating,
newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from core.clock import local_date
from core.db import UnitOfWork
from workorders.complaints.models import Complaint
from workorders.customers.models import Asset, Customer, Site
from workorders.desk.queue import moment_of
from workorders.errors import RecordNotFound
from workorders.lifecycle import Status
from workorders.orders.models import Feedback, WorkOrder, WorkOrderEvent
from workorders.orders.repeats import FINISHED, REPEAT_WINDOW
from workorders.ports import engineer_names
from workorders.requests.models import ServiceRequest


@dataclass(frozen=True)
class PreviousRepairInFile:
    work_order_id: int
    number: str
    engineer_id: int | None
    engineer_name: str | None
    completed_at: datetime


@dataclass(frozen=True)
class AssetInFile:
    id: int
    site_id: int
    product_model: str
    serial: str
    installed_on: date | None
    warranty_until: date | None
    warranty: str  # in_warranty, expired, unknown (today, in the service timezone)
    repeat_repair: PreviousRepairInFile | None  # a visit completed in the last 30 days


@dataclass(frozen=True)
class SiteInFile:
    id: int
    address: str
    lat: float
    lon: float
    access_notes: str | None
    assets: list[AssetInFile]


@dataclass(frozen=True)
class VisitInFile:
    id: int
    number: str
    status: Status
    work_type: str
    site_id: int
    asset_id: int | None
    service_request_id: int | None
    symptom: str | None
    window_start: datetime | None
    window_end: datetime | None
    engineer_id: int | None
    engineer_name: str | None
    completed_at: datetime | None
    resolution_notes: str | None
    repeat_of_work_order_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class RatingInFile:
    work_order_id: int
    work_order_number: str
    rating: int
    comment: str | None
    received_at: datetime
    complaint_id: int | None


@dataclass(frozen=True)
class CustomerFile:
    customer: Customer
    sites: list[SiteInFile]
    service_requests: list[ServiceRequest]
    work_orders: list[VisitInFile]
    complaints: list[Complaint]
    ratings: list[RatingInFile]


def customer_file(uow: UnitOfWork, customer_id: int) -> CustomerFile:
    customer = uow.session.get(Customer, customer_id)
    if customer is None:
        raise RecordNotFound(f"No customer {customer_id}.")
    visits, ratings = _visits_and_ratings(uow, customer_id)
    names = engineer_names(uow, {v["engineer_id"] for v in visits})
    in_file = [VisitInFile(**v, engineer_name=names.get(v["engineer_id"])) for v in visits]
    return CustomerFile(
        customer=customer, sites=_sites(uow, customer_id, _repeats(in_file, uow.now())),
        service_requests=list(uow.session.scalars(select(ServiceRequest).where(
            ServiceRequest.customer_id == customer_id).order_by(ServiceRequest.created_at.desc(),
                                                                ServiceRequest.id.desc()))),
        work_orders=in_file,
        complaints=list(uow.session.scalars(select(Complaint).where(Complaint.customer_id == customer_id)
                                            .order_by(Complaint.received_at.desc(), Complaint.id.desc()))),
        ratings=ratings)


def _visits_and_ratings(uow: UnitOfWork, customer_id: int) -> tuple[list[dict[str, Any]], list[RatingInFile]]:
    """Visits with their completion time and rating, one statement (columns, not entities, so
    no skills or parts lines are loaded)."""
    completed = (select(func.max(WorkOrderEvent.at)).where(
        WorkOrderEvent.work_order_id == WorkOrder.id, WorkOrderEvent.to_status == Status.COMPLETED)
        .correlate(WorkOrder).scalar_subquery())
    w = WorkOrder
    rows = uow.session.execute(
        select(w.id, w.number, w.status, w.work_type, w.site_id, w.asset_id, w.service_request_id, w.symptom,
               w.window_start, w.window_end, w.engineer_id, completed.label("completed_at"),
               w.resolution_notes,
               w.repeat_of_work_order_id, w.created_at, Feedback.rating, Feedback.comment,
               Feedback.received_at.label("rated_at"), Feedback.complaint_id)
        .outerjoin(Feedback, Feedback.work_order_id == w.id).where(w.customer_id == customer_id)
        .order_by(w.created_at.desc(), w.id.desc())).mappings().all()
    visit_fields = [name for name in VisitInFile.__dataclass_fields__ if name != "engineer_name"]
    visits = [{name: row[name] for name in visit_fields} | {"completed_at": moment_of(row["completed_at"])}
              for row in rows]
    ratings = [RatingInFile(row["id"], row["number"], row["rating"], row["comment"], row["rated_at"],
                            row["complaint_id"]) for row in rows if row["rating"] is not None]
    return visits, sorted(ratings, key=lambda r: r.received_at, reverse=True)


def _repeats(visits: list[VisitInFile], now: datetime) -> dict[int, PreviousRepairInFile]:
    """Per asset, its latest visit completed within the last 30 days."""
    found: dict[int, PreviousRepairInFile] = {}
    for visit in sorted(visits, key=lambda v: v.completed_at or now, reverse=True):
        if visit.asset_id is None or visit.status not in FINISHED or visit.completed_at is None:
            continue
        if now - REPEAT_WINDOW <= visit.completed_at <= now and visit.asset_id not in found:
            found[visit.asset_id] = PreviousRepairInFile(visit.id, visit.number, visit.engineer_id,
                                                         visit.engineer_name, visit.completed_at)
    return found


def _sites(uow: UnitOfWork, customer_id: int, repeats: dict[int, PreviousRepairInFile]) -> list[SiteInFile]:
    today = local_date(uow.now(), ZoneInfo(uow.settings["TIMEZONE"]))
    sites = uow.session.scalars(select(Site).where(Site.customer_id == customer_id).order_by(Site.id)).all()
    assets = uow.session.scalars(select(Asset).join(Site, Site.id == Asset.site_id)
                                 .where(Site.customer_id == customer_id).order_by(Asset.id)).all()
    return [SiteInFile(site.id, site.address, site.lat, site.lon, site.access_notes, [
        AssetInFile(a.id, a.site_id, a.product_model, a.serial, a.installed_on, a.warranty_until,
                    _warranty(a.warranty_until, today), repeats.get(a.id))
        for a in assets if a.site_id == site.id]) for site in sites]


def _warranty(warranty_until: date | None, today: date) -> str:
    if warranty_until is None:
        return "unknown"
    return "in_warranty" if today <= warranty_until else "expired"
