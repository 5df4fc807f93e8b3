"""HTTP views for engineers, their skills, shifts and time off.

Admin and dispatcher manage everyone; an engineer reads only their own record, shifts and
time off (any other id is 404); warehouse staff read names to know whose van is whose.
Rights beyond the role are the services' to check.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_smorest import Blueprint, Page
from marshmallow import ValidationError

from core.auth import Actor, Role
from core.db import SelectCollection
from core.errors import FieldError, InvalidInput
from core.schemas import Day
from core.web import current_actor, current_uow, etag_for, if_match_version, roles
from engineers import service, working_time
from engineers.models import Engineer
from engineers.schemas import (
    EffectiveShiftOut,
    EngineerCreateIn,
    EngineerListArgs,
    EngineerOut,
    EngineerPatchIn,
    ShiftExceptionIn,
    ShiftExceptionOut,
    ShiftRangeArgs,
    SkillsIn,
    SkillsOut,
    TimeOffIn,
    TimeOffOut,
    WeeklyPatternIn,
    WeeklyPatternOut,
)

blp = Blueprint(
    "engineers",
    __name__,
    url_prefix="/api/v1",
    description="Engineers: skills, weekly shifts, dated exceptions, time off",
)

MANAGER = (Role.DISPATCHER,)  # admin is always allowed by core.web
ENGINEER_READERS = (Role.DISPATCHER, Role.ENGINEER)
ALL_READERS = (Role.DISPATCHER, Role.ENGINEER, Role.WAREHOUSE)
WAREHOUSE_FIELDS = ("id", "name", "territory", "active")
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "description": 'The ETag read (like "3"); when stale, nothing is written and the answer is 412.',
    "schema": {"type": "string", "maxLength": 64},
}
ETAG = {"ETag": {"description": "The engineer's version, for If-Match.", "schema": {"type": "string"}}}


class NamesOnly:
    """A collection seen by warehouse staff: each engineer cut down to whose van it is."""

    def __init__(self, collection: SelectCollection) -> None:
        self.collection = collection

    def __len__(self) -> int:
        return len(self.collection)

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [_names_only(engineer) for engineer in self.collection[window]]


def _names_only(engineer: Engineer) -> dict[str, Any]:
    return {name: getattr(engineer, name) for name in WAREHOUSE_FIELDS}


def _shown(engineer: Engineer, actor: Actor) -> tuple[Any, dict[str, str]]:
    body = _names_only(engineer) if actor.role is Role.WAREHOUSE else engineer
    return body, {"ETag": etag_for(engineer.version)}


@blp.route("/engineers", methods=["GET"])
@blp.arguments(EngineerListArgs, location="query")
@blp.response(200, EngineerOut(many=True))
@blp.paginate(Page)
@roles(*ALL_READERS)
def list_engineers(args: dict[str, Any]) -> Any:
    """Engineers by name; filter by active, skill (with min_level) and territory."""
    actor = current_actor()
    found = service.list_engineers(current_uow(), actor, **args)
    return NamesOnly(found) if actor.role is Role.WAREHOUSE else found


@blp.route("/engineers", methods=["POST"])
@blp.arguments(EngineerCreateIn)
@blp.response(201, EngineerOut)
@roles(*MANAGER)
def create_engineer(data: dict[str, Any]) -> Any:
    skills = {entry["skill"]: entry["level"] for entry in data.pop("skills")}
    engineer = service.create_engineer(current_uow(), skills=skills, **data)
    return _shown(engineer, current_actor())


@blp.route("/engineers/<int:engineer_id>", methods=["GET"])
@blp.response(200, EngineerOut, headers=ETAG)
@roles(*ALL_READERS)
def get_engineer(engineer_id: int) -> Any:
    actor = current_actor()
    return _shown(service.get_engineer(current_uow(), actor, engineer_id), actor)


@blp.route("/engineers/<int:engineer_id>", methods=["PATCH"])
@blp.arguments(EngineerPatchIn)
@blp.response(200, EngineerOut, headers=ETAG)
@blp.doc(parameters=[IF_MATCH])
@roles(*ENGINEER_READERS)
def patch_engineer(changes: dict[str, Any], engineer_id: int) -> Any:
    """Changes the fields sent. ``If-Match`` (the ETag read) is optional; stale → 412.
    Send ``active: false`` to deactivate: engineers are never deleted."""
    actor = current_actor()
    engineer = service.update_engineer(current_uow(), actor, engineer_id, changes, if_match_version())
    return _shown(engineer, actor)


@blp.route("/engineers/<int:engineer_id>/skills", methods=["PUT"])
@blp.arguments(SkillsIn)
@blp.response(200, SkillsOut, headers=ETAG)
@blp.doc(parameters=[IF_MATCH])
@roles(*ENGINEER_READERS)
def put_skills(data: dict[str, Any], engineer_id: int) -> Any:
    """Replaces the whole set of skills with their levels (1 basic … 3 senior)."""
    levels = {entry["skill"]: entry["level"] for entry in data["skills"]}
    engineer = service.replace_skills(current_uow(), current_actor(), engineer_id, levels, if_match_version())
    return engineer, {"ETag": etag_for(engineer.version)}


@blp.route("/engineers/<int:engineer_id>/shifts", methods=["GET"])
@blp.arguments(ShiftRangeArgs, location="query")
@blp.response(200, EffectiveShiftOut(many=True))
@roles(*ENGINEER_READERS)
def get_shifts(args: dict[str, Any], engineer_id: int) -> Any:
    """Each day's effective hours in UTC: a dated exception beats time off beats the week."""
    first_day = args.get("date") or args["from_"]
    last_day = args.get("date") or args["to"]
    return working_time.effective_shifts(current_uow(), current_actor(), engineer_id, first_day, last_day)


@blp.route("/engineers/<int:engineer_id>/shifts", methods=["PUT"])
@blp.arguments(WeeklyPatternIn)
@blp.response(200, WeeklyPatternOut)
@roles(*ENGINEER_READERS)
def put_weekly_pattern(data: dict[str, Any], engineer_id: int) -> Any:
    """Replaces the weekly pattern (local times, HH:MM); weekdays left out are days off."""
    days = working_time.replace_weekly_pattern(current_uow(), current_actor(), engineer_id, data["days"])
    return {"days": days}


@blp.route("/engineers/<int:engineer_id>/shifts/weekly", methods=["GET"])
@blp.response(200, WeeklyPatternOut)
@roles(*ENGINEER_READERS)
def get_weekly_pattern(engineer_id: int) -> Any:
    return {"days": working_time.weekly_pattern(current_uow(), current_actor(), engineer_id)}


@blp.route("/engineers/<int:engineer_id>/shifts", methods=["POST"])
@blp.arguments(ShiftExceptionIn)
@blp.response(201, ShiftExceptionOut)
@roles(*ENGINEER_READERS)
def post_shift_exception(data: dict[str, Any], engineer_id: int) -> Any:
    """Other hours, or ``day_off``, on one date; posting the same date again replaces it."""
    return working_time.set_shift_exception(current_uow(), current_actor(), engineer_id, data)


@blp.route("/engineers/<int:engineer_id>/shifts/<string:on_date>", methods=["DELETE"])
@blp.response(204)
@roles(*ENGINEER_READERS)
def delete_shift_exception(engineer_id: int, on_date: str) -> None:
    """Removes the date's exception; the day falls back to time off or the weekly pattern."""
    parsed = _path_date(on_date)
    working_time.remove_shift_exception(current_uow(), current_actor(), engineer_id, parsed)


@blp.route("/engineers/<int:engineer_id>/time-off", methods=["GET"])
@blp.response(200, TimeOffOut(many=True))
@roles(*ENGINEER_READERS)
def list_time_off(engineer_id: int) -> Any:
    return working_time.list_time_off(current_uow(), current_actor(), engineer_id)


@blp.route("/engineers/<int:engineer_id>/time-off", methods=["POST"])
@blp.arguments(TimeOffIn)
@blp.response(201, TimeOffOut)
@roles(*ENGINEER_READERS)
def post_time_off(data: dict[str, Any], engineer_id: int) -> Any:
    """Whole days, first to last inclusive; overlapping bookings are refused (409)."""
    return working_time.add_time_off(current_uow(), current_actor(), engineer_id, **data)


@blp.route("/engineers/<int:engineer_id>/time-off/<int:time_off_id>", methods=["DELETE"])
@blp.response(204)
@roles(*ENGINEER_READERS)
def delete_time_off(engineer_id: int, time_off_id: int) -> None:
    working_time.remove_time_off(current_uow(), current_actor(), engineer_id, time_off_id)


def _path_date(raw: str) -> date:
    """Path segments are not parsed by webargs, so a bad date is refused here, naming the field."""
    try:
        return Day().deserialize(raw)
    except ValidationError as error:
        raise InvalidInput(
            "Not a usable date.",
            [FieldError("on_date", " ".join(map(str, error.messages)) or "Use YYYY-MM-DD.", "path")],
        ) from error
