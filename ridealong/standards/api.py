"""The standards part of the REST API (mounted by config.api).

Standards and groups: everyone reads; program leads and admins write.
Progress: one's own; a person's for themselves, their managers (up the chain), program
leads and admins — and everyone for leaders (leaders are the role model).
Availability: one's own; a person's for their managers, program leads and admins.
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.api.errors import Conflict, all_or_invalid, get_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, Ref, max_length, page, partial, responses
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department, Person, RoleKind
from ridealong.standards import selectors, services
from ridealong.standards.models import OutOfOffice, PeopleGroup, PeriodUnit, Scope, Standard

router = Router()

TAG_STANDARDS = ["Standards"]
TAG_PROGRESS = ["Progress"]
TAG_AVAILABILITY = ["Availability"]

# --- standards --------------------------------------------------------------------------------


class StandardOut(Schema):
    id: int
    name: str
    description: str
    scope: Scope
    department: int | None = Field(None, alias="department_id")
    role_kind: str
    group: int | None = Field(None, alias="group_id")
    period_length: int
    period_unit: PeriodUnit
    period_days: int
    min_minutes: int | None = Field(description="Minimum exposure in minutes (null: not asked).")
    min_contacts: int | None
    min_live: int
    kinds: list[int] = Field(description="Only these kinds count; empty: every kind.")
    is_active: bool

    @staticmethod
    def resolve_kinds(obj: Standard) -> list[int]:
        return [k.pk for k in obj.kinds.all()]


class StandardIn(Input):
    name: str = Field(min_length=1, max_length=max_length(Standard, "name"))
    description: str = Field("", max_length=max_length(Standard, "description"))
    scope: Scope = Scope.EVERYONE
    department: Id | None = None
    role_kind: RoleKind | None = None
    group: Id | None = None
    period_length: int = Field(6, ge=1, le=366)
    period_unit: PeriodUnit = PeriodUnit.WEEKS
    min_minutes: int | None = Field(None, ge=1, le=services.MAX_MINUTES)
    min_contacts: int | None = Field(None, ge=1, le=services.MAX_CONTACTS)
    min_live: int = Field(0, ge=0, le=services.MAX_CONTACTS)
    kinds: list[Id] = Field(default_factory=list, max_length=100)
    is_active: bool = True


if TYPE_CHECKING:
    StandardPatch = StandardIn  # for mypy: the same fields (optional at run time)
else:
    StandardPatch = partial(StandardIn)


class StandardFilters(Filters):
    is_active: bool | None = Field(None, description="Leave out for every standard.")


class StandardPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[StandardOut]


def _standard_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Ids in the body turned into objects (400 naming the field when one does not exist)."""
    if "department" in data:
        data["department"] = get_or_invalid(Department, data["department"], "department")
    if "group" in data:
        data["group"] = get_or_invalid(PeopleGroup, data["group"], "group")
    if "role_kind" in data:
        data["role_kind"] = data["role_kind"] or ""
    if "kinds" in data:
        data["kinds"] = list(all_or_invalid(ContactKind, data["kinds"] or [], "kinds").values())
    return data


@router.get(
    "/standards",
    response=responses(200, StandardPage),
    tags=TAG_STANDARDS,
    summary="List standards",
)
def list_standards(request: AuthenticatedHttpRequest, filters: Query[StandardFilters]) -> dict:
    standards = selectors.standard_list()
    if filters.is_active is not None:
        standards = standards.filter(is_active=filters.is_active)
    return page(standards, filters)


@router.post(
    "/standards", response=responses(201, StandardOut), tags=TAG_STANDARDS, summary="Add a standard"
)
def create_standard(request: AuthenticatedHttpRequest, payload: StandardIn) -> Status:
    """Program leads and admins."""
    require(selectors.can_manage_standards(request.user))
    standard = services.standard_create(by=request.user, **_standard_fields(payload.dict()))
    return Status(201, selectors.get_standard_for_user(request.user, standard.pk))


@router.get(
    "/standards/{standard_id}",
    response=responses(200, StandardOut),
    tags=TAG_STANDARDS,
    summary="A standard",
)
def read_standard(request: AuthenticatedHttpRequest, standard_id: Id) -> Standard:
    return selectors.get_standard_for_user(request.user, standard_id)


@router.patch(
    "/standards/{standard_id}",
    response=responses(200, StandardOut),
    tags=TAG_STANDARDS,
    summary="Change a standard",
)
def update_standard(
    request: AuthenticatedHttpRequest, standard_id: Id, payload: StandardPatch
) -> Standard:
    """Program leads and admins. Send `is_active: false` to deactivate."""
    standard = selectors.get_standard_for_user(request.user, standard_id, write=True)
    data = _standard_fields(payload.dict(exclude_unset=True))
    services.standard_update(standard=standard, by=request.user, **data)
    return selectors.get_standard_for_user(request.user, standard_id)


@router.delete(
    "/standards/{standard_id}",
    response=responses(204, None),
    tags=TAG_STANDARDS,
    summary="Delete a standard",
)
def delete_standard(request: AuthenticatedHttpRequest, standard_id: Id) -> Status:
    """Program leads and admins. Progress is computed, so nothing else is lost."""
    standard = selectors.get_standard_for_user(request.user, standard_id, write=True)
    services.standard_delete(standard=standard, by=request.user)
    return Status(204, None)


# --- groups -----------------------------------------------------------------------------------


class GroupOut(Schema):
    id: int
    name: str
    description: str
    members: list[int]

    @staticmethod
    def resolve_members(obj: PeopleGroup) -> list[int]:
        return [p.pk for p in obj.members.all()]


class GroupIn(Input):
    name: str = Field(min_length=1, max_length=max_length(PeopleGroup, "name"))
    description: str = Field("", max_length=max_length(PeopleGroup, "description"))
    members: list[Id] = Field(default_factory=list, max_length=10_000)


if TYPE_CHECKING:
    GroupPatch = GroupIn  # for mypy: the same fields (optional at run time)
else:
    GroupPatch = partial(GroupIn)


class GroupPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[GroupOut]


def _members(ids: list[int] | None) -> list[Person] | None:
    return None if ids is None else list(all_or_invalid(Person, ids, "members").values())


@router.get(
    "/standard-groups",
    response=responses(200, GroupPage),
    tags=TAG_STANDARDS,
    summary="List groups",
)
def list_groups(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    return page(PeopleGroup.objects.prefetch_related("members").order_by("name", "id"), filters)


@router.post(
    "/standard-groups", response=responses(201, GroupOut), tags=TAG_STANDARDS, summary="Add a group"
)
def create_group(request: AuthenticatedHttpRequest, payload: GroupIn) -> Status:
    """Program leads and admins."""
    require(selectors.can_manage_standards(request.user))
    data = payload.dict()
    group = services.group_create(
        by=request.user,
        name=data["name"],
        description=data["description"],
        members=_members(data["members"]) or [],
    )
    return Status(201, group)


@router.get(
    "/standard-groups/{group_id}",
    response=responses(200, GroupOut),
    tags=TAG_STANDARDS,
    summary="A group",
)
def read_group(request: AuthenticatedHttpRequest, group_id: Id) -> PeopleGroup:
    return selectors.get_group_for_user(request.user, group_id)


@router.patch(
    "/standard-groups/{group_id}",
    response=responses(200, GroupOut),
    tags=TAG_STANDARDS,
    summary="Change a group",
)
def update_group(
    request: AuthenticatedHttpRequest, group_id: Id, payload: GroupPatch
) -> PeopleGroup:
    """Program leads and admins. `members` replaces the whole list."""
    group = selectors.get_group_for_user(request.user, group_id, write=True)
    data = payload.dict(exclude_unset=True)
    return services.group_update(
        group=group,
        by=request.user,
        name=data.get("name"),
        description=data.get("description"),
        members=_members(data["members"]) if "members" in data else None,
    )


@router.delete(
    "/standard-groups/{group_id}",
    response=responses(204, None),
    tags=TAG_STANDARDS,
    summary="Delete a group",
)
def delete_group(request: AuthenticatedHttpRequest, group_id: Id) -> Status:
    """Program leads and admins; 409 while a standard applies to the group."""
    group = selectors.get_group_for_user(request.user, group_id, write=True)
    try:
        services.group_delete(group=group, by=request.user)
    except ValidationError as refused:
        raise Conflict(" ".join(refused.messages)) from refused
    return Status(204, None)


# --- progress ---------------------------------------------------------------------------------


class StandardProgressOut(Schema):
    standard: Ref
    minutes_done: int
    minutes_needed: int
    contacts_done: int
    contacts_needed: int
    live_done: int
    live_needed: int
    minutes_missing: int
    contacts_missing: int
    live_missing: int
    met: bool
    days_left: int = Field(
        description="Met: days it stays met without a new contact. Behind: days the missing "
        "amount stays as it is (until the oldest counted contact drops out). 0: due now."
    )
    window_start: datetime.date
    summary: str = Field(description='e.g. "1 h 30 of 2 h, 17 days left"')


class NewHireOut(Schema):
    applies: bool
    needs_support_seat: bool
    deadline: datetime.date | None


class ProgressOut(Schema):
    person: Ref
    today: datetime.date
    met: bool
    standards: list[StandardProgressOut]
    new_hire: NewHireOut
    last_contact_on: datetime.date | None
    days_since_contact: int | None
    tightest_standard: int | None
    minutes_missing: int
    contacts_missing: int
    live_missing: int


def _progress_out(mine: selectors.PersonProgress) -> dict[str, Any]:
    return {
        "person": {"id": mine.person.pk, "name": mine.person.full_name},
        "today": mine.today,
        "met": mine.met,
        "standards": [
            {
                "standard": {"id": item.standard.pk, "name": item.standard.name},
                "minutes_done": item.progress.minutes_done,
                "minutes_needed": item.progress.minutes_needed,
                "contacts_done": item.progress.contacts_done,
                "contacts_needed": item.progress.contacts_needed,
                "live_done": item.progress.live_done,
                "live_needed": item.progress.live_needed,
                "minutes_missing": item.progress.minutes_missing,
                "contacts_missing": item.progress.contacts_missing,
                "live_missing": item.progress.live_missing,
                "met": item.progress.met,
                "days_left": item.progress.days_left,
                "window_start": item.progress.window_start,
                "summary": item.progress.summary(),
            }
            for item in mine.items
        ],
        "new_hire": {
            "applies": mine.new_hire.applies,
            "needs_support_seat": mine.new_hire.needs_support_seat,
            "deadline": mine.new_hire.deadline,
        },
        "last_contact_on": mine.last_contact_on,
        "days_since_contact": mine.days_since_contact,
        "tightest_standard": mine.deficit.standard_id,
        "minutes_missing": mine.deficit.minutes_missing,
        "contacts_missing": mine.deficit.contacts_missing,
        "live_missing": mine.deficit.live_missing,
    }


def _own_person(request: AuthenticatedHttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Your login is not linked to a person in the directory.")
    return person


@router.get(
    "/progress/me",
    response=responses(200, ProgressOut),
    tags=TAG_PROGRESS,
    summary="My progress",
)
def my_progress(request: AuthenticatedHttpRequest) -> dict:
    """404 when your login is not linked to a person."""
    person = _own_person(request)
    return _progress_out(selectors.progress_for([person])[person.pk])


@router.get(
    "/progress/{person_id}",
    response=responses(200, ProgressOut),
    tags=TAG_PROGRESS,
    summary="A person's progress",
)
def person_progress(request: AuthenticatedHttpRequest, person_id: Id) -> dict:
    """Themselves, their managers, program leads and admins; everyone for leaders."""
    person = selectors.get_person_progress_for_user(request.user, person_id)
    return _progress_out(selectors.progress_for([person])[person.pk])


# --- availability -----------------------------------------------------------------------------


class AbsenceOut(Schema):
    id: int
    starts_on: datetime.date
    ends_on: datetime.date
    reason: str


class AvailabilityOut(Schema):
    person: int
    working_days: list[int] = Field(description="0 = Monday … 6 = Sunday.")
    weekly_max: int
    preferred_kinds: list[int]
    out_of_office: list[AbsenceOut] = Field(description="Today and later.")


class AvailabilityPatch(Input):
    working_days: list[int] | None = Field(None, max_length=7)
    weekly_max: int | None = Field(None, ge=0, le=50)
    preferred_kinds: list[Id] | None = Field(None, max_length=100)


class AbsenceIn(Input):
    starts_on: datetime.date
    ends_on: datetime.date
    reason: str = Field("", max_length=max_length(OutOfOffice, "reason"))


def _availability_out(person: Person) -> dict[str, Any]:
    availability = selectors.availability_of(person)
    return {
        "person": person.pk,
        "working_days": sorted(availability.weekdays),
        "weekly_max": availability.weekly_max,
        "preferred_kinds": [k.pk for k in availability.preferred_kinds.all()]
        if availability.pk
        else [],
        "out_of_office": list(selectors.absences_of(person)),
    }


def _update_availability(
    request: AuthenticatedHttpRequest, person: Person, payload: AvailabilityPatch
) -> dict:
    data = payload.dict(exclude_unset=True)
    if data.get("preferred_kinds") is not None:
        data["preferred_kinds"] = list(
            all_or_invalid(ContactKind, data["preferred_kinds"], "preferred_kinds").values()
        )
    services.availability_update(person=person, by=request.user, **data)
    return _availability_out(person)


@router.get(
    "/availability/me",
    response=responses(200, AvailabilityOut),
    tags=TAG_AVAILABILITY,
    summary="My availability",
)
def my_availability(request: AuthenticatedHttpRequest) -> dict:
    return _availability_out(_own_person(request))


@router.patch(
    "/availability/me",
    response=responses(200, AvailabilityOut),
    tags=TAG_AVAILABILITY,
    summary="Change my availability",
)
def update_my_availability(request: AuthenticatedHttpRequest, payload: AvailabilityPatch) -> dict:
    return _update_availability(request, _own_person(request), payload)


@router.get(
    "/availability/{person_id}",
    response=responses(200, AvailabilityOut),
    tags=TAG_AVAILABILITY,
    summary="A person's availability",
)
def person_availability(request: AuthenticatedHttpRequest, person_id: Id) -> dict:
    """Themselves, their managers, program leads and admins."""
    return _availability_out(selectors.get_person_availability_for_user(request.user, person_id))


@router.patch(
    "/availability/{person_id}",
    response=responses(200, AvailabilityOut),
    tags=TAG_AVAILABILITY,
    summary="Change a person's availability",
)
def update_person_availability(
    request: AuthenticatedHttpRequest, person_id: Id, payload: AvailabilityPatch
) -> dict:
    person = selectors.get_person_availability_for_user(request.user, person_id, write=True)
    return _update_availability(request, person, payload)


@router.post(
    "/availability/{person_id}/out-of-office",
    response=responses(201, AbsenceOut),
    tags=TAG_AVAILABILITY,
    summary="Add out-of-office dates",
)
def create_absence(request: AuthenticatedHttpRequest, person_id: Id, payload: AbsenceIn) -> Status:
    person = selectors.get_person_availability_for_user(request.user, person_id, write=True)
    return Status(201, services.absence_create(person=person, by=request.user, **payload.dict()))


@router.delete(
    "/out-of-office/{absence_id}",
    response=responses(204, None),
    tags=TAG_AVAILABILITY,
    summary="Remove out-of-office dates",
)
def delete_absence(request: AuthenticatedHttpRequest, absence_id: Id) -> Status:
    absence = get_object_or_404(OutOfOffice, pk=absence_id)
    selectors.get_person_availability_for_user(request.user, absence.person_id, write=True)
    services.absence_delete(absence=absence, by=request.user)
    return Status(204, None)
