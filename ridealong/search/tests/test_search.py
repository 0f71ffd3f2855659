"""Search behaviour, on whichever engine the suite runs (SQLite FTS5 or PostgreSQL)."""

import datetime

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ridealong.search import selectors
from ridealong.search.selectors import SearchFilters, search
from ridealong.search.services import search_index_remove

pytestmark = pytest.mark.django_db


def found(text, filters=None):
    return [(hit.kind, hit.object_id) for hit in search(user=None, text=text, filters=filters).hits]


def test_it_finds_all_words_anywhere(index):
    index("Night shift", "The sealing jaws jam on the film", object_id=1)
    index("Day shift", "The film tears", object_id=2)
    assert found("film jaws") == [("note", 1)]
    assert sorted(found("film")) == [("note", 1), ("note", 2)]
    assert found("shift")
    assert found("nothing-like-this") == []


def test_it_stems_english_words(index):
    index("Visits", "We visited three plants", object_id=1)
    assert found("visit") == [("note", 1)]
    assert found("visiting plant") == [("note", 1)]


def test_it_matches_phrases_in_order(index):
    index("", "spare parts arrive late", object_id=1)
    index("", "parts that are spare", object_id=2)
    assert found('"spare parts"') == [("note", 1)]


def test_it_matches_prefixes(index):
    index("", "manufacturing execution system", object_id=1)
    index("", "the manual was missing", object_id=2)
    index("", "a machine", object_id=3)
    assert sorted(found("manu*")) == [("note", 1), ("note", 2)]


def test_it_ranks_title_matches_and_repeated_words_first(index):
    index("Pricing", "They asked about delivery", object_id=1)
    index("Delivery", "pricing came up once", object_id=2)
    assert found("pricing")[0] == ("note", 1)


def test_it_highlights_matches_and_escapes_everything_else(index):
    index("<b>Conveyor</b> & co", "<script>alert(1)</script> the conveyor stopped", object_id=1)
    hit = search(user=None, text="conveyor").hits[0]
    assert "<mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "<b>" not in hit.title
    assert "&amp;" in hit.title
    assert "<mark>Conveyor</mark>" in hit.title


def test_it_keeps_the_index_in_step_with_writes(index):
    index("", "the gearbox overheats", object_id=1)
    index("", "the gearbox is quiet now", object_id=1)
    assert found("overheats") == []
    assert found("quiet") == [("note", 1)]
    search_index_remove(kind="note", object_id=1)
    assert found("gearbox") == []


def test_it_forgets_what_a_rolled_back_transaction_indexed(index):
    def write_then_fail():
        with transaction.atomic():
            index("", "a vanishing remark", object_id=1)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert found("vanishing") == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(customer_id=10), [1]),
        (SearchFilters(segment="Food"), [1]),
        (SearchFilters(relationship="prospect"), [2]),
        (SearchFilters(contact_kind_id=5), [2]),
        (SearchFilters(kinds=("insight",)), [2]),
        (SearchFilters(insight_type="pain"), [2]),
        (SearchFilters(tag="Spare Parts"), [1]),
        (SearchFilters(tag="spare"), []),
        (SearchFilters(product_area="Sealing"), [2]),
        (SearchFilters(department_ids=(3,)), [1, 2]),
        (SearchFilters(department_ids=(4,)), [2]),
        (SearchFilters(sentiment="negative"), [1]),
        (SearchFilters(since=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)), [2]),
        (SearchFilters(until=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)), [1]),
    ],
)
def test_it_filters(index, filters, expected):
    index(
        "",
        "the valve leaks",
        object_id=1,
        kind="note",
        customer_id=10,
        segment="Food",
        relationship="current",
        contact_kind_id=6,
        tags=["spare parts"],
        department_ids=[3],
        sentiment="negative",
        at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    index(
        "",
        "the valve leaks",
        object_id=2,
        kind="insight",
        customer_id=11,
        segment="Pharma",
        relationship="prospect",
        contact_kind_id=5,
        insight_type="pain",
        product_area="Sealing",
        department_ids=[3, 4],
        at=datetime.datetime(2026, 3, 5, tzinfo=datetime.UTC),
    )
    assert sorted(object_id for _, object_id in found("valve", filters)) == expected


def test_it_ranks_only_the_newest_matches_beyond_the_cap(index, monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATE_CAP", 3)
    for n in range(1, 6):
        index("", "common word", object_id=n)
    results = search(user=None, text="common")
    assert results.capped
    assert results.count == 3
    assert sorted(hit.object_id for hit in results.hits) == [3, 4, 5]
    assert "newest" in results.hint


def test_it_pages(index):
    for n in range(1, 6):
        index("", "common word", object_id=n)
    first = search(user=None, text="common", limit=2)
    second = search(user=None, text="common", limit=2, offset=2)
    assert first.count == 5
    assert first.has_next
    assert not first.has_previous
    assert {h.object_id for h in first.hits}.isdisjoint({h.object_id for h in second.hits})


def test_it_runs_a_constant_number_of_queries(index, django_assert_max_num_queries):
    for n in range(1, 30):
        index(f"Visit {n}", "common word", object_id=n, customer_id=n)
    with django_assert_max_num_queries(3):
        assert len(search(user=None, text="common", limit=25).hits) == 25


ODD_INPUTS = [
    '"',
    '"""',
    '"spare',
    "spare\"parts'",
    "AND OR NOT NEAR",
    "- + * ^ : ( ) { } [ ] ~ | & ! < > @ \\",
    "NEAR(a b, 3)",
    "title:pump",
    "pump*^2",
    "😀🏭 pump",
    "a\x00b",
    "'; DROP TABLE search_searchdocument; --",
    "x" * 10_000,
    "word " * 3000,
    "ñandú café naïve",
    "*",
    "manu**",
    "の工場",
    "\u200b\u202e",
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_it_never_errors_on_odd_input(index, text):
    index("Pump", "the pump and its spare parts", object_id=1)
    results = search(user=None, text=text)
    assert results.count >= 0
    if results.query.is_empty:
        assert results.hint


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_it_never_errors_on_any_text(index, text):
    index("Pump", "the pump and its spare parts", object_id=1)
    search(user=None, text=text)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 only")
def test_sqlite_keeps_an_fts5_table_in_step(index):
    index("", "the gearbox overheats", object_id=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'gearbox'")
        assert cursor.fetchone()[0] == 1
        # The integrity check fails if the external content and the index disagree.
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 only")
def test_sqlite_folds_diacritics(index):
    index("", "naïve café crème", object_id=1)
    assert found("naive cafe") == [("note", 1)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_stores_a_generated_weighted_tsvector(index):
    doc = index("Pumps", "visited the plants", object_id=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM search_searchdocument WHERE id = %s", [doc.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'pump':1A" in vector
    assert "'plant'" in vector


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_reads_angle_brackets_as_text(index):
    index("Visit at <Acme>", "<script>alert</script>", object_id=1)
    assert found("acme") == [("note", 1)]
    assert found("script") == [("note", 1)]
