"""Customers, sites, assets, service requests, work orders and their lifecycle.

This module is the package's public face: the only one other packages import. Planning
reads work orders here as small frozen records (never ORM rows) and moves them with the two
commands below; the events say what happened; the enums and errors name the package's
words and refusals.
"""

from workorders.desk.ports import DeskDueTimes, EngineerNames, KnownEngineers, StandardDueTimes
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
from workorders.requests.models import RequestStatus
from workorders.triage import Category, Channel, Tier, WorkType

__all__ = [
    # reads (frozen records) and commands, for planning
    "work_orders_of_day", "work_orders_by_ids", "work_order_numbers", "held_assignments",
    "on_site_arrivals", "last_completed_sites", "assign_work_order", "unassign_work_order",
    "PlanningWorkOrder", "SkillNeed", "PartNeed", "HeldAssignment", "SitePoint", "preferred_engineer",
    # the desk, for the customer loop: reminders for /alerts, feedback from the survey
    "desk_reminders", "DeskReminder", "record_customer_rating",
    # what the desk asks of others (ports app.py provides), and the standard due times
    "EngineerNames", "KnownEngineers", "DeskDueTimes", "StandardDueTimes",
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
