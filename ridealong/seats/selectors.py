"""Reads about seats: who may take one, the board, one's assignments, access helpers."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_program, require
from ridealong.people.models import Person
from ridealong.people.selectors import department_descendant_ids
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    Assignment,
    AssignmentStatus,
    Eligibility,
    Occurrence,
    Opportunity,
    SwapRequest,
    SwapStatus,
)

# --- who may take a seat -------------------------------------------------------------------


def eligible_department_ids(opportunity: Opportunity) -> set[int]:
    """The listed departments and every department below them."""
    ids: set[int] = set()
    for department in opportunity.departments.all():
        ids |= department_descendant_ids(department.pk)
    return ids


def ineligibility_reason(
    *,
    opportunity: Opportunity,
    person: Person,
    on: datetime.date | None = None,
    department_ids: set[int] | None = None,
) -> str:
    """Why `person` may not take a seat on `opportunity` ("" when they may).

    `on` is the occurrence's local date (new hires are counted from it; default today).
    `department_ids` may be passed precomputed (eligible_department_ids) when checking many
    people, e.g. by the scheduler."""
    if person.pk == opportunity.host_id:
        return "You host this one."
    if not person.is_active:
        return f"{person} is not active."
    rule = opportunity.eligibility
    if rule == Eligibility.DEPARTMENTS:
        allowed = (
            department_ids if department_ids is not None else eligible_department_ids(opportunity)
        )
        if person.department_id not in allowed:
            names = ", ".join(d.name for d in opportunity.departments.all()) or "listed teams"
            return f"Not for your department: this seat is for {names}."
    elif rule == Eligibility.NEW_HIRES:
        day = on or timezone.localdate()
        days = opportunity.new_hire_days
        if person.hire_date is None or not (
            day - datetime.timedelta(days=days) <= person.hire_date <= day
        ):
            return f"New hires only: this seat is for people hired in the last {days} days."
    elif rule == Eligibility.NOT_HOST_TEAM:
        host = opportunity.host
        same_team = (
            host.department_id is not None and person.department_id == host.department_id
        ) or person.manager_id == host.pk
        if same_team:
            return "Not for the host's own team: this seat is for people from elsewhere."
    return ""


# --- access ----------------------------------------------------------------------------------


def can_edit_opportunity(user: User, opportunity: Opportunity) -> bool:
    """The host, who posted it, program leads and admins."""
    if not user.is_authenticated:
        return False
    if can_manage_program(user) or opportunity.created_by_id == user.pk:
        return True
    return bool(user.person_id and user.person_id == opportunity.host_id)


def can_change_assignment(user: User, assignment: Assignment) -> bool:
    """Cancel or swap: the person themselves, program leads and admins."""
    if not user.is_authenticated:
        return False
    return can_manage_program(user) or (
        bool(user.person_id) and user.person_id == assignment.person_id
    )


def can_log_assignment(user: User, assignment: Assignment) -> bool:
    """Turn into an engagement: the person, the host, program leads and admins."""
    return can_change_assignment(user, assignment) or (
        user.is_authenticated
        and bool(user.person_id)
        and user.person_id == assignment.occurrence.opportunity.host_id
    )


def get_opportunity_for_user(user: User, pk: int, *, write: bool = False) -> Opportunity:
    """Every signed-in user sees every opportunity; writers are checked on `write`."""
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("host", "kind", "customer"), pk=pk
    )
    if write:
        require(can_edit_opportunity(user, opportunity))
    return opportunity


def get_occurrence_for_user(user: User, pk: int) -> Occurrence:
    return get_object_or_404(
        Occurrence.objects.select_related(
            "opportunity__host", "opportunity__kind", "opportunity__customer"
        ).with_seats_taken(),
        pk=pk,
    )


def get_assignment_for_user(user: User, pk: int, *, write: bool = False) -> Assignment:
    """Everyone sees who takes part (sharing is the point); changes are for the person."""
    assignment = get_object_or_404(Assignment.objects.with_related(), pk=pk)
    if write:
        require(can_change_assignment(user, assignment))
    return assignment


def get_assignment_for_host(user: User, pk: int) -> Assignment:
    """Approve or decline: the host, who posted it, program leads and admins."""
    assignment = get_object_or_404(Assignment.objects.with_related(), pk=pk)
    require(can_edit_opportunity(user, assignment.occurrence.opportunity))
    return assignment


def get_swap_for_user(user: User, pk: int, *, answer: bool = False) -> SwapRequest:
    """The two people in a swap (and program leads) see it; the colleague answers it."""
    swap = get_object_or_404(
        SwapRequest.objects.select_related(
            "from_person", "to_person", "assignment__occurrence__opportunity"
        ),
        pk=pk,
    )
    mine = user.is_authenticated and user.person_id in {swap.from_person_id, swap.to_person_id}
    if not (mine or can_manage_program(user)):
        raise_not_found()
    if answer:
        require(user.person_id == swap.to_person_id or can_manage_program(user))
    return swap


def raise_not_found() -> None:
    from django.http import Http404

    raise Http404("No such swap request.")


# --- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    kind_id: int | None = None
    customer_id: int | None = None
    channel: str = ""
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def board(filters: BoardFilters = BoardFilters(), *, person_id: int | None = None) -> QuerySet:
    """Upcoming occurrences with seats_taken and waitlist_length; the person's own open
    assignment on each is prefetched as `mine` (a list of 0 or 1)."""
    qs = (
        Occurrence.objects.upcoming()
        .select_related("opportunity__kind", "opportunity__customer", "opportunity__host")
        .with_seats_taken()
        .order_by("starts_at", "id")
    )
    if filters.kind_id:
        qs = qs.filter(opportunity__kind_id=filters.kind_id)
    if filters.customer_id:
        qs = qs.filter(opportunity__customer_id=filters.customer_id)
    if filters.channel:
        qs = qs.filter(opportunity__channel=filters.channel)
    if filters.since:
        qs = qs.filter(starts_at__gte=filters.since)
    if filters.until:
        qs = qs.filter(starts_at__lt=filters.until)
    return qs.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(person_id=person_id or 0, status__in=OPEN_STATUSES),
            to_attr="mine",
        )
    )


def occurrence_people(occurrence_ids: list[int]) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(occurrence_id__in=occurrence_ids, status__in=OPEN_STATUSES)
        .select_related("person")
        .order_by("occurrence_id", "status", "seat_number", "waitlist_position")
    )


def opportunity_occurrences(opportunity: Opportunity, *, past: bool = False) -> QuerySet:
    qs = opportunity.occurrences.with_seats_taken().prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(status__in=OPEN_STATUSES)
            .select_related("person")
            .order_by("status", "seat_number", "waitlist_position"),
            to_attr="open_assignments",
        )
    )
    now = timezone.now()
    return qs.filter(ends_at__lte=now) if past else qs.filter(ends_at__gt=now)


def my_assignments(person_id: int, *, upcoming: bool = True) -> QuerySet[Assignment]:
    """A person's open assignments (upcoming) or the ones that happened (past)."""
    now = timezone.now()
    qs = (
        Assignment.objects.with_related()
        .filter(person_id=person_id, is_published=True)
        .prefetch_related(
            Prefetch(
                "swap_requests",
                queryset=SwapRequest.objects.filter(status=SwapStatus.PENDING).select_related(
                    "to_person"
                ),
                to_attr="pending_swaps",
            )
        )
    )
    if upcoming:
        return qs.filter(status__in=OPEN_STATUSES, occurrence__ends_at__gt=now).order_by(
            "occurrence__starts_at"
        )
    return qs.filter(
        status__in=ACTIVE_STATUSES,
        occurrence__starts_at__lte=now,
        occurrence__is_cancelled=False,
    ).order_by("-occurrence__starts_at")


def incoming_swaps(person_id: int) -> QuerySet[SwapRequest]:
    return SwapRequest.objects.filter(
        to_person_id=person_id,
        status=SwapStatus.PENDING,
        assignment__status__in=ACTIVE_STATUSES,
    ).select_related(
        "from_person",
        "assignment__occurrence__opportunity__kind",
        "assignment__occurrence__opportunity__customer",
    )


def pending_approvals(host_person_id: int) -> QuerySet[Assignment]:
    return (
        Assignment.objects.with_related()
        .filter(
            occurrence__opportunity__host_id=host_person_id,
            status=AssignmentStatus.PENDING,
            occurrence__ends_at__gt=timezone.now(),
        )
        .order_by("occurrence__starts_at")
    )


def opportunity_list(*, host_id: int | None = None, include_cancelled: bool = False) -> QuerySet:
    qs = Opportunity.objects.select_related("host", "kind", "customer").prefetch_related(
        "departments"
    )
    if not include_cancelled:
        qs = qs.filter(is_cancelled=False)
    if host_id is not None:
        qs = qs.filter(host_id=host_id)
    return qs.order_by("-starts_at", "-id")


def assignment_conflicts(person_id: int, occurrence: Occurrence) -> list[Assignment]:
    """The person's other seats overlapping this occurrence (a warning, not a refusal)."""
    return list(
        Assignment.objects.filter(
            Q(occurrence__starts_at__lt=occurrence.ends_at)
            & Q(occurrence__ends_at__gt=occurrence.starts_at),
            person_id=person_id,
            status__in=ACTIVE_STATUSES,
        )
        .exclude(occurrence_id=occurrence.pk)
        .select_related("occurrence__opportunity")
    )
