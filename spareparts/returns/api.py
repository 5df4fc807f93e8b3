"""Faulty returns over HTTP: the engineer collects, the warehouse receives and dispositions."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint, Page

from core.auth import Role
from core.web import current_actor, current_uow, idempotent, roles
from spareparts.returns import schemas as s
from spareparts.returns import service as returns
from spareparts.returns.models import FaultyReturn

blp = Blueprint("returns", __name__)

WAREHOUSE, DISPATCHER, ENGINEER = Role.WAREHOUSE, Role.DISPATCHER, Role.ENGINEER  # admin passes every check
READERS = (WAREHOUSE, DISPATCHER, ENGINEER)


class WithOverdue:
    """Faulty returns annotated with ``overdue`` for today's (service-timezone) date."""

    def __init__(self, rows: Any, today: Any) -> None:
        self.rows, self.today = rows, today

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, window: slice) -> list[FaultyReturn]:
        return [_overdue(row, self.today) for row in self.rows[window]]


def _overdue(row: FaultyReturn, today: Any) -> FaultyReturn:
    row.overdue = row.overdue_on(today)  # type: ignore[attr-defined]
    return row


@blp.route("/faulty-returns", methods=["GET"])
@blp.arguments(s.FaultyReturnQuery, location="query", as_kwargs=True)
@blp.response(200, s.FaultyReturnOut(many=True))
@blp.paginate(Page)
@roles(*READERS)
def list_faulty_returns(**filters: Any) -> Any:
    """Parts owed back, soonest due first; ``overdue=true`` for the ones past due."""
    uow = current_uow()
    return WithOverdue(returns.list_returns(uow, current_actor(), filters), returns.today(uow))


@blp.route("/faulty-returns/compliance", methods=["GET"])
@blp.response(200, s.ComplianceOut)
@roles(WAREHOUSE, DISPATCHER)
def returns_compliance() -> Any:
    """Of the returns due before today, how many came back by their due day."""
    return returns.compliance(current_uow())


@blp.route("/faulty-returns/<int:return_id>", methods=["GET"])
@blp.response(200, s.FaultyReturnOut)
@roles(*READERS)
def get_faulty_return(return_id: int) -> Any:
    uow = current_uow()
    return _overdue(returns.get_return(uow, current_actor(), return_id), returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/collect", methods=["POST"])
@blp.arguments(s.CollectIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE, ENGINEER)
@idempotent
def collect_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    """The engineer took the faulty part from the customer into the van."""
    uow, actor = current_uow(), current_actor()
    returns.collect_owed(uow, actor, return_id, data.get("serial"))
    return _overdue(returns.get_return(uow, actor, return_id), returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/receive", methods=["POST"])
@blp.arguments(s.ReceiveIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE)
def receive_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    uow = current_uow()
    received = returns.receive(uow, current_actor(), return_id, data["warehouse_id"])
    return _overdue(received, returns.today(uow))


@blp.route("/faulty-returns/<int:return_id>/disposition", methods=["POST"])
@blp.arguments(s.DispositionIn)
@blp.response(200, s.FaultyReturnOut)
@roles(WAREHOUSE)
def disposition_faulty_part(data: dict[str, Any], return_id: int) -> Any:
    """refurbish (to repair), scrap, vendor, or restock (tested good: back on the shelf)."""
    uow = current_uow()
    done = returns.disposition(uow, current_actor(), return_id, data["disposition"], data.get("reason"))
    return _overdue(done, returns.today(uow))
