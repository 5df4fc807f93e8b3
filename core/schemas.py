"""Schemas shared by every blueprint: the problem document and pagination arguments."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields


class FieldErrorSchema(Schema):
    field = fields.String(required=True)
    in_ = fields.String(data_key="in", required=True)
    detail = fields.String(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details, plus a stable ``code`` and per-field ``errors``.

    Open to further members (RFC 9457 §3.2): a domain error adds its own context.
    """

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    code = fields.String(required=True)
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldErrorSchema))
    request_id = fields.String()
    allowed = fields.List(fields.String())
    current = fields.String()
    retry_after_s = fields.Integer()
