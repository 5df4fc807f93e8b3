"""What a visit usually takes, by product family and request category: the duration, the
skill and level, and the parts likely needed. The desk converts with these unless the agent
changes them; one table, so the office's experience is read and corrected in one place.

A product model belongs to the first family whose keyword it contains (in Chinese or
English, any case); a model of no known family gets the general figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from workorders.triage import Category

MINUTE = 60


@dataclass(frozen=True)
class ProductFamily:
    skill: str
    keywords: tuple[str, ...]
    repair_min: int
    installation_min: int
    min_level: int = 1
    likely_skus: tuple[str, ...] = ()  # kept only when the parts catalog has them


@dataclass(frozen=True)
class VisitDefaults:
    estimated_duration_s: int
    required_skills: tuple[tuple[str, int], ...]  # (skill, min_level)
    parts_needed: tuple[str, ...]  # SKUs, one of each


FAMILIES = (
    ProductFamily("locks", ("门锁", "lock"), 45, 90, likely_skus=("LK-LATCH",)),
    ProductFamily("cameras", ("摄像", "camera", "网关", "gateway"), 50, 90),
    ProductFamily("appliances", ("洗碗机", "洗衣机", "dishwasher", "washer", "washing"), 80, 120,
                  likely_skus=("AP-DRAIN-PUMP",)),
    ProductFamily("hvac", ("空调", "温控", "air con", "aircon", "thermostat", "hvac"), 80, 180, min_level=2),
    ProductFamily("electrical", ("开关", "照明", "switch", "light"), 45, 90, min_level=2),
)
GENERAL_MIN = 60
# Advice and inspection visits are short whatever the product, and need no parts.
SHORT_VISIT_MIN = {Category.CONSULTATION: 30, Category.COMPLAINT: 45}


def family_of(product_model: str | None) -> ProductFamily | None:
    model = (product_model or "").casefold()
    return next((f for f in FAMILIES if any(k.casefold() in model for k in f.keywords)), None)


def visit_defaults(product_model: str | None, category: Category) -> VisitDefaults:
    family = family_of(product_model)
    skills = ((family.skill, family.min_level),) if family else ()
    if category in SHORT_VISIT_MIN:
        return VisitDefaults(SHORT_VISIT_MIN[category] * MINUTE, skills, ())
    if family is None:
        return VisitDefaults(GENERAL_MIN * MINUTE, (), ())
    if category is Category.INSTALLATION:
        return VisitDefaults(family.installation_min * MINUTE, skills, ())
    return VisitDefaults(family.repair_min * MINUTE, skills, family.likely_skus)
