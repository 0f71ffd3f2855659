"""Calendar feed tokens and e-mail preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.notifications.models import (
    CalendarFeedToken,
    NotificationPreference,
)
from ridealong.people.models import Person

if TYPE_CHECKING:
    pass


@transaction.atomic
def feed_token_create(*, user: User, by: User | None = None) -> CalendarFeedToken:
    """A new secret feed URL for the user; the old one (if any) stops working."""
    now = timezone.now()
    revoked = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = CalendarFeedToken.objects.create(user=user, created_at=now)
    log_action(
        "notifications.feed.regenerated" if revoked else "notifications.feed.created",
        actor=by or user,
        target=user,
    )
    return token


@transaction.atomic
def feed_token_revoke(*, user: User, by: User | None = None) -> int:
    """Stop the user's feed URL from working. Returns how many tokens were revoked (0 or 1)."""
    revoked = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        log_action("notifications.feed.revoked", actor=by or user, target=user)
    return revoked


def feed_token_touch(*, token: CalendarFeedToken) -> None:
    """Note when a calendar app last fetched the feed (at most once a minute: it polls)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        CalendarFeedToken.objects.filter(pk=token.pk).update(last_used_at=now)


@transaction.atomic
def preference_update(
    *, person: Person, weekly_nudge: bool, reminders: bool, by: User | None = None
) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(person=person)
    changes = {}
    if preference.weekly_nudge != weekly_nudge:
        changes["weekly_nudge"] = [preference.weekly_nudge, weekly_nudge]
    if preference.reminders != reminders:
        changes["reminders"] = [preference.reminders, reminders]
    preference.weekly_nudge = weekly_nudge
    preference.reminders = reminders
    preference.save()
    if changes:
        log_action("notifications.preference.updated", actor=by, target=person, changes=changes)
    return preference
