"""Stock locations: warehouses (with coordinates), one van per engineer, and the virtual places
stock comes from and goes to (supplier, customer, scrap, vendor, repair, adjustment)."""

from __future__ import annotations

import enum
import math

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


class LocationKind(enum.StrEnum):
    WAREHOUSE = "warehouse"
    VAN = "van"
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    SCRAP = "scrap"
    VENDOR = "vendor"
    REPAIR = "repair"
    ADJUSTMENT = "adjustment"  # where counted gains come from and counted losses go


PHYSICAL_KINDS = frozenset({LocationKind.WAREHOUSE, LocationKind.VAN})
VIRTUAL_KINDS = frozenset(set(LocationKind) - PHYSICAL_KINDS)


class StockLocation(Base):
    __tablename__ = "sp_stock_location"
    __table_args__ = (
        CheckConstraint("lat IS NULL OR lat BETWEEN -90 AND 90", name="lat_range"),
        CheckConstraint("lon IS NULL OR lon BETWEEN -180 AND 180", name="lon_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[LocationKind] = mapped_column(Enum(LocationKind, native_enum=False, length=16), index=True)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("en_engineer.id"), unique=True)
    supplying_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("sp_stock_location.id"))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def physical(self) -> bool:
        """Stock one can touch: it must never go below zero."""
        return self.kind in PHYSICAL_KINDS

    def distance_m(self, lat: float, lon: float) -> float:
        """Great-circle distance, enough to pick the nearest warehouse for a van."""
        if self.lat is None or self.lon is None:
            return math.inf
        phi1, phi2 = math.radians(self.lat), math.radians(lat)
        d_phi, d_lambda = phi2 - phi1, math.radians(lon - self.lon)
        a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
        return 2 * 6_371_000 * math.asin(math.sqrt(a))
