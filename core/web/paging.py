"""Ids in paths and pagination of lists, the same on every blueprint."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_smorest import pagination as smorest_pagination
from flask_smorest.pagination import PaginationParameters
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` ids beyond the key column's range cannot exist: 404 before the database
    overflows on them (a 500 otherwise)."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _pagination_parameters_schema(
    default_page: int, default_per_page: int, max_per_page: int
) -> type[ma.Schema]:
    """The DESIGN's ``?page=&per_page=`` instead of flask-smorest's ``page_size``."""

    class PaginationParametersSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        page = ma.fields.Integer(load_default=default_page, validate=ma.validate.Range(min=1))
        per_page = ma.fields.Integer(
            load_default=default_per_page, validate=ma.validate.Range(min=1, max=max_per_page)
        )

        @ma.post_load
        def make_paginator(self, data: dict[str, int], **_kwargs: Any) -> PaginationParameters:
            return PaginationParameters(data["page"], data["per_page"])

    return PaginationParametersSchema


# flask-smorest looks this factory up when ``@blp.paginate`` decorates a view; there is no
# setting for the parameter's name, so the one function is replaced before any view exists.
smorest_pagination._pagination_parameters_schema_factory = _pagination_parameters_schema
