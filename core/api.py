"""``/auth``: exchange a username and password for a bearer token; who am I."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from core.auth import Role, login, revoke_token
from core.web import bearer_token, current_actor, current_uow, public, roles, runtime

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Log in and out")

ALL_ROLES = tuple(Role)


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256), load_only=True)


class TokenOut(Schema):
    token = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    expires_at = fields.AwareDateTime(required=True)


class MeOut(Schema):
    user_id = fields.Integer(required=True)
    username = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    engineer_id = fields.Integer(allow_none=True)


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginIn)
@blp.response(200, TokenOut)
@public
def post_login(data: dict[str, Any]) -> Any:
    rt = runtime()
    return login(current_uow(), rt.hasher, rt.throttle, data["username"], data["password"],
                 request.remote_addr or "-", rt.settings["TOKEN_TTL_S"])


@blp.route("/logout", methods=["POST"])
@blp.response(204)
@roles(*ALL_ROLES)
def post_logout() -> None:
    revoke_token(current_uow(), bearer_token() or "")


@blp.route("/me")
@blp.response(200, MeOut)
@roles(*ALL_ROLES)
def get_me() -> Any:
    return current_actor()
