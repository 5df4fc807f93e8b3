"""The parts catalog: one row per SKU, the name every ledger entry and reservation uses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UTCDateTime


class Part(Base):
    __tablename__ = "sp_part"
    __table_args__ = (
        CheckConstraint("unit_cost_cents >= 0 AND price_cents >= 0", name="money_not_negative"),
        CheckConstraint("reorder_point >= 0", name="reorder_point_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    compatible_models: Mapped[list[str]] = mapped_column(JSON, default=list)
    unit_cost_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    price_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    serialized: Mapped[bool] = mapped_column(default=False)
    returnable: Mapped[bool] = mapped_column(default=False)
    reorder_point: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
