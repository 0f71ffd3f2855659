"""The one list of what search indexes (`search_sources`): a SearchSource per model,
registered in SearchConfig.ready() (search/sources.py). `search_reindex` rebuilds from it, and
the receivers of other apps' "saved"/"deleted" signals index through it. A new searchable model
registers here; nothing is found by module name."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

# title, body, at and filters: search_index_upsert's keyword arguments without kind/object_id.
Document = dict[str, Any]


@dataclass(frozen=True)
class SearchSource:
    model: type[Model]
    kind: str  # a DocumentKind value
    document: Callable[[Any], Document | None]  # None: this object is not indexed
    everything: Callable[[], QuerySet[Any]]  # every object, with what `document` reads prefetched


class SearchRegistry:
    def __init__(self) -> None:
        self._sources: dict[type[Model], SearchSource] = {}

    def register(self, source: SearchSource) -> None:
        if source.model in self._sources:
            raise ValueError(f"{source.model.__name__} is registered with search twice")
        self._sources[source.model] = source

    def source_for(self, obj: Model) -> SearchSource | None:
        return self._sources.get(type(obj))

    def __iter__(self) -> Iterator[SearchSource]:
        return iter(list(self._sources.values()))


search_sources = SearchRegistry()
