import datetime

import pytest

from ridealong.search.models import SearchDocument
from ridealong.search.services import search_index_remove, search_index_upsert

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)


def test_it_indexes_an_object_once_and_updates_it_in_place():
    search_index_upsert(
        kind="insight",
        object_id=7,
        title="Spare parts",
        body="Waiting\x00 weeks",
        at=AT,
        filters={"customer_id": 3, "tags": ["Spare parts", "pricing"], "department_ids": [2, 1]},
    )
    doc = search_index_upsert(
        kind="insight",
        object_id=7,
        title="Spare parts take weeks",
        body="",
        at=AT,
        filters={"tags": ["pricing"], "sentiment": "negative"},
    )
    assert SearchDocument.objects.count() == 1
    assert doc.title == "Spare parts take weeks"
    assert doc.tag_keys == "|pricing|"
    assert doc.customer_id is None
    assert doc.sentiment == "negative"


def test_it_keeps_nul_out_and_lists_as_keys():
    doc = search_index_upsert(
        kind="note",
        object_id=1,
        title="t",
        body="a\x00b",
        at=AT,
        filters={"tags": ["Spare parts", "a|b"], "department_ids": [2, 1]},
    )
    assert doc.body == "ab"
    assert doc.tag_keys == "|a/b|spare parts|"
    assert doc.department_keys == "|1|2|"


def test_it_refuses_unknown_filters_and_kinds():
    with pytest.raises(TypeError):
        search_index_upsert(kind="note", object_id=1, title="", body="", at=AT, filters={"x": 1})
    with pytest.raises(ValueError, match="kind"):
        search_index_upsert(kind="memo", object_id=1, title="", body="", at=AT, filters={})


def test_it_removes_and_ignores_what_is_not_there():
    search_index_upsert(kind="note", object_id=1, title="t", body="b", at=AT, filters={})
    search_index_remove(kind="note", object_id=1)
    search_index_remove(kind="note", object_id=1)
    assert not SearchDocument.objects.exists()
