"""Versions as ETags: a client sends back the version it read as ``If-Match``, so a change
made on a stale copy is refused (412) instead of overwriting a newer one."""

from __future__ import annotations

from flask import request

from core.errors import FieldError, PreconditionFailed


def if_match_version() -> int | None:
    """The version a client read, from ``If-Match: "7"``; None when it sent none."""
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()):  # "²".isdigit() is True, int("²") fails
        raise PreconditionFailed(
            "If-Match must be the ETag you read, like \"3\".",
            errors=[FieldError("If-Match", "Not an ETag of this resource.", "header")],
        )
    return int(value)


def etag_for(version: int) -> str:
    return f'"{version}"'
