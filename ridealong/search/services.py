"""Writes to the search index. Other apps call these from their own services, inside the
same transaction as their write, so the index never disagrees with what was committed.

    from ridealong.search.services import search_index_upsert, search_index_remove

    search_index_upsert(
        kind="insight", object_id=insight.pk, title=insight.title, body=insight.text,
        at=insight.created_at,
        filters={**filters_for_engagement(insight.engagement), "insight_type": "pain",
                 "tags": ["spare parts"], "product_area": "Sealing", "sentiment": "negative"},
    )
    search_index_remove(kind="insight", object_id=insight.pk)

The database keeps its full-text index in step with SearchDocument by itself (FTS5 triggers
on SQLite, a generated tsvector column on PostgreSQL), so writing the row is all it takes.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from ridealong.search.models import DocumentKind, SearchDocument

# Enough for any note (engagement notes stop at 20,000 characters); keeps the index lean.
MAX_BODY_LENGTH = 100_000
MAX_TITLE_LENGTH = SearchDocument._meta.get_field("title").max_length or 300

FILTER_KEYS = {
    "customer_id",
    "segment",
    "relationship",
    "contact_kind_id",
    "insight_type",
    "tags",
    "product_area",
    "department_ids",
    "sentiment",
}


def _clean(text: Any, limit: int) -> str:
    # PostgreSQL refuses NUL in text; never let one stop a write elsewhere.
    return str(text or "").replace("\x00", "")[:limit]


def _keys(values: list[Any]) -> str:
    """ "|a|b|" so that `contains "|a|"` matches one whole value, on every engine."""
    cleaned = sorted({_clean(v, 100).strip().lower().replace("|", "/") for v in values} - {""})
    return f"|{'|'.join(cleaned)}|" if cleaned else ""


def document_fields(
    *, kind: str, object_id: int, title: str, body: str, at: datetime.datetime, filters: dict
) -> dict[str, Any]:
    """The SearchDocument columns for an object (shared by upsert and bulk reindexing)."""
    if kind not in DocumentKind.values:
        raise ValueError(f"Unknown search document kind: {kind!r}")
    unknown = set(filters) - FILTER_KEYS
    if unknown:
        raise TypeError(f"Unknown search filters: {sorted(unknown)}")
    if timezone.is_naive(at):
        raise ValueError("`at` needs a time zone")
    tags = [_clean(t, 100).strip() for t in filters.get("tags") or [] if str(t or "").strip()]
    departments = sorted({int(d) for d in filters.get("department_ids") or [] if d is not None})
    return {
        "kind": kind,
        "object_id": int(object_id),
        "title": _clean(title, MAX_TITLE_LENGTH),
        "body": _clean(body, MAX_BODY_LENGTH),
        "at": at,
        "customer_id": filters.get("customer_id"),
        "segment": _clean(filters.get("segment"), 100),
        "relationship": _clean(filters.get("relationship"), 20),
        "contact_kind_id": filters.get("contact_kind_id"),
        "insight_type": _clean(filters.get("insight_type"), 20),
        "product_area": _clean(filters.get("product_area"), 100),
        "sentiment": filters.get("sentiment") or None,
        "tags": tags,
        "department_ids": departments,
        "tag_keys": _keys(tags),
        "department_keys": _keys(departments),
        "indexed_at": timezone.now(),
    }


@transaction.atomic
def search_index_upsert(
    *,
    kind: str,
    object_id: int,
    title: str,
    body: str,
    at: datetime.datetime,
    filters: dict,
) -> SearchDocument:
    """Index (or re-index) one object so search finds it.

    kind: "note" | "insight" | "reflection" | "answer" | "engagement".
    object_id: the object's primary key (the pair kind + object_id is unique).
    title: a line shown as the result's heading (also searched, weighted higher).
    body: the searchable text. Never put contact details (e-mail, phone) here: every signed-in
      user searches everything.
    at: when it happened, aware (the date-range filter and the order of candidates).
    filters: any of customer_id (int | None), segment (str), relationship (str),
      contact_kind_id (int | None), insight_type (str), tags (list[str]), product_area (str),
      department_ids (list[int]: the participants' departments), sentiment
      ("negative" | "neutral" | "positive" | None). Missing keys mean "none"; unknown keys
      raise TypeError. `filters_for_engagement(engagement)` fills the engagement's part.

    Call it inside the service that writes the object (it joins that transaction).
    """
    fields = document_fields(
        kind=kind, object_id=object_id, title=title, body=body, at=at, filters=filters
    )
    document, _ = SearchDocument.objects.update_or_create(
        kind=fields.pop("kind"), object_id=fields.pop("object_id"), defaults=fields
    )
    return document


@transaction.atomic
def search_index_remove(*, kind: str, object_id: int) -> None:
    """Take an object out of the index (a no-op when it is not there). Call it on delete."""
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def filters_for_engagement(engagement: Any) -> dict[str, Any]:
    """The filter values an engagement gives whatever was written about it: its customer,
    segment, relationship, kind of contact and the departments of its participants."""
    customer = engagement.customer
    departments = [
        p.person.department_id
        for p in engagement.participations.select_related("person")
        if p.person.department_id
    ]
    return {
        "customer_id": customer.pk if customer else None,
        "segment": customer.segment if customer else "",
        "relationship": customer.relationship if customer else "",
        "contact_kind_id": engagement.kind_id,
        "department_ids": departments,
    }


def index_engagement(engagement: Any) -> SearchDocument:
    """Index an engagement's summary and notes. engagements.services calls it on every write."""
    return search_index_upsert(
        kind=DocumentKind.ENGAGEMENT,
        object_id=engagement.pk,
        title=engagement.summary,
        body=engagement.notes,
        at=engagement.started_at,
        filters=filters_for_engagement(engagement),
    )


def unindex_engagement(engagement_id: int) -> None:
    search_index_remove(kind=DocumentKind.ENGAGEMENT, object_id=engagement_id)
