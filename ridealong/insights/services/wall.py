"""The customer wall's share links, and opting in and out of the digest."""

import datetime

from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.insights.models import DigestOptOut, WallLink
from ridealong.insights.services.common import _check_text, _raise
from ridealong.people.models import Person


@transaction.atomic
def wall_link_create(*, name: str, by: User) -> WallLink:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "name", name, limit=100, required="Name the screen, e.g. Canteen TV.")
    _raise(errors)
    link = WallLink.objects.create(name=name.strip(), created_by=by)
    log_action("insights.wall_link.created", actor=by, target=link)
    return link


@transaction.atomic
def wall_link_revoke(*, link: WallLink, by: User) -> WallLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        log_action("insights.wall_link.revoked", actor=by, target=link)
    return link


def wall_link_seen(*, link: WallLink) -> None:
    """Remember when a screen last fetched (not audited: it happens every minute)."""
    now = timezone.now()
    if link.last_seen_at is None or now - link.last_seen_at > datetime.timedelta(minutes=5):
        WallLink.objects.filter(pk=link.pk).update(last_seen_at=now)


def digest_opt_out(*, person: Person, by: User | None = None) -> None:
    _, created = DigestOptOut.objects.get_or_create(person=person)
    if created:
        log_action("insights.digest.opted_out", actor=by, target=person)


def digest_opt_in(*, person: Person, by: User | None = None) -> None:
    deleted, _ = DigestOptOut.objects.filter(person=person).delete()
    if deleted:
        log_action("insights.digest.opted_in", actor=by, target=person)
