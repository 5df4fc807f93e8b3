"""Who the work is for and where: customers, their sites and the assets installed there."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from core.db import Base, UTCDateTime
from workorders.triage import Tier

# Search keys compare byte by byte ("C" on PostgreSQL, SQLite's default), so a prefix is one
# index range whatever the database's language settings.
SEARCH_KEY = String(120).with_variant(String(120, collation="C"), "postgresql")
NOT_A_DIGIT = re.compile(r"[^0-9]")


def name_key(name: str) -> str:
    """Case and spacing do not matter when an agent types a name."""
    return " ".join(name.casefold().split())


def phone_key(phone: str) -> str:
    """The digits reversed, so the number's *end* (what a caller reads out, without the
    country code) is an index prefix."""
    return NOT_A_DIGIT.sub("", phone)[::-1]


class Customer(Base):
    __tablename__ = "wo_customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    tier: Mapped[Tier] = mapped_column(Enum(Tier, native_enum=False, length=1))
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    name_key: Mapped[str] = mapped_column(SEARCH_KEY, index=True)
    phone_key: Mapped[str] = mapped_column(SEARCH_KEY, index=True)
    sites: Mapped[list[Site]] = relationship(back_populates="customer", order_by="Site.id")

    @validates("name")
    def _keep_name_key(self, _field: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    @validates("phone")
    def _keep_phone_key(self, _field: str, phone: str) -> str:
        self.phone_key = phone_key(phone)
        return phone


class Site(Base):
    __tablename__ = "wo_site"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("wo_customer.id"), index=True)
    address: Mapped[str] = mapped_column(String(255))
    lat: Mapped[float]
    lon: Mapped[float]
    access_notes: Mapped[str | None] = mapped_column(String(1000))
    customer: Mapped[Customer] = relationship(back_populates="sites")
    assets: Mapped[list[Asset]] = relationship(back_populates="site", order_by="Asset.id")


class Asset(Base):
    __tablename__ = "wo_asset"
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("wo_site.id"), index=True)
    product_model: Mapped[str] = mapped_column(String(120))
    serial: Mapped[str] = mapped_column(String(64), index=True)
    installed_on: Mapped[date | None]
    warranty_until: Mapped[date | None]
    site: Mapped[Site] = relationship(back_populates="assets")
