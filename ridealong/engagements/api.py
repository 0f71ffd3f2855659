"""Kinds of contact (a catalog admins extend) and engagements (contacts that happened).

Everyone signed in reads every engagement (sharing is the point) and logs new ones; who
logged it, its participants, their managers, program leads and admins change or delete it.
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_settings, require
from ridealong.core.api.errors import Conflict, all_or_invalid, get_or_invalid
from ridealong.core.api.schemas import (
    Filters,
    Id,
    Input,
    Moment,
    Ref,
    max_length,
    page,
    partial,
    responses,
)
from ridealong.customers.models import Contact, Customer
from ridealong.engagements import selectors, services
from ridealong.engagements.models import (
    ContactKind,
    Engagement,
    EngagementChannel,
    Part,
    Practice,
)
from ridealong.people.models import Person

router = Router()

# A single engagement has a handful of people and contacts; the cap keeps queries sane.
MAX_PEOPLE = 100

# --- kinds of contact -------------------------------------------------------------------------


class KindOut(Schema):
    id: int
    slug: str
    name: str
    practice: Practice
    is_live: bool = Field(description="Real customers, in real time.")
    description: str
    is_active: bool
    position: int


class KindIn(Input):
    name: str = Field(min_length=1, max_length=max_length(ContactKind, "name"))
    practice: Practice = Practice.OTHER
    is_live: bool = True
    description: str = ""
    is_active: bool = True
    position: int = Field(100, ge=0, le=32767, description="Order in lists, smallest first.")


if TYPE_CHECKING:
    KindPatch = KindIn  # for mypy: the same fields (optional at run time)
else:
    KindPatch = partial(KindIn)


class KindFilters(Filters):
    is_active: bool | None = Field(None, description="Leave out for every kind.")
    practice: Practice | None = None


class KindPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[KindOut]


TAG_KINDS = ["Kinds of contact"]


@router.get(
    "/kinds", response=responses(200, KindPage), tags=TAG_KINDS, summary="List kinds of contact"
)
def list_kinds(request: AuthenticatedHttpRequest, filters: Query[KindFilters]) -> dict:
    kinds = ContactKind.objects.order_by("position", "name", "id")
    if filters.is_active is not None:
        kinds = kinds.filter(is_active=filters.is_active)
    if filters.practice:
        kinds = kinds.filter(practice=filters.practice)
    return page(kinds, filters)


@router.post(
    "/kinds", response=responses(201, KindOut), tags=TAG_KINDS, summary="Add a kind of contact"
)
def create_kind(request: AuthenticatedHttpRequest, payload: KindIn) -> Status:
    """Admins."""
    require(can_manage_settings(request.user))
    return Status(201, services.kind_create(by=request.user, **payload.dict()))


@router.get(
    "/kinds/{kind_id}",
    response=responses(200, KindOut),
    tags=TAG_KINDS,
    summary="A kind of contact",
)
def read_kind(request: AuthenticatedHttpRequest, kind_id: Id) -> ContactKind:
    return selectors.get_kind_for_user(request.user, kind_id)


@router.patch(
    "/kinds/{kind_id}",
    response=responses(200, KindOut),
    tags=TAG_KINDS,
    summary="Change a kind of contact",
)
def update_kind(request: AuthenticatedHttpRequest, kind_id: Id, payload: KindPatch) -> ContactKind:
    """Admins."""
    kind = selectors.get_kind_for_user(request.user, kind_id, write=True)
    return services.kind_update(kind=kind, by=request.user, **payload.dict(exclude_unset=True))


@router.delete(
    "/kinds/{kind_id}",
    response=responses(204, None),
    tags=TAG_KINDS,
    summary="Delete a kind of contact",
)
def delete_kind(request: AuthenticatedHttpRequest, kind_id: Id) -> Status:
    """Admins, for a kind no engagement uses (409 otherwise: mark it inactive instead)."""
    kind = selectors.get_kind_for_user(request.user, kind_id, write=True)
    try:
        services.kind_delete(kind=kind, by=request.user)
    except ValidationError as refused:
        raise Conflict(" ".join(refused.messages)) from refused
    return Status(204, None)


# --- engagements ------------------------------------------------------------------------------


class ParticipantOut(Schema):
    person: int
    name: str
    part: Part


class EngagementOut(Schema):
    id: int
    kind: Ref
    customer: Ref | None
    contacts: list[Ref] = Field(description="The customer's contacts met (names only).")
    participants: list[ParticipantOut]
    started_at: datetime.datetime
    duration_minutes: int
    channel: EngagementChannel
    place: str
    summary: str
    notes: str
    created_by: int | None = Field(description="The id of the user who logged it.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_contacts(engagement: Engagement) -> list[dict[str, Any]]:
        return [{"id": c.pk, "name": c.name} for c in engagement.contacts.all()]

    @staticmethod
    def resolve_participants(engagement: Engagement) -> list[dict[str, Any]]:
        return [
            {"person": p.person_id, "name": p.person.full_name, "part": p.part}
            for p in engagement.participations.all()
        ]

    @staticmethod
    def resolve_created_by(engagement: Engagement) -> int | None:
        return engagement.created_by_id


class ParticipantIn(Input):
    person: Id
    part: Part = Part.OBSERVER


class EngagementIn(Input):
    kind: Id
    customer: Id | None = None
    contacts: list[Id] = Field([], max_length=MAX_PEOPLE, description="Ids of contacts met.")
    participants: list[ParticipantIn] = Field(max_length=MAX_PEOPLE)
    started_at: Moment = Field(description="With a time zone, e.g. 2025-03-04T09:30:00+01:00.")
    duration_minutes: int = Field(description="From 1 minute to 24 hours.")
    channel: EngagementChannel = EngagementChannel.ON_SITE
    place: str = Field("", max_length=max_length(Engagement, "place"))
    summary: str = Field(max_length=max_length(Engagement, "summary"))
    notes: str = ""


if TYPE_CHECKING:
    EngagementPatch = EngagementIn  # for mypy: the same fields (optional at run time)
else:
    EngagementPatch = partial(EngagementIn)


class EngagementFilters(Filters):
    customer: Id | None = None
    person: Id | None = Field(None, description="Engagements this person took part in.")
    kind: Id | None = None
    since: Moment | None = Field(None, description="Started at or after.")
    until: Moment | None = Field(None, description="Started before.")


class EngagementPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EngagementOut]


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    # A filter without a time zone means the organisation's (the active one).
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _engagement_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Ids → objects, each unknown id a 400 naming its field."""
    if "kind" in data:
        data["kind"] = get_or_invalid(ContactKind, data["kind"], "kind")
    if "customer" in data:
        data["customer"] = get_or_invalid(Customer, data["customer"], "customer")
    if "contacts" in data:
        found = all_or_invalid(Contact, data["contacts"], "contacts")
        data["contacts"] = [found[pk] for pk in dict.fromkeys(data["contacts"])]
    if "participants" in data:
        people = all_or_invalid(Person, [p["person"] for p in data["participants"]], "participants")
        data["participants"] = [(people[p["person"]], p["part"]) for p in data["participants"]]
    return data


def _for_output(request: AuthenticatedHttpRequest, engagement: Engagement) -> Engagement:
    return selectors.get_engagement_for_user(request.user, engagement.pk)


TAG_ENGAGEMENTS = ["Engagements"]


@router.get(
    "/engagements",
    response=responses(200, EngagementPage),
    tags=TAG_ENGAGEMENTS,
    summary="List engagements",
)
def list_engagements(request: AuthenticatedHttpRequest, filters: Query[EngagementFilters]) -> dict:
    """Newest first."""
    engagements = selectors.engagement_list(
        customer_id=filters.customer,
        person_ids={filters.person} if filters.person is not None else None,
        kind_id=filters.kind,
        since=_aware(filters.since),
        until=_aware(filters.until),
    ).prefetch_related("contacts")
    return page(engagements, filters)


@router.post(
    "/engagements",
    response=responses(201, EngagementOut),
    tags=TAG_ENGAGEMENTS,
    summary="Log an engagement",
)
def create_engagement(request: AuthenticatedHttpRequest, payload: EngagementIn) -> Status:
    """Anyone signed in. `participants`: [{"person": id, "part": "host" | "lead" | "observer"}]."""
    data = _engagement_fields(payload.dict())
    engagement = services.engagement_create(by=request.user, **data)
    return Status(201, _for_output(request, engagement))


@router.get(
    "/engagements/{engagement_id}",
    response=responses(200, EngagementOut),
    tags=TAG_ENGAGEMENTS,
    summary="An engagement",
)
def read_engagement(request: AuthenticatedHttpRequest, engagement_id: Id) -> Engagement:
    return selectors.get_engagement_for_user(request.user, engagement_id)


@router.patch(
    "/engagements/{engagement_id}",
    response=responses(200, EngagementOut),
    tags=TAG_ENGAGEMENTS,
    summary="Change an engagement",
)
def update_engagement(
    request: AuthenticatedHttpRequest,
    engagement_id: Id,
    payload: EngagementPatch,
) -> Engagement:
    """Who logged it, its participants, their managers, program leads and admins.
    Send only the fields to change; `participants` and `contacts` replace the lists."""
    engagement = selectors.get_engagement_for_user(request.user, engagement_id, write=True)
    current = {
        "kind": engagement.kind,
        "customer": engagement.customer,
        "contacts": list(engagement.contacts.all()),
        "participants": [(p.person, p.part) for p in engagement.participations.all()],
        "started_at": engagement.started_at,
        "duration_minutes": engagement.duration_minutes,
        "channel": engagement.channel,
        "place": engagement.place,
        "summary": engagement.summary,
        "notes": engagement.notes,
    }
    changed = _engagement_fields(payload.dict(exclude_unset=True))
    services.engagement_update(engagement=engagement, by=request.user, **(current | changed))
    return _for_output(request, engagement)


@router.delete(
    "/engagements/{engagement_id}",
    response=responses(204, None),
    tags=TAG_ENGAGEMENTS,
    summary="Delete an engagement",
)
def delete_engagement(request: AuthenticatedHttpRequest, engagement_id: Id) -> Status:
    """Who logged it, its participants, their managers, program leads and admins."""
    engagement = selectors.get_engagement_for_user(request.user, engagement_id, write=True)
    services.engagement_delete(engagement=engagement, by=request.user)
    return Status(204, None)
