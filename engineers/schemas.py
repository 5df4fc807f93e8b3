"""Request and response schemas for engineers, shifts and time off.

Load schemas list only what a client may set (marshmallow raises on anything else, so an
unknown or server-owned field is a 422); dump schemas carry ``dump_only`` server fields.
The field types with their bounds (one line, free text, dates, coordinates) are core's.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.schemas import Day, Lat, Lon, Prose, Text
from engineers.models import TimeOffReason, Weekday
from engineers.shifts import ShiftSource

SKILL_PATTERN = validate.Regexp(r"^[a-z0-9][a-z0-9_-]*$", error="Lower-case letters, digits, '-' and '_'.")


class LocalTime(fields.String):
    """Wall-clock ``HH:MM`` in the service timezone; seconds would be false precision."""

    PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
    default_error_messages = {"time": "Use HH:MM, 00:00 to 23:59."}

    def __init__(self, **options: Any) -> None:
        options.setdefault("metadata", {}).update({"pattern": self.PATTERN, "example": "08:30"})
        super().__init__(**options)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> time:
        raw = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(self.PATTERN, raw):
            raise self.make_error("time")
        return time.fromisoformat(raw)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else value.strftime("%H:%M")


class SkillLevel(Schema):
    skill = fields.String(required=True, validate=[validate.Length(min=1, max=64), SKILL_PATTERN])
    level = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1, max=3),
        metadata={"description": "1 basic, 2 experienced, 3 senior."},
    )


def skills_list(**options: Any) -> fields.List:
    return fields.List(fields.Nested(SkillLevel), validate=validate.Length(max=50), **options)


def _unique_skills(data: dict[str, Any]) -> None:
    names = [entry["skill"] for entry in data.get("skills") or []]
    if len(names) != len(set(names)):
        raise ValidationError("Each skill at most once.", field_name="skills")


class EngineerFields(Schema):
    """The fields a dispatcher edits, all optional: PATCH's schema, and the base of create's."""

    name = Text(120)
    phone = Text(32)
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    home_lat = Lat(metadata={"description": "WGS84 degrees."})
    home_lon = Lon(metadata={"description": "WGS84 degrees."})
    territory = Text(64, allow_none=True)
    max_travel_km = fields.Float(
        allow_none=True, validate=validate.Range(min=0, max=2000, min_inclusive=False)
    )
    active = fields.Boolean(
        metadata={
            "description": "false takes the engineer out of planning; "
            "engineers are deactivated, never deleted."
        }
    )


class EngineerCreateIn(EngineerFields):
    name = Text(120, required=True)
    phone = Text(32, required=True)
    home_lat = Lat(required=True)
    home_lon = Lon(required=True)
    skills = skills_list(load_default=list)

    @validates_schema
    def skills_are_unique(self, data: dict[str, Any], **_: Any) -> None:
        _unique_skills(data)


class EngineerPatchIn(EngineerFields):
    @validates_schema
    def something_to_change(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Send at least one field to change.")
        for required in ("name", "phone", "home_lat", "home_lon", "active"):
            if required in data and data[required] is None:
                raise ValidationError("May not be null.", field_name=required)


class SkillsIn(Schema):
    skills = skills_list(required=True)

    @validates_schema
    def skills_are_unique(self, data: dict[str, Any], **_: Any) -> None:
        _unique_skills(data)


class SkillsOut(Schema):
    engineer_id = fields.Integer(dump_only=True, required=True, attribute="id")
    version = fields.Integer(dump_only=True, required=True)
    skills = fields.List(fields.Nested(SkillLevel), dump_only=True, required=True)


class EngineerOut(Schema):
    """Warehouse staff get only id, name, territory and active (to know whose van)."""

    id = fields.Integer(dump_only=True, required=True)
    name = fields.String(dump_only=True, required=True)
    phone = fields.String(dump_only=True)
    email = fields.String(dump_only=True, allow_none=True)
    home_lat = fields.Float(dump_only=True)
    home_lon = fields.Float(dump_only=True)
    territory = fields.String(dump_only=True, allow_none=True)
    max_travel_km = fields.Float(dump_only=True, allow_none=True)
    active = fields.Boolean(dump_only=True, required=True)
    skills = fields.List(fields.Nested(SkillLevel), dump_only=True)
    version = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class EngineerListArgs(Schema):
    active = fields.Boolean()
    skill = fields.String(validate=[validate.Length(min=1, max=64), SKILL_PATTERN])
    min_level = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=3),
        metadata={"description": "With skill: at least this level."},
    )
    territory = Text(64)


class ShiftHoursFields(Schema):
    """One working day's hours; the rules between them (end after start, break inside the
    shift) are the domain's, in ``engineers.shifts.ShiftHours``."""

    shift_start = LocalTime(required=True)
    shift_end = LocalTime(required=True)
    break_window_start = LocalTime(allow_none=True, metadata={"description": "Earliest break start."})
    break_window_end = LocalTime(allow_none=True, metadata={"description": "Latest break end."})
    break_length_min = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=240))
    overtime_allowed_min = fields.Integer(
        load_default=0, strict=True, validate=validate.Range(min=0, max=720)
    )
    overtime_cost_per_hour = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=10000))


class WeeklyDayIn(ShiftHoursFields):
    weekday = fields.Enum(
        Weekday, by_value=False, required=True, metadata={"description": "MONDAY … SUNDAY."}
    )


class WeeklyPatternIn(Schema):
    days = fields.List(
        fields.Nested(WeeklyDayIn),
        required=True,
        validate=validate.Length(max=7),
        metadata={"description": "Weekdays left out are days off."},
    )

    @validates_schema
    def one_entry_per_weekday(self, data: dict[str, Any], **_: Any) -> None:
        weekdays = [entry["weekday"] for entry in data.get("days", [])]
        if len(weekdays) != len(set(weekdays)):
            raise ValidationError("Each weekday at most once.", field_name="days")


class WeeklyDayOut(Schema):
    weekday = fields.Method("weekday_name", dump_only=True, required=True)
    shift_start = LocalTime(dump_only=True, required=True)
    shift_end = LocalTime(dump_only=True, required=True)
    break_window_start = LocalTime(dump_only=True, allow_none=True)
    break_window_end = LocalTime(dump_only=True, allow_none=True)
    break_length_min = fields.Integer(dump_only=True, allow_none=True)
    overtime_allowed_min = fields.Integer(dump_only=True, required=True)
    overtime_cost_per_hour = fields.Float(dump_only=True, required=True)

    def weekday_name(self, row: Any) -> str:
        return Weekday(row.weekday).name


class WeeklyPatternOut(Schema):
    days = fields.List(fields.Nested(WeeklyDayOut), dump_only=True, required=True)


class ShiftExceptionIn(ShiftHoursFields):
    on_date = Day(required=True)
    day_off = fields.Boolean(load_default=False)
    shift_start = LocalTime(allow_none=True, metadata={"description": "Required unless day_off."})
    shift_end = LocalTime(allow_none=True, metadata={"description": "Required unless day_off."})
    note = Prose(200, allow_none=True)


class ShiftExceptionOut(Schema):
    on_date = fields.Date(dump_only=True, required=True)
    day_off = fields.Boolean(dump_only=True, required=True)
    shift_start = LocalTime(dump_only=True, allow_none=True)
    shift_end = LocalTime(dump_only=True, allow_none=True)
    break_window_start = LocalTime(dump_only=True, allow_none=True)
    break_window_end = LocalTime(dump_only=True, allow_none=True)
    break_length_min = fields.Integer(dump_only=True, allow_none=True)
    overtime_allowed_min = fields.Integer(dump_only=True, required=True)
    overtime_cost_per_hour = fields.Float(dump_only=True, required=True)
    note = fields.String(dump_only=True, allow_none=True)


class ShiftRangeArgs(Schema):
    date = Day(metadata={"description": "One day; or give from and to."})
    from_ = Day(data_key="from")
    to = Day()

    @validates_schema
    def a_day_or_a_range(self, data: dict[str, Any], **_: Any) -> None:
        if "date" in data and ("from_" in data or "to" in data):
            raise ValidationError("Give date, or from and to, not both.", field_name="date")
        if "date" not in data and ("from_" not in data or "to" not in data):
            raise ValidationError("Give date, or both from and to.", field_name="date")


class EffectiveShiftOut(Schema):
    """A resolved day, in aware UTC, as the planner uses it."""

    date = fields.Date(dump_only=True, required=True, attribute="day")
    working = fields.Boolean(dump_only=True, required=True)
    source = fields.Enum(ShiftSource, by_value=True, dump_only=True, required=True)
    start = fields.AwareDateTime(dump_only=True, allow_none=True, required=True)
    end = fields.AwareDateTime(dump_only=True, allow_none=True, required=True)
    break_window_start = fields.AwareDateTime(dump_only=True, allow_none=True, required=True)
    break_window_end = fields.AwareDateTime(dump_only=True, allow_none=True, required=True)
    break_length_min = fields.Integer(dump_only=True, required=True)
    overtime_allowed_min = fields.Integer(dump_only=True, required=True)
    overtime_cost_per_hour = fields.Float(dump_only=True, required=True)
    time_off_reason = fields.Enum(
        TimeOffReason, by_value=True, dump_only=True, allow_none=True, required=True
    )


class TimeOffIn(Schema):
    first_day = Day(required=True)
    last_day = Day(required=True, metadata={"description": "Inclusive."})
    reason = fields.Enum(TimeOffReason, by_value=True, required=True)
    note = Prose(200, allow_none=True)


class TimeOffOut(Schema):
    id = fields.Integer(dump_only=True, required=True)
    first_day = fields.Date(dump_only=True, required=True)
    last_day = fields.Date(dump_only=True, required=True)
    reason = fields.Enum(TimeOffReason, by_value=True, dump_only=True, required=True)
    note = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True, required=True)
