"""Plans and what they hold: routes, stops, jobs left out, pins and the day's lock row.

A plan is one optimizer run for one service date. Its *state* is the product's lifecycle
(draft → published → superseded); its *run status* is the worker's (queued → running →
done | failed | cancelled). Times inside a plan are kept in the optimizer's units (seconds
from the service day's local midnight) so the stored plan can be checked again by the
validator exactly as it was solved; the edges turn them into aware datetimes.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    Enum,
    Float,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from core.db import Base, UTCDateTime


class PlanState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class PlanKind(enum.StrEnum):
    DAY = "day"
    REPLAN = "replan"


FINISHED_RUNS = frozenset({RunStatus.DONE, RunStatus.FAILED, RunStatus.CANCELLED})


class Plan(Base):
    __tablename__ = "dp_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    service_date: Mapped[date] = mapped_column(Date(), index=True)
    territory: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[PlanKind] = mapped_column(Enum(PlanKind, native_enum=False, length=16))
    state: Mapped[PlanState] = mapped_column(Enum(PlanState, native_enum=False, length=16), index=True)
    run_status: Mapped[RunStatus] = mapped_column(Enum(RunStatus, native_enum=False, length=16))
    time_limit_s: Mapped[float] = mapped_column(Float)
    replan_now: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unavailable_engineer_ids: Mapped[str | None] = mapped_column(String(2000))  # comma separated
    base_plan_id: Mapped[int | None] = mapped_column(ForeignKey("dp_plan.id"))
    requested_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    served: Mapped[int] = mapped_column(default=0)
    objective: Mapped[int | None] = mapped_column(BigInteger)
    job_count: Mapped[int] = mapped_column(default=0)
    engineer_count: Mapped[int] = mapped_column(default=0)
    travel_s: Mapped[int] = mapped_column(default=0)
    distance_m: Mapped[int] = mapped_column(BigInteger, default=0)
    overtime_s: Mapped[int] = mapped_column(default=0)
    engine: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    worker_pid: Mapped[int | None]
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The problem as solved (JSON) and its travel matrices (compressed numpy), so the plan can be
    # validated again and shown without asking the travel provider twice.
    problem_json: Mapped[str | None] = deferred(mapped_column(Text))
    matrices: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))

    routes: Mapped[list[Route]] = relationship(
        cascade="all, delete-orphan", order_by="Route.id", back_populates="plan")
    unassigned: Mapped[list[UnassignedWorkOrder]] = relationship(
        cascade="all, delete-orphan", order_by="UnassignedWorkOrder.id")

    @property
    def unavailable(self) -> list[int]:
        return [int(v) for v in (self.unavailable_engineer_ids or "").split(",") if v]

    @property
    def finished(self) -> bool:
        return self.run_status in FINISHED_RUNS

    def assignments(self) -> dict[int, tuple[int, int]]:
        """work order id → (engineer id, planned start s), the plan's promise per job."""
        return {stop.work_order_id: (route.engineer_id, stop.start_s)
                for route in self.routes for stop in route.stops}


class Route(Base):
    __tablename__ = "dp_route"
    __table_args__ = (UniqueConstraint("plan_id", "engineer_id", name="uq_dp_route_plan_engineer"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("dp_plan.id", ondelete="CASCADE"), index=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id"), index=True)
    departure_s: Mapped[int]
    return_s: Mapped[int]
    return_travel_s: Mapped[int]
    return_distance_m: Mapped[int]
    break_start_s: Mapped[int | None]
    break_end_s: Mapped[int | None]
    overtime_s: Mapped[int] = mapped_column(default=0)

    plan: Mapped[Plan] = relationship(back_populates="routes")
    stops: Mapped[list[Stop]] = relationship(cascade="all, delete-orphan", order_by="Stop.sequence",
                                             lazy="selectin")

    @property
    def travel_s(self) -> int:
        return sum(s.travel_s for s in self.stops) + self.return_travel_s

    @property
    def distance_m(self) -> int:
        return sum(s.distance_m for s in self.stops) + self.return_distance_m


class Stop(Base):
    __tablename__ = "dp_stop"
    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("dp_route.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int]
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    arrival_s: Mapped[int]
    start_s: Mapped[int]
    end_s: Mapped[int]
    travel_s: Mapped[int]
    distance_m: Mapped[int]
    fixed: Mapped[bool] = mapped_column(default=False)  # under way in a re-plan: it does not move


class UnassignedWorkOrder(Base):
    __tablename__ = "dp_unassigned"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("dp_plan.id", ondelete="CASCADE"), index=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(500))
    suggestion_kind: Mapped[str | None] = mapped_column(String(32))
    suggestion_text: Mapped[str | None] = mapped_column(String(500))
    suggestion_engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"))
    suggestion_window_start_s: Mapped[int | None]
    suggestion_window_end_s: Mapped[int | None]
    suggestion_overtime_s: Mapped[int | None]


class Pin(Base):
    """A dispatcher's fixed choice for a day: this job goes to this engineer (maybe at this time).

    Pins belong to the service date, not to one plan, so every re-run of the day keeps them.
    """

    __tablename__ = "dp_pin"
    __table_args__ = (UniqueConstraint("service_date", "work_order_id", name="uq_dp_pin_date_work_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_date: Mapped[date] = mapped_column(Date(), index=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("wo_work_order.id"))
    engineer_id: Mapped[int] = mapped_column(ForeignKey("en_engineer.id"))
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("core_user.id"))


class PlanDay(Base):
    """One row per service date: which plan is published. Publishing locks this row, so two
    publishes for one date queue on it and the second sees what the first did."""

    __tablename__ = "dp_plan_day"
    service_date: Mapped[date] = mapped_column(Date(), primary_key=True)
    published_plan_id: Mapped[int | None] = mapped_column(ForeignKey("dp_plan.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
