"""Every work-order table, gathered so ``app.load_models`` and Alembic see them all.

The models live by subject in ``models_*.py``; import them from here or from there.
"""

from workorders.customers.models import Asset, Customer, Site
from workorders.lifecycle import HoldReason, Status
from workorders.models_lines import (
    EventKind,
    Feedback,
    PartNeeded,
    PartUsed,
    RequiredSkill,
    Signature,
    WorkOrderEvent,
)
from workorders.models_work_orders import WorkOrder
from workorders.requests.models import RequestStatus, ServiceRequest
from workorders.triage import Category, Channel, Tier, WorkType

__all__ = [
    "Asset", "Category", "Channel", "Customer", "EventKind", "Feedback", "HoldReason", "PartNeeded",
    "PartUsed", "RequestStatus", "RequiredSkill", "ServiceRequest", "Signature", "Site", "Status", "Tier",
    "WorkOrder", "WorkOrderEvent", "WorkType",
]
