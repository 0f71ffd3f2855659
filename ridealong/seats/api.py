"""Seats in the REST API: opportunities, occurrences, sign-ups, my assignments, swaps.

Same access helpers and services as the pages. Everyone signed in reads every opportunity and
posts ones they host (program leads: for anyone); the host, who posted it, program leads and
admins change it. A refused sign-up, cancellation or swap answers 409 with the reason.
"""

import datetime
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.api.errors import Conflict, all_or_invalid, get_or_invalid
from ridealong.core.api.schemas import (
    Filters,
    Id,
    Input,
    Moment,
    PersonRef,
    Ref,
    choice_or_blank,
    max_length,
    page,
    partial,
    responses,
)
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, EngagementChannel
from ridealong.people.models import Department, Person
from ridealong.seats import selectors, services
from ridealong.seats.models import (
    DEFAULT_NEW_HIRE_DAYS,
    MAX_SEATS,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Eligibility,
    Occurrence,
    Opportunity,
    SwapRequest,
    SwapStatus,
)

router = Router()
TAG_OPPORTUNITIES = ["Seats: opportunities"]
TAG_SEATS = ["Seats: sign-ups and assignments"]


def refusals_conflict(view: Callable[..., Any]) -> Callable[..., Any]:
    """A refused seat (full, twice, not eligible, started …) is a 409 with the reason."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except services.SeatRefused as refused:
            raise Conflict(" ".join(refused.messages)) from refused

    return wrapper


def _person(request: AuthenticatedHttpRequest) -> Person:
    person = request.user.person
    if person is None:
        raise PermissionDenied  # as require() does: no person, no seats of one's own
    return person


# --- opportunities ---------------------------------------------------------------------------


class OpportunityOut(Schema):
    id: int
    title: str
    host: PersonRef
    kind: Ref
    customer: Ref | None
    starts_at: datetime.datetime = Field(description="The first occurrence's start.")
    ends_at: datetime.datetime
    channel: EngagementChannel
    place: str
    seats: int
    eligibility: Eligibility
    departments: list[Ref]
    new_hire_days: int
    briefing: str = Field(description="What to watch for.")
    requires_approval: bool
    recurrence: str = Field(description="RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TU.")
    exception_dates: list[datetime.date]
    is_cancelled: bool

    @staticmethod
    def resolve_departments(opportunity: Opportunity) -> list[dict[str, Any]]:
        return [{"id": d.pk, "name": d.name} for d in opportunity.departments.all()]


class OpportunityIn(Input):
    title: str = Field(min_length=1, max_length=max_length(Opportunity, "title"))
    host: Id | None = Field(None, description="A person; default yourself. Leads: anyone.")
    kind: Id
    customer: Id | None = None
    starts_at: Moment = Field(description="With a time zone, e.g. 2026-12-01T09:00:00+01:00.")
    ends_at: Moment
    channel: EngagementChannel = EngagementChannel.ON_SITE
    place: str = Field("", max_length=max_length(Opportunity, "place"))
    seats: int = Field(1, ge=1, le=MAX_SEATS)
    eligibility: Eligibility = Eligibility.EVERYONE
    departments: list[Id] = Field(default_factory=list, max_length=200)
    new_hire_days: int = Field(DEFAULT_NEW_HIRE_DAYS, ge=1, le=3650)
    briefing: str = Field("", max_length=services.MAX_TEXT)
    requires_approval: bool = False
    recurrence: str = Field("", max_length=max_length(Opportunity, "recurrence"))
    exception_dates: list[datetime.date] = Field(default_factory=list, max_length=500)


if TYPE_CHECKING:
    OpportunityPatch = OpportunityIn  # for mypy: the same fields (optional at run time)
else:
    OpportunityPatch = partial(OpportunityIn)


class OpportunityFilters(Filters):
    host: Id | None = None
    include_cancelled: bool = False


class OpportunityPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OpportunityOut]


def _opportunity_arguments(
    request: AuthenticatedHttpRequest, data: dict[str, Any]
) -> dict[str, Any]:
    host = get_or_invalid(Person, data.pop("host", None), "host") or _person(request)
    if host.pk != request.user.person_id:
        require(can_manage_program(request.user))
    departments = all_or_invalid(Department, data.pop("departments", []) or [], "departments")
    for field in ("starts_at", "ends_at"):
        if timezone.is_naive(data[field]):
            raise ValidationError({field: ["Give the time zone, e.g. +01:00 or Z."]})
    recurrence_rule = data.pop("recurrence", "") or ""
    return {
        **data,
        "host": host,
        "kind": get_or_invalid(ContactKind, data["kind"], "kind"),
        "customer": get_or_invalid(Customer, data.get("customer"), "customer"),
        "departments": list(departments.values()),
        "recurrence_rule": recurrence_rule,
    }


def _current(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "title": opportunity.title,
        "host": opportunity.host_id,
        "kind": opportunity.kind_id,
        "customer": opportunity.customer_id,
        "starts_at": opportunity.starts_at,
        "ends_at": opportunity.ends_at,
        "channel": opportunity.channel,
        "place": opportunity.place,
        "seats": opportunity.seats,
        "eligibility": opportunity.eligibility,
        "departments": [d.pk for d in opportunity.departments.all()],
        "new_hire_days": opportunity.new_hire_days,
        "briefing": opportunity.briefing,
        "requires_approval": opportunity.requires_approval,
        "recurrence": opportunity.recurrence,
        "exception_dates": [datetime.date.fromisoformat(d) for d in opportunity.exception_dates],
    }


@router.get(
    "/opportunities",
    response=responses(200, OpportunityPage),
    tags=TAG_OPPORTUNITIES,
    summary="List opportunities",
)
def list_opportunities(
    request: AuthenticatedHttpRequest, filters: Query[OpportunityFilters]
) -> dict:
    return page(
        selectors.opportunity_list(
            host_id=filters.host, include_cancelled=filters.include_cancelled
        ),
        filters,
    )


@router.post(
    "/opportunities",
    response=responses(201, OpportunityOut),
    tags=TAG_OPPORTUNITIES,
    summary="Offer seats",
)
def create_opportunity(request: AuthenticatedHttpRequest, payload: OpportunityIn) -> Status:
    """Anyone for an opportunity they host; program leads and admins for anyone."""
    arguments = _opportunity_arguments(request, payload.dict())
    return Status(201, services.opportunity_create(by=request.user, **arguments))


@router.get(
    "/opportunities/{opportunity_id}",
    response=responses(200, OpportunityOut),
    tags=TAG_OPPORTUNITIES,
    summary="An opportunity",
)
def read_opportunity(request: AuthenticatedHttpRequest, opportunity_id: Id) -> Opportunity:
    return selectors.get_opportunity_for_user(request.user, opportunity_id)


@router.patch(
    "/opportunities/{opportunity_id}",
    response=responses(200, OpportunityOut),
    tags=TAG_OPPORTUNITIES,
    summary="Change an opportunity",
)
@refusals_conflict
def update_opportunity(
    request: AuthenticatedHttpRequest,
    opportunity_id: Id,
    payload: OpportunityPatch,
) -> Opportunity:
    """The host, who posted it, program leads and admins. Future dates follow."""
    opportunity = selectors.get_opportunity_for_user(request.user, opportunity_id, write=True)
    sent = payload.dict(exclude_unset=True)
    for field, value in sent.items():
        if value is None and field not in {"customer", "host"}:
            raise ValidationError({field: ["May not be null."]})
    data = _current(opportunity) | sent
    if data.get("host") == opportunity.host_id:
        data["host"] = None  # keeping the host is not "posting for someone else"
        arguments = _opportunity_arguments(request, data) | {"host": opportunity.host}
    else:
        arguments = _opportunity_arguments(request, data)
    return services.opportunity_update(opportunity=opportunity, by=request.user, **arguments)


@router.post(
    "/opportunities/{opportunity_id}/cancel",
    response=responses(200, OpportunityOut),
    tags=TAG_OPPORTUNITIES,
    summary="Cancel an opportunity",
)
@refusals_conflict
def cancel_opportunity(request: AuthenticatedHttpRequest, opportunity_id: Id) -> Opportunity:
    """Every future date is called off; everyone on them is told."""
    opportunity = selectors.get_opportunity_for_user(request.user, opportunity_id, write=True)
    return services.opportunity_cancel(opportunity=opportunity, by=request.user)


# --- occurrences -----------------------------------------------------------------------------


class OccurrenceOut(Schema):
    id: int
    opportunity: Ref
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    seats: int
    seats_left: int
    waitlist_length: int
    is_cancelled: bool

    @staticmethod
    def resolve_opportunity(occurrence: Occurrence) -> dict[str, Any]:
        return {"id": occurrence.opportunity_id, "name": occurrence.opportunity.title}

    @staticmethod
    def resolve_seats_left(occurrence: Occurrence) -> int:
        return max(0, occurrence.seats - occurrence.seats_taken)  # type: ignore[attr-defined]  # annotated by with_seats_taken()


class OccurrenceFilters(Filters):
    kind: Id | None = None
    customer: Id | None = None
    channel: choice_or_blank(EngagementChannel) = ""  # type: ignore[valid-type]  # a Literal built at run time
    since: Moment | None = Field(None, description="Starting at or after.")
    until: Moment | None = Field(None, description="Starting before.")


class OccurrencePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OccurrenceOut]


@router.get(
    "/occurrences",
    response=responses(200, OccurrencePage),
    tags=TAG_OPPORTUNITIES,
    summary="Upcoming dates with seats left",
)
def list_occurrences(request: AuthenticatedHttpRequest, filters: Query[OccurrenceFilters]) -> dict:
    occurrences = selectors.board(
        selectors.BoardFilters(
            kind_id=filters.kind,
            customer_id=filters.customer,
            channel=filters.channel,
            since=filters.since,
            until=filters.until,
        )
    )
    return page(occurrences, filters)


@router.get(
    "/occurrences/{occurrence_id}",
    response=responses(200, OccurrenceOut),
    tags=TAG_OPPORTUNITIES,
    summary="One date",
)
def read_occurrence(request: AuthenticatedHttpRequest, occurrence_id: Id) -> Occurrence:
    return selectors.get_occurrence_for_user(request.user, occurrence_id)


# --- sign-ups and assignments ----------------------------------------------------------------


class AssignmentOut(Schema):
    id: int
    occurrence: int = Field(description="The date's id.")
    opportunity: Ref
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    person: PersonRef
    status: AssignmentStatus
    source: AssignmentSource
    seat_number: int | None
    waitlist_position: int | None
    sequence: int = Field(description="Bumped on every change (iCalendar SEQUENCE).")
    engagement: int | None

    @staticmethod
    def resolve_occurrence(assignment: Assignment) -> int:
        return assignment.occurrence_id

    @staticmethod
    def resolve_opportunity(assignment: Assignment) -> dict[str, Any]:
        opportunity = assignment.occurrence.opportunity
        return {"id": opportunity.pk, "name": opportunity.title}

    @staticmethod
    def resolve_starts_at(assignment: Assignment) -> datetime.datetime:
        return assignment.occurrence.starts_at

    @staticmethod
    def resolve_ends_at(assignment: Assignment) -> datetime.datetime:
        return assignment.occurrence.ends_at

    @staticmethod
    def resolve_engagement(assignment: Assignment) -> int | None:
        return assignment.engagement_id


class SignupIn(Input):
    occurrence: Id
    waitlist: bool = Field(False, description="Join the waitlist when every seat is taken.")


class AssignmentFilters(Filters):
    past: bool = Field(False, description="The seats that happened, newest first.")


class AssignmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AssignmentOut]


def _fresh(assignment: Assignment) -> Assignment:
    return Assignment.objects.with_related().get(pk=assignment.pk)


@router.post(
    "/signups",
    response=responses(201, AssignmentOut),
    tags=TAG_SEATS,
    summary="Sign up for a seat",
)
@refusals_conflict
def create_signup(request: AuthenticatedHttpRequest, payload: SignupIn) -> Status:
    """A seat for yourself (pending when the host approves); 409 with the reason when full,
    already yours, not for you, or started. With `waitlist`, a full date puts you in line."""
    occurrence = selectors.get_occurrence_for_user(request.user, payload.occurrence)
    assignment = services.signup(
        occurrence=occurrence, person=_person(request), by=request.user, waitlist=payload.waitlist
    )
    return Status(201, _fresh(assignment))


@router.delete(
    "/signups/{assignment_id}",
    response=responses(204, None),
    tags=TAG_SEATS,
    summary="Cancel a seat or leave a waitlist",
)
@refusals_conflict
def delete_signup(request: AuthenticatedHttpRequest, assignment_id: Id) -> Status:
    """The person, program leads and admins. The seat goes to the waitlist first."""
    assignment = selectors.get_assignment_for_user(request.user, assignment_id, write=True)
    services.assignment_cancel(assignment=assignment, by=request.user)
    return Status(204, None)


@router.get(
    "/assignments/mine",
    response=responses(200, AssignmentPage),
    tags=TAG_SEATS,
    summary="My seats",
)
def my_assignments(request: AuthenticatedHttpRequest, filters: Query[AssignmentFilters]) -> dict:
    person_id = request.user.person_id or 0
    return page(selectors.my_assignments(person_id, upcoming=not filters.past), filters)


@router.post(
    "/assignments/{assignment_id}/approve",
    response=responses(200, AssignmentOut),
    tags=TAG_SEATS,
    summary="Approve a sign-up (host)",
)
@refusals_conflict
def approve_assignment(request: AuthenticatedHttpRequest, assignment_id: Id) -> Assignment:
    assignment = selectors.get_assignment_for_host(request.user, assignment_id)
    return _fresh(services.assignment_approve(assignment=assignment, by=request.user))


@router.post(
    "/assignments/{assignment_id}/decline",
    response=responses(200, AssignmentOut),
    tags=TAG_SEATS,
    summary="Decline a sign-up (host)",
)
@refusals_conflict
def decline_assignment(request: AuthenticatedHttpRequest, assignment_id: Id) -> Assignment:
    assignment = selectors.get_assignment_for_host(request.user, assignment_id)
    return _fresh(services.assignment_decline(assignment=assignment, by=request.user))


class EngagementRef(Schema):
    engagement: int
    created: bool


@router.post(
    "/assignments/{assignment_id}/engagement",
    response={**responses(201, EngagementRef), 200: EngagementRef},
    tags=TAG_SEATS,
    summary="Log the contact from a seat",
)
@refusals_conflict
def assignment_engagement(request: AuthenticatedHttpRequest, assignment_id: Id) -> Status:
    """201 with the new engagement (pre-filled from the opportunity); 200 with the one
    already logged. The person, the host, program leads and admins."""
    assignment = selectors.get_assignment_for_user(request.user, assignment_id)
    require(selectors.can_log_assignment(request.user, assignment))
    engagement, created = services.assignment_to_engagement(assignment=assignment, by=request.user)
    return Status(201 if created else 200, {"engagement": engagement.pk, "created": created})


# --- swaps -----------------------------------------------------------------------------------


class SwapOut(Schema):
    id: int
    assignment: int
    from_person: PersonRef
    to_person: PersonRef
    status: SwapStatus
    message: str
    new_assignment: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_assignment(swap: SwapRequest) -> int:
        return swap.assignment_id

    @staticmethod
    def resolve_new_assignment(swap: SwapRequest) -> int | None:
        return swap.new_assignment_id


class SwapIn(Input):
    assignment: Id
    to_person: Id
    message: str = Field("", max_length=300)


class SwapPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SwapOut]


@router.get("/swaps", response=responses(200, SwapPage), tags=TAG_SEATS, summary="My swap requests")
def list_swaps(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    """Asked by me or of me, newest first."""
    from django.db.models import Q

    person_id = request.user.person_id or 0
    swaps = SwapRequest.objects.filter(
        Q(from_person_id=person_id) | Q(to_person_id=person_id)
    ).select_related("from_person", "to_person")
    return page(swaps, filters)


@router.post(
    "/swaps", response=responses(201, SwapOut), tags=TAG_SEATS, summary="Ask a colleague to swap"
)
@refusals_conflict
def create_swap(request: AuthenticatedHttpRequest, payload: SwapIn) -> Status:
    """The person holding the seat (or a program lead); the seat moves once they accept."""
    assignment = selectors.get_assignment_for_user(request.user, payload.assignment, write=True)
    to_person = get_or_invalid(Person, payload.to_person, "to_person")
    swap = services.swap_request(
        assignment=assignment, to_person=to_person, by=request.user, message=payload.message
    )
    return Status(201, swap)


@router.post(
    "/swaps/{swap_id}/accept",
    response=responses(200, SwapOut),
    tags=TAG_SEATS,
    summary="Accept a swap (take the seat)",
)
@refusals_conflict
def accept_swap(request: AuthenticatedHttpRequest, swap_id: Id) -> SwapRequest:
    swap = selectors.get_swap_for_user(request.user, swap_id, answer=True)
    services.swap_accept(swap=swap, by=request.user)
    return selectors.get_swap_for_user(request.user, swap_id)


@router.post(
    "/swaps/{swap_id}/decline",
    response=responses(200, SwapOut),
    tags=TAG_SEATS,
    summary="Decline a swap",
)
@refusals_conflict
def decline_swap(request: AuthenticatedHttpRequest, swap_id: Id) -> SwapRequest:
    swap = selectors.get_swap_for_user(request.user, swap_id, answer=True)
    return services.swap_decline(swap=swap, by=request.user)
