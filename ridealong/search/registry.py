"""The one list of what search indexes (`search_sources`): a SearchSource per model,
registered in SearchConfig.ready() (search/sources.py). `search_reindex` rebuilds from it, and
the receivers of other apps' "saved"/"deleted" signals index through it. A new searchable model
registers here; nothing is found by module name."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from ridealong.core.registry import Registry, RegistryError

# title, body, at and filters: search_index_upsert's keyword arguments without kind/object_id.
Document = dict[str, Any]


@dataclass(frozen=True)
class SearchSource:
    model: type[Model]
    kind: str  # a DocumentKind value
    document: Callable[[Any], Document | None]  # None: this object is not indexed
    everything: Callable[[], QuerySet[Any]]  # every object, with what `document` reads prefetched


class SearchRegistry(Registry[SearchSource]):
    """Sources named by their kind; also found by model, as each save looks its source up."""

    def __init__(self) -> None:
        super().__init__("search source")
        self._by_model: dict[type[Model], SearchSource] = {}

    def add(
        self,
        name: str,
        item: SearchSource,
        *,
        after: Iterable[str] = (),
        before: Iterable[str] = (),
    ) -> None:
        if item.model in self._by_model:
            raise RegistryError(f"{item.model.__name__} is registered with search twice.")
        super().add(name, item, after=after, before=before)
        self._by_model[item.model] = item

    def source_for(self, obj: Model) -> SearchSource | None:
        return self._by_model.get(type(obj))

    def __iter__(self) -> Iterator[SearchSource]:
        return iter([source for _, source in self.items()])


search_sources = SearchRegistry()
