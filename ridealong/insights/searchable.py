"""What `ridealong search_reindex` rebuilds from this app: notes, insights, reflections and
host-question threads, as search_index_upsert keyword arguments."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from ridealong.engagements.models import Participation
from ridealong.insights.models import HostQuestion, Insight, Note, Reflection
from ridealong.insights.services import _search_document

CHUNK = 500

_PARTICIPANTS = Prefetch(
    "engagement__participations", queryset=Participation.objects.select_related("person")
)


def _querysets() -> list[QuerySet[Any]]:
    return [
        Note.objects.select_related("author", "engagement__customer", "engagement__kind")
        .prefetch_related(_PARTICIPANTS)
        .order_by("pk"),
        Insight.objects.select_related(
            "customer", "author", "product_area", "engagement__customer", "engagement__kind"
        )
        .prefetch_related("tags", _PARTICIPANTS)
        .order_by("pk"),
        Reflection.objects.select_related("person", "engagement__customer", "engagement__kind")
        .prefetch_related(_PARTICIPANTS)
        .order_by("pk"),
        HostQuestion.objects.select_related(
            "asked_by", "host", "engagement__customer", "engagement__kind"
        )
        .prefetch_related("replies", _PARTICIPANTS)
        .order_by("pk"),
    ]


def _documents(querysets: list[QuerySet[Any]]) -> Iterator[dict[str, Any]]:
    for queryset in querysets:
        for obj in queryset.iterator(chunk_size=CHUNK):
            document = _search_document(obj)
            if document is not None:
                yield {"object_id": obj.pk, **document}


def search_documents() -> tuple[int, Iterable[dict[str, Any]]]:
    querysets = _querysets()
    return sum(qs.count() for qs in querysets), _documents(querysets)
