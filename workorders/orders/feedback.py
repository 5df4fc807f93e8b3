"""The customer's feedback after a visit: a rating of 2 or less opens a complaint case about
the visit at once, so someone calls the customer back (DESIGN.md §1)."""

from __future__ import annotations

from core.auth import Actor
from core.db import UnitOfWork
from workorders.complaints.origins import open_from_rating
from workorders.errors import WorkOrderLocked, WorkOrderNotFound
from workorders.lifecycle import Status
from workorders.orders.models import Feedback, WorkOrder
from workorders.orders.service import get_work_order

POOR_RATING = 2


def record_feedback(uow: UnitOfWork, actor: Actor, work_order_id: int, rating: int,
                    comment: str | None) -> Feedback:
    """Taken once, after the job is completed (by phone at the desk, or from the survey)."""
    work_order = get_work_order(uow, actor, work_order_id)
    return feedback_on(uow, actor, work_order, rating, comment)


def record_customer_rating(uow: UnitOfWork, work_order_id: int, rating: int,
                           comment: str | None) -> int | None:
    """The customer rated on their own (the survey page, no login): the complaint opened, if any."""
    work_order = uow.session.get(WorkOrder, work_order_id)
    if work_order is None:
        raise WorkOrderNotFound(f"No work order {work_order_id}.")
    return feedback_on(uow, None, work_order, rating, comment).complaint_id


def feedback_on(uow: UnitOfWork, actor: Actor | None, work_order: WorkOrder, rating: int,
                comment: str | None) -> Feedback:
    if work_order.status not in (Status.COMPLETED, Status.CLOSED) or work_order.feedback is not None:
        raise WorkOrderLocked("Feedback is taken once, after the job is completed.",
                              current=work_order.status.value)
    feedback = Feedback(rating=rating, comment=comment, received_at=uow.now())
    if rating <= POOR_RATING:
        feedback.complaint_id = open_from_rating(uow, actor, work_order, rating, comment).id
    work_order.feedback = feedback
    work_order.touch(uow.now())
    uow.session.flush()
    return feedback
