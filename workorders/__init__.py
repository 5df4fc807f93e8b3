"""Customers, sites, assets, service requests, work orders and their lifecycle.

This module is the package's public face: the only one other packages import. Planning
reads work orders here as small frozen records (never ORM rows) and moves them with the two
commands below; spare parts reads a job's facts and numbers through the ports ``app.py``
provides with ``work_order_facts`` and ``work_order_numbers``; the events say what
happened; the enums and errors name the package's words and refusals.
"""

from workorders.customers.service import create_asset, create_customer, create_site
from workorders.desk.reminders import DeskReminder, desk_reminders
from workorders.errors import (
    IllegalTransition,
    InvalidWorkOrderInput,
    RecordNotFound,
    RequirementsNotMet,
    ServiceRequestClosed,
    TransitionForbidden,
    WorkOrderLocked,
    WorkOrderNotFound,
)
from workorders.events import (
    ComplaintConfirmed,
    ComplaintEscalated,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    PartUsedRecorded,
    ServiceRequestConverted,
    ServiceRequestReceived,
    WorkOrderAssigned,
    WorkOrderCancelled,
    WorkOrderCompleted,
    WorkOrderStatusChanged,
)
from workorders.lifecycle import HoldReason, Status
from workorders.orders.facts import WorkOrderFacts, work_order_facts
from workorders.orders.feedback import record_customer_rating
from workorders.orders.planning import (
    HeldAssignment,
    PartNeed,
    PlanningWorkOrder,
    SitePoint,
    SkillNeed,
    assign_work_order,
    held_assignments,
    last_completed_sites,
    on_site_arrivals,
    preferred_engineer,
    unassign_work_order,
    work_order_numbers,
    work_orders_by_ids,
    work_orders_of_day,
)
from workorders.orders.service import transition_work_order
from workorders.requests.conversion import convert_request
from workorders.requests.models import RequestStatus
from workorders.requests.service import create_service_request, reject_request, resolve_request
from workorders.triage import Category, Channel, Tier, WorkType

__all__ = [
    # reads (frozen records) and commands, for planning
    "work_orders_of_day", "work_orders_by_ids", "work_order_numbers", "held_assignments",
    "on_site_arrivals", "last_completed_sites", "assign_work_order", "unassign_work_order",
    "PlanningWorkOrder", "SkillNeed", "PartNeed", "HeldAssignment", "SitePoint", "preferred_engineer",
    # reads (frozen records), for the ports app.py provides to spare parts
    "work_order_facts", "WorkOrderFacts",
    # commands for intake and triage, as the office and the demo company use them
    "create_customer", "create_site", "create_asset", "create_service_request", "resolve_request",
    "reject_request", "convert_request", "transition_work_order",
    # the desk, for the customer loop: reminders for /alerts, feedback from the survey
    "desk_reminders", "DeskReminder", "record_customer_rating",
    # the package's words
    "Status", "HoldReason", "RequestStatus", "Tier", "Channel", "Category", "WorkType",
    # what it tells others
    "WorkOrderStatusChanged", "WorkOrderAssigned", "WorkOrderCancelled", "WorkOrderCompleted",
    "ServiceRequestConverted", "PartUsedRecorded", "ServiceRequestReceived", "ComplaintReceived",
    "ComplaintEscalated", "ComplaintResolved", "ComplaintConfirmed", "ComplaintReopened",
    # its refusals
    "WorkOrderNotFound", "RecordNotFound", "IllegalTransition", "TransitionForbidden",
    "RequirementsNotMet", "ServiceRequestClosed", "WorkOrderLocked", "InvalidWorkOrderInput",
]
