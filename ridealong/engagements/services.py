"""Writes about engagements and kinds of contact. Every write is audited; engagement writes
send `signals.engagement_saved` / `engagement_deleted` (search keeps its index with them)."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ridealong.accounts.models import User
from ridealong.core.audit import diff, log_action
from ridealong.core.update import model_update
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import (
    MAX_DURATION_MINUTES,
    ContactKind,
    Engagement,
    EngagementChannel,
    Part,
    Participation,
    Practice,
)
from ridealong.engagements.signals import engagement_deleted, engagement_saved
from ridealong.people.models import Person

# An engagement is a contact that happened; a little slack for clocks and time zones.
FUTURE_SLACK = datetime.timedelta(hours=12)
# Notes are free text, but not a place to paste a book.
MAX_NOTES_LENGTH = 20_000


def _validate(
    *,
    kind: ContactKind,
    customer: Customer | None,
    contacts: Sequence[Contact],
    participants: Sequence[tuple[Person, str]],
    started_at: datetime.datetime,
    duration_minutes: int,
    channel: str,
    summary: str,
    place: str = "",
    notes: str = "",
) -> None:
    errors: dict[str, list[str]] = {}
    # PostgreSQL rejects NUL in text and enforces lengths; say so here rather than fail there.
    for field, value, limit in (
        ("summary", summary, Engagement._meta.get_field("summary").max_length),
        ("place", place, Engagement._meta.get_field("place").max_length),
        ("notes", notes, MAX_NOTES_LENGTH),
    ):
        if "\x00" in value:
            errors.setdefault(field, []).append("Null characters are not allowed.")
        elif limit is not None and len(value.strip()) > limit:
            errors.setdefault(field, []).append(
                f"At most {limit} characters, please (this has {len(value.strip())})."
            )
    if not participants:
        errors.setdefault("participants", []).append("Add at least one person who took part.")
    seen: set[int] = set()
    for person, part in participants:
        if part not in Part.values:
            errors.setdefault("participants", []).append(f"“{part}” is not a part.")
        if person.pk in seen:
            errors.setdefault("participants", []).append(f"{person} is listed twice.")
        seen.add(person.pk)
    if contacts and customer is None:
        errors.setdefault("contacts", []).append("Pick the customer before its contacts.")
    for contact in contacts:
        if customer is not None and contact.customer_id != customer.pk:
            errors.setdefault("contacts", []).append(f"{contact} is not at {customer}.")
    if kind.is_live and kind.practice not in {Practice.SUPPORT} and customer is None:
        errors.setdefault("customer", []).append(
            f"A {kind.name.lower()} is with a customer: pick which one."
        )
    if timezone.is_naive(started_at):
        errors.setdefault("started_at", []).append("The start needs a time zone.")
    elif started_at > timezone.now() + FUTURE_SLACK:
        errors.setdefault("started_at", []).append(
            "This is in the future; log an engagement once it has happened."
        )
    if not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
        errors.setdefault("duration_minutes", []).append(
            "The duration is between 1 minute and 24 hours."
        )
    if channel not in EngagementChannel.values:
        errors.setdefault("channel", []).append(f"“{channel}” is not a channel.")
    if not summary.strip():
        errors.setdefault("summary", []).append("Say in a line what happened.")
    if errors:
        raise ValidationError(errors)


def _set_participants(engagement: Engagement, participants: Iterable[tuple[Person, str]]) -> None:
    engagement.participations.all().delete()
    Participation.objects.bulk_create(
        Participation(engagement=engagement, person=person, part=part)
        for person, part in participants
    )


def _save(
    engagement: Engagement,
    *,
    kind: ContactKind,
    customer: Customer | None,
    participants: Sequence[tuple[Person, str]],
    started_at: datetime.datetime,
    duration_minutes: int,
    summary: str,
    contacts: Sequence[Contact],
    channel: str,
    place: str,
    notes: str,
) -> dict[str, Any]:
    """Validate, then write the engagement with its contacts and participants.

    Returns the changes as {field: [old, new]} for the audit trail."""
    _validate(
        kind=kind,
        customer=customer,
        contacts=contacts,
        participants=participants,
        started_at=started_at,
        duration_minutes=duration_minutes,
        channel=channel,
        summary=summary,
        place=place,
        notes=notes,
    )
    data = {
        "kind": kind,
        "customer": customer,
        "started_at": started_at,
        "duration_minutes": duration_minutes,
        "channel": channel,
        "place": place.strip(),
        "summary": summary.strip(),
        "notes": notes,
    }
    changes: dict[str, Any] = diff(engagement, data) if engagement.pk else {}
    before = (
        sorted(f"{p.person} ({p.part})" for p in engagement.participations.all())
        if engagement.pk
        else []
    )
    after = sorted(f"{p} ({part})" for p, part in participants)
    if before != after:
        changes["participants"] = [before, after]
    for field, value in data.items():
        setattr(engagement, field, value)
    engagement.save()
    engagement.contacts.set(contacts)
    _set_participants(engagement, participants)
    return changes


@transaction.atomic
def engagement_create(
    *,
    by: User | None,  # None when the system records it (a seat that took place)
    kind: ContactKind,
    customer: Customer | None,
    participants: Sequence[tuple[Person, str]],
    started_at: datetime.datetime,
    duration_minutes: int,
    summary: str,
    contacts: Sequence[Contact] = (),
    channel: str = EngagementChannel.ON_SITE,
    place: str = "",
    notes: str = "",
) -> Engagement:
    """Log a contact that happened, with who took part and in which part."""
    engagement = Engagement(created_by=by if getattr(by, "is_authenticated", False) else None)
    _save(
        engagement,
        kind=kind,
        customer=customer,
        participants=participants,
        started_at=started_at,
        duration_minutes=duration_minutes,
        summary=summary,
        contacts=contacts,
        channel=channel,
        place=place,
        notes=notes,
    )
    engagement_saved.send(sender=Engagement, engagement=engagement)
    log_action(
        "engagements.engagement.created",
        actor=by,
        target=engagement,
        changes={
            "kind": kind.name,
            "customer": str(customer or ""),
            "participants": [f"{p} ({part})" for p, part in participants],
        },
    )
    return engagement


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    by: User | None,
    kind: ContactKind,
    customer: Customer | None,
    participants: Sequence[tuple[Person, str]],
    started_at: datetime.datetime,
    duration_minutes: int,
    summary: str,
    contacts: Sequence[Contact] = (),
    channel: str = EngagementChannel.ON_SITE,
    place: str = "",
    notes: str = "",
) -> Engagement:
    changes = _save(
        engagement,
        kind=kind,
        customer=customer,
        participants=participants,
        started_at=started_at,
        duration_minutes=duration_minutes,
        summary=summary,
        contacts=contacts,
        channel=channel,
        place=place,
        notes=notes,
    )
    engagement_saved.send(sender=Engagement, engagement=engagement)
    if changes:
        log_action("engagements.engagement.updated", actor=by, target=engagement, changes=changes)
    return engagement


@transaction.atomic
def engagement_delete(*, engagement: Engagement, by: User) -> None:
    log_action(
        "engagements.engagement.deleted",
        actor=by,
        target=engagement,
        changes={"started_at": engagement.started_at.isoformat()},
    )
    engagement_deleted.send(sender=Engagement, engagement_id=engagement.pk)
    engagement.delete()


KIND_FIELDS = {"name", "practice", "is_live", "description", "is_active", "position"}


def _check_kind_name(name: str, *, kind: ContactKind | None = None) -> None:
    """Names are unique whatever their case (the database constraint is the backstop)."""
    others = ContactKind.objects.filter(name__iexact=name.strip())
    if kind is not None:
        others = others.exclude(pk=kind.pk)
    if others.exists():
        raise ValidationError(
            {"name": ValidationError("A kind of contact with this name already exists.", "unique")}
        )


@transaction.atomic
def kind_create(*, by: User, name: str, **fields: Any) -> ContactKind:
    unknown = set(fields) - KIND_FIELDS
    if unknown:
        raise TypeError(f"Unknown kind fields: {sorted(unknown)}")
    _check_kind_name(name)
    base = slugify(name)[:50] or "kind"
    slug, n = base, 2
    while ContactKind.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    kind = ContactKind(name=name.strip(), slug=slug, **fields)
    kind.full_clean()
    kind.save()
    log_action("engagements.kind.created", actor=by, target=kind)
    return kind


@transaction.atomic
def kind_update(*, kind: ContactKind, by: User, **fields: Any) -> ContactKind:
    unknown = set(fields) - KIND_FIELDS
    if unknown:
        raise TypeError(f"Unknown kind fields: {sorted(unknown)}")
    if "name" in fields:
        _check_kind_name(fields["name"], kind=kind)
    model_update(kind, data=fields, action="engagements.kind.updated", by=by)
    return kind


@transaction.atomic
def kind_delete(*, kind: ContactKind, by: User) -> None:
    if kind.engagements.exists():
        raise ValidationError(
            "Engagements of this kind exist; mark the kind inactive instead of deleting it."
        )
    log_action("engagements.kind.deleted", actor=by, target=kind)
    kind.delete()
