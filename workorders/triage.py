"""Triage decisions made when a request becomes a visit: its priority, its kind, who pays.

Pure functions over plain values, so the office's rules can be read and tested in one place.
"""

from __future__ import annotations

import enum
from datetime import date


class Tier(enum.StrEnum):
    A = "A"
    B = "B"
    C = "C"


class Channel(enum.StrEnum):
    PHONE = "phone"
    WEB = "web"
    APP = "app"
    WECHAT = "wechat"
    EMAIL = "email"


class Category(enum.StrEnum):
    CONSULTATION = "consultation"
    REPAIR = "repair"
    INSTALLATION = "installation"
    COMPLAINT = "complaint"


class WorkType(enum.StrEnum):
    REPAIR = "repair"
    INSTALLATION = "installation"
    MAINTENANCE = "maintenance"
    INSPECTION = "inspection"


HIGHEST_PRIORITY = 1
LOWEST_PRIORITY = 4
# Urgency of the category before the customer's tier is considered (1 = most urgent).
CATEGORY_URGENCY = {
    Category.COMPLAINT: 2,
    Category.REPAIR: 3,
    Category.INSTALLATION: 4,
    Category.CONSULTATION: 4,
}
# Tier A customers are served one step sooner, tier C one step later.
TIER_SHIFT = {Tier.A: -1, Tier.B: 0, Tier.C: 1}
DEFAULT_WORK_TYPE = {
    Category.REPAIR: WorkType.REPAIR,
    Category.INSTALLATION: WorkType.INSTALLATION,
    Category.COMPLAINT: WorkType.INSPECTION,
    Category.CONSULTATION: WorkType.INSPECTION,
}


def derive_priority(category: Category, tier: Tier) -> int:
    """1 (most urgent) … 4; the dispatcher may override it on conversion."""
    urgency = CATEGORY_URGENCY[category] + TIER_SHIFT[tier]
    return max(HIGHEST_PRIORITY, min(LOWEST_PRIORITY, urgency))


def default_work_type(category: Category) -> WorkType:
    return DEFAULT_WORK_TYPE[category]


def is_chargeable(warranty_until: date | None, visit_day: date | None) -> bool:
    """Free while the asset is under warranty on the day of the visit (inclusive).

    Unknown warranty or no asset means the customer pays, quoted and consented on site.
    Without a visit day yet the warranty is judged on nothing, so the job is chargeable
    until an appointment window says otherwise.
    """
    if warranty_until is None or visit_day is None:
        return True
    return visit_day > warranty_until
