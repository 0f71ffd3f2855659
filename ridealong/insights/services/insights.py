"""Insights: creating, updating and deleting them, with their tags."""

from collections.abc import Sequence

from django.db import transaction

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement
from ridealong.insights.models import Insight, InsightType, Note, ProductArea, Tag
from ridealong.insights.services.common import (
    MAX_QUOTE,
    MAX_TAGS,
    _check_text,
    _raise,
    announce_deleted,
    announce_saved,
    sentiment_score_object,
)
from ridealong.people.models import Person


def _tag_names(tags: Sequence[str]) -> list[str]:
    names = []
    for tag in tags:
        name = " ".join(tag.strip().lower().lstrip("#").split())[:50]
        if name and name not in names:
            names.append(name)
    return names


def _validate_insight(
    *,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None,
    tags: Sequence[str],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "text", text, limit=MAX_QUOTE, required="Write or paste the quote.")
    if type not in InsightType.values:
        errors.setdefault("type", []).append(f"“{type}” is not a type of insight.")
    if customer is None:
        errors.setdefault("customer", []).append("Say which customer said it.")
    if contact is not None and customer is not None and contact.customer_id != customer.pk:
        errors.setdefault("contact", []).append(f"{contact} is not at {customer}.")
    if len(_tag_names(tags)) > MAX_TAGS:
        errors.setdefault("tags", []).append(f"At most {MAX_TAGS} tags, please.")
    for tag in tags:
        if "\x00" in tag:
            errors.setdefault("tags", []).append("Null characters are not allowed.")
    return errors


def _set_tags(insight: Insight, tags: Sequence[str]) -> None:
    names = _tag_names(tags)
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _ = Tag.objects.get_or_create(name=name)
    insight.tags.set([existing[name] for name in names])


@transaction.atomic
def insight_create(
    *,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None = None,
    engagement: Engagement | None = None,
    note: Note | None = None,
    product_area: ProductArea | None = None,
    tags: Sequence[str] = (),
    author: Person | None,
    by: User | None,
) -> Insight:
    """A quotable piece of what a customer said. From a note, its engagement and customer
    come along unless given."""
    if note is not None:
        engagement = engagement or note.engagement
    if engagement is not None and customer is None:
        customer = engagement.customer
    errors = _validate_insight(text=text, type=type, customer=customer, contact=contact, tags=tags)
    if (
        engagement is not None
        and customer is not None
        and engagement.customer_id
        not in {
            None,
            customer.pk,
        }
    ):
        errors.setdefault("customer", []).append("The contact was with another customer.")
    _raise(errors)
    assert customer is not None  # _validate_insight refused a missing customer
    insight = Insight.objects.create(
        text=text.strip(),
        type=type,
        customer=customer,
        contact=contact,
        engagement=engagement,
        note=note,
        product_area=product_area,
        author=author,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _set_tags(insight, tags)
    log_action("insights.insight.created", actor=by, target=insight, changes={"type": type})
    sentiment_score_object(insight)
    announce_saved(insight)
    return insight


@transaction.atomic
def insight_update(
    *,
    insight: Insight,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None,
    product_area: ProductArea | None,
    tags: Sequence[str],
    by: User,
) -> Insight:
    _raise(_validate_insight(text=text, type=type, customer=customer, contact=contact, tags=tags))
    assert customer is not None  # _validate_insight refused a missing customer
    changes = {}
    for field, value in (("text", text.strip()), ("type", type)):
        if getattr(insight, field) != value:
            changes[field] = [getattr(insight, field), value]
            setattr(insight, field, value)
    insight.customer = customer
    insight.contact = contact
    insight.product_area = product_area
    insight.save()
    _set_tags(insight, tags)
    log_action("insights.insight.updated", actor=by, target=insight, changes=changes)
    sentiment_score_object(insight)
    announce_saved(insight)
    return insight


@transaction.atomic
def insight_delete(*, insight: Insight, by: User) -> None:
    log_action("insights.insight.deleted", actor=by, target=insight)
    announce_deleted(insight)
    insight.delete()
