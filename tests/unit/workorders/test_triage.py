"""Priority from category and tier; who pays from the warranty on the visit day."""

from __future__ import annotations

from datetime import date

import pytest

from workorders.triage import Category, Tier, WorkType, default_work_type, derive_priority, is_chargeable


@pytest.mark.parametrize(("category", "tier", "priority"), [
    (Category.COMPLAINT, Tier.A, 1), (Category.COMPLAINT, Tier.B, 2), (Category.COMPLAINT, Tier.C, 3),
    (Category.REPAIR, Tier.A, 2), (Category.REPAIR, Tier.B, 3), (Category.REPAIR, Tier.C, 4),
    (Category.INSTALLATION, Tier.A, 3), (Category.INSTALLATION, Tier.C, 4),
    (Category.CONSULTATION, Tier.B, 4),
])
def test_priority_follows_category_urgency_shifted_by_tier(
    category: Category, tier: Tier, priority: int
) -> None:
    assert derive_priority(category, tier) == priority


def test_installation_requests_become_installation_visits() -> None:
    assert default_work_type(Category.INSTALLATION) is WorkType.INSTALLATION
    assert default_work_type(Category.REPAIR) is WorkType.REPAIR


def test_visit_on_the_last_warranty_day_is_free() -> None:
    assert is_chargeable(date(2026, 11, 23), date(2026, 11, 23)) is False


def test_visit_after_warranty_is_chargeable() -> None:
    assert is_chargeable(date(2026, 11, 22), date(2026, 11, 23)) is True


def test_unknown_warranty_or_no_visit_day_is_chargeable() -> None:
    assert is_chargeable(None, date(2026, 11, 23)) is True
    assert is_chargeable(date(2030, 1, 1), None) is True
