"""Writes to the search index. The receivers of other apps' saved/deleted signals call these
inside the same transaction as the write, so the index never disagrees with what was committed.

    from ridealong.search.services import search_index_upsert, search_index_remove

    search_index_upsert(
        kind="insight", object_id=insight.pk, title=insight.title, body=insight.text,
        at=insight.created_at,
        filters={**filters_for_engagement(insight.engagement), "insight_type": "pain",
                 "tags": ["spare parts"], "product_area": "Sealing", "sentiment": "negative"},
    )
    search_index_remove(kind="insight", object_id=insight.pk)

Models registered with `registry.search_sources` are indexed with `search_index_object(obj)`.
The database keeps its full-text index in step with SearchDocument by itself (FTS5 triggers
on SQLite, a generated tsvector column on PostgreSQL), so writing the row is all it takes.
"""

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Model
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.choices import RunStatus
from ridealong.core.update import model_update
from ridealong.engagements.models import Engagement
from ridealong.search.models import DocumentKind, ReindexRun, SavedSearch, SearchDocument
from ridealong.search.registry import SearchSource, search_sources

# Enough for any note (engagement notes stop at 20,000 characters); keeps the index lean.
MAX_BODY_LENGTH = 100_000
MAX_TITLE_LENGTH = SearchDocument._meta.get_field("title").max_length or 300

FILTER_KEYS = {
    "engagement_id",
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


# PostgreSQL refuses NUL; \x02 and \x03 mark highlights in snippets, so never stored text.
_UNSTORABLE = str.maketrans("", "", "\x00\x02\x03")


def _clean(text: Any, limit: int) -> str:
    return str(text or "").translate(_UNSTORABLE)[:limit]


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
        "engagement_id": filters.get("engagement_id"),
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
    filters: any of engagement_id (int | None: the engagement it belongs to, where the result
      links when its kind has no page), customer_id (int | None), segment (str), relationship (str),
      contact_kind_id (int | None), insight_type (str), tags (list[str]), product_area (str),
      department_ids (list[int]: the participants' departments), sentiment
      ("negative" | "neutral" | "positive" | None). Missing keys mean "none"; unknown keys
      raise TypeError. `sources.filters_for_engagement(engagement)` fills the engagement's part.

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


def search_index_object(obj: Model) -> SearchDocument | None:
    """Index (or re-index) an object of a registered model; None when it is not searchable."""
    source = search_sources.source_for(obj)
    document = source.document(obj) if source is not None else None
    if source is None or document is None:
        return None
    return search_index_upsert(kind=source.kind, object_id=obj.pk, **document)


def search_unindex_object(obj: Model) -> None:
    """Take an object of a registered model out of the index."""
    source = search_sources.source_for(obj)
    if source is not None:
        search_index_remove(kind=source.kind, object_id=obj.pk)


def index_engagement(engagement: Engagement) -> SearchDocument | None:
    """Index an engagement's summary and notes (on every write, through its signal)."""
    return search_index_object(engagement)


def unindex_engagement(engagement_id: int) -> None:
    """Remove the engagement and everything written about it (notes, insights, reflections
    and questions go with it when it is deleted), so no result points at nothing."""
    SearchDocument.objects.filter(
        models.Q(kind=DocumentKind.ENGAGEMENT, object_id=engagement_id)
        | models.Q(engagement_id=engagement_id)
    ).delete()


# --- rebuilding the whole index ---------------------------------------------------------------

REINDEX_BATCH = 2000
READ_CHUNK = 500  # objects read at a time (with their prefetched relations)


def _documents(source: SearchSource) -> tuple[int, Iterator[dict[str, Any]]]:
    """Every object of one source as search_index_upsert keyword arguments, read in chunks."""
    everything = source.everything()

    def documents() -> Iterator[dict[str, Any]]:
        for obj in everything.iterator(chunk_size=READ_CHUNK):
            document = source.document(obj)
            if document is not None:
                yield {"kind": source.kind, "object_id": obj.pk, **document}

    return everything.count(), documents()


def search_reindex(
    *, run: ReindexRun | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild the index from the objects themselves, in one transaction (searches see the
    old index until it commits). Reports (done, total) per batch; returns the total.

    Sources are the models registered in `registry.search_sources`. Documents of a kind the sources
    produced are replaced; ones left over (their object is gone) are removed. Kinds no source
    produced are kept as they are, never dropped."""
    run = run or ReindexRun.objects.create()
    ReindexRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    started = timezone.now()
    try:
        with transaction.atomic():
            documents_by_source = [_documents(source) for source in search_sources]
            total = sum(count for count, _ in documents_by_source)
            ReindexRun.objects.filter(pk=run.pk).update(total=total)
            done = 0
            kinds: set[str] = {DocumentKind.ENGAGEMENT}
            batch: list[SearchDocument] = []
            for _, documents in documents_by_source:
                for kwargs in documents:
                    batch.append(SearchDocument(**document_fields(**kwargs)))
                    kinds.add(kwargs["kind"])
                    if len(batch) >= REINDEX_BATCH:
                        done = _flush(batch, run, done, total, progress)
            done = _flush(batch, run, done, total, progress)
            SearchDocument.objects.filter(kind__in=kinds, indexed_at__lt=started).delete()
    except Exception as error:
        ReindexRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    ReindexRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, done=done, total=done, finished_at=timezone.now()
    )
    return done


def _flush(
    batch: list[SearchDocument],
    run: ReindexRun,
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    if not batch:
        return done
    # A source may list an object twice; the last one wins, as with upsert.
    unique = {(d.kind, d.object_id): d for d in batch}
    SearchDocument.objects.filter(
        kind__in={k for k, _ in unique}, object_id__in={o for _, o in unique}
    ).delete()
    SearchDocument.objects.bulk_create(unique.values())
    done += len(batch)
    batch.clear()
    ReindexRun.objects.filter(pk=run.pk).update(done=min(done, max(total, done)))
    if progress is not None:
        progress(done, total)
    return done


# --- saved searches ---------------------------------------------------------------------------

MAX_SAVED_SEARCHES = 100  # per person; a list, not an archive


@transaction.atomic
def saved_search_create(
    *, owner: User, name: str, query: str, filters: dict[str, str]
) -> SavedSearch:
    """Keep a search (its words and filters, as typed) to run again. Names are unique per
    person, whatever their case."""
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Give the search a name."]
    elif "\x00" in name or len(name) > 100:
        errors["name"] = ["At most 100 characters, please, and no null characters."]
    elif SavedSearch.objects.filter(owner=owner, name__iexact=name).exists():
        errors["name"] = ["You already have a saved search with this name."]
    if SavedSearch.objects.filter(owner=owner).count() >= MAX_SAVED_SEARCHES:
        errors.setdefault("name", []).append(
            f"You have {MAX_SAVED_SEARCHES} saved searches; delete one first."
        )
    if errors:
        raise ValidationError(errors)
    saved = SavedSearch.objects.create(
        owner=owner, name=name, query=_clean(query, 500), filters=filters
    )
    log_action("search.saved_search.created", actor=owner, target=saved)
    return saved


@transaction.atomic
def saved_search_update(*, saved_search: SavedSearch, by: User, **fields: Any) -> SavedSearch:
    unknown = set(fields) - {"name", "query", "filters"}
    if unknown:
        raise TypeError(f"Unknown saved search fields: {sorted(unknown)}")
    if "name" in fields:
        name = (fields["name"] or "").strip()
        if not name:
            raise ValidationError({"name": ["Give the search a name."]})
        taken = SavedSearch.objects.filter(owner=saved_search.owner, name__iexact=name).exclude(
            pk=saved_search.pk
        )
        if taken.exists():
            raise ValidationError({"name": ["You already have a saved search with this name."]})
        fields["name"] = name
    if "query" in fields:
        fields["query"] = _clean(fields["query"], 500)
    model_update(saved_search, data=fields, action="search.saved_search.updated", by=by)
    return saved_search


@transaction.atomic
def saved_search_delete(*, saved_search: SavedSearch, by: User) -> None:
    log_action("search.saved_search.deleted", actor=by, target=saved_search)
    saved_search.delete()
