import datetime
from collections.abc import Callable
from typing import Any

import pytest

from ridealong.search.models import SearchDocument
from ridealong.search.services import search_index_upsert

AT = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def index(db) -> Callable[..., SearchDocument]:
    """index(title, body, kind="note", object_id=auto, at=AT, **filters) → SearchDocument."""
    counter = iter(range(1, 10**6))

    def add(title: str = "", body: str = "", **options: Any) -> SearchDocument:
        kind = options.pop("kind", "note")
        object_id = options.pop("object_id", None) or next(counter)
        at = options.pop("at", AT)
        return search_index_upsert(
            kind=kind, object_id=object_id, title=title, body=body, at=at, filters=options
        )

    return add
