"""Reads for notifications: feed tokens, the outbox, preferences."""

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.notifications.models import (
    CalendarFeedToken,
    EmailStatus,
    NotificationPreference,
    OutgoingEmail,
)


def feed_token_for_user(user: User) -> CalendarFeedToken | None:
    """The user's live calendar feed token, if they made one."""
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_token_by_secret(secret: str) -> CalendarFeedToken:
    """The live token with this secret, with its user and person; 404 for anything else."""
    token = (
        CalendarFeedToken.objects.select_related("user", "user__person")
        .filter(token=secret, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        raise Http404("No such calendar feed.")
    return token


def preference_for_person(person_id: int | None) -> NotificationPreference | None:
    if person_id is None:
        return None
    return NotificationPreference.objects.filter(person_id=person_id).first()


def wants(person_id: int, what: str) -> bool:
    """Whether the person wants `what` ("weekly_nudge" or "reminders"); yes unless opted out."""
    preference = NotificationPreference.objects.filter(person_id=person_id).first()
    return True if preference is None else bool(getattr(preference, what))


def outgoing_email_list(
    user: User, *, everyone: bool = False, status: str | None = None
) -> QuerySet[OutgoingEmail]:
    """E-mails Ridealong sent (or will send) to the user; admins may ask for everyone's."""
    emails = OutgoingEmail.objects.order_by("-created_at", "-id")
    if not (everyone and user.is_admin):
        if user.person_id:
            emails = emails.filter(person_id=user.person_id)
        else:
            emails = emails.filter(to__iexact=user.email)
    if status in EmailStatus.values:
        emails = emails.filter(status=status)
    return emails


def get_outgoing_email_for_admin(user: User, pk: int) -> OutgoingEmail:
    email = OutgoingEmail.objects.filter(pk=pk).first()
    if email is None:
        raise Http404("No such e-mail.")
    return email


# How far back the feed reaches, so a calendar does not drop a seat the moment it ends.
FEED_PAST = datetime.timedelta(days=30)
FEED_MAX_EVENTS = 500


def feed_assignments(person_id: int | None, *, now: datetime.datetime | None = None) -> list:
    """The person's confirmed, published seats from a month ago on (for the calendar feed)."""
    if person_id is None:
        return []
    from ridealong.seats.models import Assignment, AssignmentStatus

    now = now or timezone.now()
    return list(
        Assignment.objects.with_related()
        .filter(
            person_id=person_id,
            status=AssignmentStatus.CONFIRMED,
            is_published=True,
            occurrence__is_cancelled=False,
            occurrence__opportunity__is_cancelled=False,
            occurrence__ends_at__gte=now - FEED_PAST,
        )
        .order_by("occurrence__starts_at", "id")[:FEED_MAX_EVENTS]
    )
