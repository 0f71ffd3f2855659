"""Shapes shared by every resource of the API: input rules, pages, errors, references.

Every input schema derives from `Input`, which rejects NUL characters in any string before
anything reaches the database (PostgreSQL refuses them), strips surrounding whitespace as the
pages' forms do, and refuses fields it does not know rather than ignoring a typo.
"""

import copy
import datetime
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from django.db import models
from django.db.models import QuerySet
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, create_model, field_validator

MAX_ID = 2**63 - 1  # the largest primary key a database holds (SQLite and PostgreSQL bigint)
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 10**9

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def max_length(model: type[models.Model], field: str) -> int:
    """The max_length of a model's field, so the API refuses what the database would."""
    model_field = model._meta.get_field(field)
    assert isinstance(model_field, models.Field), f"{model.__name__}.{field} is a relation"
    length = model_field.max_length
    assert length is not None, f"{model.__name__}.{field} has no max_length"
    return length


def _plausible(moment: datetime.datetime) -> datetime.datetime:
    # Far-off years overflow when converted to UTC; no customer contact is that old or new.
    if not 1900 <= moment.year <= 2999:
        raise ValueError("is not a plausible date (years 1900 to 2999)")
    return moment


Moment = Annotated[datetime.datetime, AfterValidator(_plausible)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class Input(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("contains a NUL character")
        # Python's strip, as Django's form fields do (pydantic's keeps e.g. \x1f).
        return value.strip() if isinstance(value, str) else value


S = TypeVar("S", bound=Input)


def partial(schema: type[S]) -> type[S]:
    """The same fields, none required: for PATCH, where what is not sent stays as it is.

    A field that may not be null still refuses an explicit null (only the default is None,
    and pydantic does not validate defaults); read the sent fields with exclude_unset.
    """
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        optional = copy.copy(info)
        optional.default = None
        optional.default_factory = None
        fields[name] = (info.annotation, optional)
    return create_model(f"{schema.__name__}Patch", __base__=schema, **fields)


def choice_or_blank(choices: type[models.TextChoices]) -> Any:
    """The choices of a field that may also be left blank (""), for the OpenAPI enum."""
    return Literal[("", *choices.values)]


class Filters(Input):
    """Pagination, shared by every list: `limit` (at most 200) items from `offset`."""

    # Query strings carry other parameters (cache busters, tracking); do not refuse them.
    model_config = ConfigDict(extra="ignore")

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 200.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def page(
    queryset: QuerySet, filters: Filters, present: Callable[[list[Any]], list[Any]] | None = None
) -> dict[str, Any]:
    """One page of a queryset with the total count; `present` turns the rows into output."""
    rows = list(queryset[filters.offset : filters.offset + filters.limit])
    return {
        "count": queryset.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": present(rows) if present else rows,
    }


class Error(Schema):
    """Every error: a sentence for people, and for bad input the messages per field."""

    detail: str
    errors: dict[str, list[str]] | None = None


class Ref(Schema):
    """A related object, by id and name."""

    id: int
    name: str


class PersonRef(Ref):
    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.full_name


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error}


def responses(status: int, schema: Any) -> dict[int, Any]:
    """The success response plus the errors every operation may answer with."""
    return {status: schema, **ERRORS}
