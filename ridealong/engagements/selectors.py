"""Reads about engagements and kinds of contact."""

import datetime
from typing import Any

from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.roles import (
    can_manage_settings,
    own_and_report_person_ids,
    require,
)
from ridealong.engagements.models import ContactKind, Engagement, Participation


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
