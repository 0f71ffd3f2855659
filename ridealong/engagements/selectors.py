"""Reads about engagements and kinds of contact."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.roles import can_manage_settings, require
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, Engagement, Participation
from ridealong.people.models import Person
from ridealong.people.selectors import own_and_report_person_ids, report_person_ids


def can_edit_engagement(user: Any, engagement: Engagement) -> bool:
    """Who logged it, its participants and their managers, program leads and admins."""
    if not user.is_authenticated:
        return False
    if user.sees_everything or engagement.created_by_id == user.pk:
        return True
    person_ids = own_and_report_person_ids(user)
    participant_ids = {p.person_id for p in engagement.participations.all()}
    return bool(person_ids & participant_ids)


def get_engagement_for_user(user: Any, pk: int, *, write: bool = False) -> Engagement:
    """Every signed-in user reads every engagement (sharing is the point)."""
    engagement = get_object_or_404(Engagement.objects.with_related(), pk=pk)
    if write:
        require(can_edit_engagement(user, engagement))
    return engagement


def get_kind_for_user(user: Any, pk: int, *, write: bool = False) -> ContactKind:
    kind = get_object_or_404(ContactKind, pk=pk)
    if write:
        require(can_manage_settings(user))
    return kind


def kind_list() -> QuerySet[ContactKind]:
    """Every kind of contact, active or not, with how many engagements use it."""
    return ContactKind.objects.annotate(engagement_count=Count("engagements")).order_by(
        "position", "name"
    )


def engagement_list(
    *,
    customer_id: int | None = None,
    person_ids: set[int] | list[int] | None = None,
    kind_id: int | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[Engagement]:
    qs = Engagement.objects.with_related()
    if customer_id is not None:
        qs = qs.filter(customer_id=customer_id)
    if person_ids is not None:
        qs = qs.filter(
            pk__in=Participation.objects.filter(person_id__in=person_ids).values("engagement_id")
        )
    if kind_id is not None:
        qs = qs.filter(kind_id=kind_id)
    if since is not None:
        qs = qs.filter(started_at__gte=since)
    if until is not None:
        qs = qs.filter(started_at__lt=until)
    return qs.order_by("-started_at", "-id")


def last_contact_at(person_id: int) -> datetime.datetime | None:
    """When the person last had live customer contact."""
    return Participation.objects.filter(
        person_id=person_id, engagement__kind__is_live=True
    ).aggregate(last=Max("engagement__started_at"))["last"]


def last_contact_by_person(person_ids: list[int]) -> dict[int, datetime.datetime]:
    """Last live customer contact for many people in one query."""
    rows = (
        Participation.objects.filter(person_id__in=person_ids, engagement__kind__is_live=True)
        .values("person_id")
        .annotate(last=Max("engagement__started_at"))
    )
    return {row["person_id"]: row["last"] for row in rows}


def last_live_engagement(person_id: int) -> Engagement | None:
    """The person's most recent live customer contact, with its kind and customer."""
    return (
        Engagement.objects.select_related("kind", "customer")
        .filter(kind__is_live=True, participations__person_id=person_id)
        .order_by("-started_at", "-id")
        .first()
    )


def exposure_minutes(
    person_id: int, *, since: datetime.datetime, until: datetime.datetime
) -> tuple[int, int]:
    """Minutes of customer exposure (all kinds, and live only) in [since, until)."""
    totals = Engagement.objects.filter(
        participations__person_id=person_id, started_at__gte=since, started_at__lt=until
    ).aggregate(
        total=Sum("duration_minutes"),
        live=Sum("duration_minutes", filter=Q(kind__is_live=True)),
    )
    return totals["total"] or 0, totals["live"] or 0


def team_person_ids(user: Any) -> set[int]:
    """The user's team: people in their department and, for those who manage, their reports.

    The user's own person is not part of it.
    """
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return set()
    ids = set(report_person_ids(user))
    if person.department_id:
        ids |= set(
            Person.objects.filter(department_id=person.department_id).values_list("id", flat=True)
        )
    ids.discard(person.pk)
    return ids


def engagement_search(
    *,
    kind_id: int | None = None,
    customer_id: int | None = None,
    person_id: int | None = None,
    department_ids: set[int] | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[Engagement]:
    """The engagements list's filters; people and departments as subqueries, so the
    number of queries does not grow with what matches."""
    qs = engagement_list(customer_id=customer_id, kind_id=kind_id, since=since, until=until)
    if person_id is not None:
        qs = qs.filter(
            pk__in=Participation.objects.filter(person_id=person_id).values("engagement_id")
        )
    if department_ids is not None:
        qs = qs.filter(
            pk__in=Participation.objects.filter(person__department_id__in=department_ids).values(
                "engagement_id"
            )
        )
    return qs


def recent_customers(person_id: int, *, limit: int = 10) -> list[Customer]:
    """The customers the person met most recently, most recent first (for quick picking)."""
    rows = (
        Participation.objects.filter(person_id=person_id, engagement__customer__isnull=False)
        .values("engagement__customer_id")
        .annotate(last=Max("engagement__started_at"))
        .order_by("-last")[:limit]
    )
    ids = [row["engagement__customer_id"] for row in rows]
    by_id = Customer.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def most_recent_kind_id(user: Any) -> int | None:
    """The kind of contact the user logged last, as a default for the next one."""
    if not user.is_authenticated:
        return None
    return (
        Engagement.objects.filter(created_by=user, kind__is_active=True)
        .order_by("-created_at", "-id")
        .values_list("kind_id", flat=True)
        .first()
    )


# --- what engagements shows on the people and customer pages ---------------------------------

EXPOSURE_WINDOW = datetime.timedelta(weeks=6)


def days_since(moment: datetime.datetime | None) -> int | None:
    """Whole days between `moment` and today, in the active (organisation's) time zone."""
    if moment is None:
        return None
    return (timezone.localdate() - timezone.localdate(moment)).days


def with_last_contact(people: list[Person]) -> None:
    """Set `last_contact_at` and `days_since_contact` on each person (one query for all)."""
    last = last_contact_by_person([p.pk for p in people])
    for person in people:
        # For the templates: attributes Person does not declare.
        person.last_contact_at = last.get(person.pk)  # type: ignore[attr-defined]
        person.days_since_contact = days_since(person.last_contact_at)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PersonExposure:
    """A person's last live customer contact and exposure over the last six weeks."""

    last_contact_at: datetime.datetime | None
    days_since_contact: int | None
    exposure_minutes: int
    live_exposure_minutes: int
    engagement_count: int

    @property
    def exposure_hours(self) -> float:
        return self.exposure_minutes / 60

    @property
    def live_exposure_hours(self) -> float:
        return self.live_exposure_minutes / 60


def person_exposure(person_id: int) -> PersonExposure:
    """Last live customer contact and exposure over the last six weeks (two queries)."""
    since = timezone.now() - EXPOSURE_WINDOW
    totals = Participation.objects.filter(person_id=person_id).aggregate(
        engagements=Count("id"),
        minutes=Sum("engagement__duration_minutes", filter=Q(engagement__started_at__gte=since)),
        live_minutes=Sum(
            "engagement__duration_minutes",
            filter=Q(engagement__started_at__gte=since, engagement__kind__is_live=True),
        ),
    )
    last = last_contact_at(person_id)
    return PersonExposure(
        last_contact_at=last,
        days_since_contact=days_since(last),
        exposure_minutes=totals["minutes"] or 0,
        live_exposure_minutes=totals["live_minutes"] or 0,
        engagement_count=totals["engagements"],
    )


@dataclass(frozen=True)
class PersonWhoMet:
    person: Person
    contact_count: int
    last_met_at: datetime.datetime


def people_who_met(customer_id: int) -> list[PersonWhoMet]:
    """Everyone from the company who took part in an engagement with the customer (one query)."""
    people = (
        Person.objects.filter(participations__engagement__customer_id=customer_id)
        .annotate(
            contact_count=Count("participations", distinct=True),
            last_met_at=Max("participations__engagement__started_at"),
        )
        .select_related("department")
        .order_by("-last_met_at", "last_name", "first_name", "id")
    )
    return [PersonWhoMet(p, p.contact_count, p.last_met_at) for p in people]


def customer_ids_met_by(person_ids: set[int]) -> QuerySet:
    """The customers any of these people took part in an engagement with (a lazy id query)."""
    return (
        Participation.objects.filter(person_id__in=person_ids, engagement__customer__isnull=False)
        .values_list("engagement__customer_id", flat=True)
        .distinct()
    )
