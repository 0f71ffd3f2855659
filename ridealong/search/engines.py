# ruff: noqa: S608 — SQL is assembled from fixed fragments; every value is a bound parameter.
"""Two engines behind one interface: SQLite FTS5 and PostgreSQL full-text search.

Both answer in two steps so that a word found in most notes stays fast:
1. candidates: the newest `cap + 1` matches (by document id, an order both engines read
   straight off their index without scoring), filtered. At most `cap` matches are ranked
   (bm25 / ts_rank_cd) and paged; more than `cap` are too many to rank cheaply — FTS5's bm25
   reads the whole posting list of every word to weigh it, 100 ms and more for a word in most
   of a million notes — so they come newest first, and the page says so.
2. snippets and highlights for the page's few rows only (snippet() / ts_headline()), with
   the document's columns and its customer's name, in one statement.
Text reaches the engine only as bound parameters built from parsed terms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ridealong.search.query import ParsedQuery, fts5_match

# Highlight marks: control characters that stored text never holds (services strips them).
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 32
SHORT_BODY = 240  # characters: about SNIPPET_WORDS words


@dataclass(frozen=True)
class Candidate:
    id: int
    score: float


@dataclass(frozen=True)
class Snippet:
    """A page row: the document's columns, its customer's name, and text with marks."""

    id: int
    title: str  # with marks
    body: str  # with marks
    kind: str
    object_id: int
    at: datetime.datetime
    customer_id: int | None
    engagement_id: int | None
    customer_name: str


# The document columns every snippet row carries after its two marked texts.
ROW_COLUMNS = (
    "d.kind, d.object_id, d.at, d.customer_id, d.engagement_id, coalesce(c.name, '')"
    " FROM search_searchdocument d LEFT JOIN customers_customer c ON c.id = d.customer_id"
)


def _moment(value: Any) -> datetime.datetime:
    # SQLite hands back text from a raw cursor; PostgreSQL an aware datetime.
    if isinstance(value, str):
        parsed = parse_datetime(value)
        assert parsed is not None, value
        value = parsed
    return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)


class Engine:
    vendor = ""

    def candidates_sql(
        self, query: ParsedQuery, where: list[str], params: list[Any], *, cap: int
    ) -> tuple[str, list[Any]]:
        """SELECT id, score, total: the newest cap + 1 matches, ranked when at most cap
        (newest first when more), before LIMIT/OFFSET."""
        raise NotImplementedError

    def snippets_sql(self, query: ParsedQuery, ids: list[int]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def naive_sql(self, query: ParsedQuery, *, limit: int) -> tuple[str, list[Any]]:
        """Rank every match, no cap (what one writes first; the benchmark compares it)."""
        raise NotImplementedError

    def candidates(
        self,
        query: ParsedQuery,
        where: list[str],
        params: list[Any],
        *,
        cap: int,
        limit: int,
        offset: int,
    ) -> tuple[list[Candidate], int]:
        sql, sql_params = self.candidates_sql(query, where, params, cap=cap)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*sql_params, limit, offset])
            rows = cursor.fetchall()
        total = rows[0][2] if rows else 0
        if total > cap:  # the extra row only tells that there are more; never show it
            rows = rows[: max(0, cap - offset)]
        return [Candidate(row[0], float(row[1] or 0)) for row in rows], total

    def snippets(self, query: ParsedQuery, ids: list[int]) -> dict[int, Snippet]:
        if not ids:
            return {}
        sql, params = self.snippets_sql(query, ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {
                row[0]: Snippet(
                    id=row[0],
                    title=row[1] or "",
                    body=row[2] or "",
                    kind=row[3],
                    object_id=row[4],
                    at=_moment(row[5]),
                    customer_id=row[6],
                    engagement_id=row[7],
                    customer_name=row[8] or "",
                )
                for row in cursor
            }


class SQLiteEngine(Engine):
    vendor = "sqlite"

    def newest_sql(
        self, query: ParsedQuery, where: list[str], params: list[Any], *, cap: int
    ) -> tuple[str, list[Any]]:
        filters = "".join(f" AND {clause}" for clause in where)
        sql = (
            "SELECT search_fts.rowid FROM search_fts"
            " JOIN search_searchdocument d ON d.id = search_fts.rowid"
            f" WHERE search_fts MATCH %s{filters}"
            " ORDER BY search_fts.rowid DESC LIMIT %s"
        )
        return sql, [fts5_match(query), *params, cap + 1]

    def candidates_sql(
        self, query: ParsedQuery, where: list[str], params: list[Any], *, cap: int
    ) -> tuple[str, list[Any]]:
        filters = "".join(f" AND {clause}" for clause in where)
        # bm25 weights: the title counts four times the body. Lower bm25 is better.
        sql = (
            "SELECT c.id, c.score, count(*) OVER () FROM ("
            " SELECT search_fts.rowid AS id, bm25(search_fts, 4.0, 1.0) AS score"
            " FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
            f" WHERE search_fts MATCH %s{filters}"
            " ORDER BY search_fts.rowid DESC LIMIT %s"
            ") c ORDER BY c.score, c.id DESC"
        )
        return sql, [fts5_match(query), *params, cap]

    def candidates(
        self,
        query: ParsedQuery,
        where: list[str],
        params: list[Any],
        *,
        cap: int,
        limit: int,
        offset: int,
    ) -> tuple[list[Candidate], int]:
        # First the newest ids, unscored (cheap however common the words); bm25 only when
        # there are few enough to rank.
        sql, sql_params = self.newest_sql(query, where, params, cap=cap)
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            newest = [row[0] for row in cursor.fetchall()]
        if len(newest) > cap:
            page = newest[:cap][offset : offset + limit]
            return [Candidate(pk, 0.0) for pk in page], len(newest)
        if not newest:
            return [], 0
        return super().candidates(query, where, params, cap=cap, limit=limit, offset=offset)

    def snippets_sql(self, query: ParsedQuery, ids: list[int]) -> tuple[str, list[Any]]:
        marks = f"'{MARK_START}', '{MARK_END}'"
        sql = (
            f"SELECT search_fts.rowid, highlight(search_fts, 0, {marks}),"
            f" snippet(search_fts, 1, {marks}, '…', {SNIPPET_WORDS}), {ROW_COLUMNS}"
            " JOIN search_fts ON search_fts.rowid = d.id WHERE search_fts MATCH %s"
            f" AND search_fts.rowid IN ({', '.join(['%s'] * len(ids))})"
        )
        return sql, [fts5_match(query), *ids]

    def naive_sql(self, query: ParsedQuery, *, limit: int) -> tuple[str, list[Any]]:
        marks = f"'{MARK_START}', '{MARK_END}'"
        sql = (
            f"SELECT rowid, highlight(search_fts, 0, {marks}),"
            f" snippet(search_fts, 1, {marks}, '…', {SNIPPET_WORDS})"
            " FROM search_fts WHERE search_fts MATCH %s"
            " ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT %s"
        )
        return sql, [fts5_match(query), limit]


def tsquery_sql(query: ParsedQuery) -> tuple[str, list[Any]]:
    """A tsquery AND-ing one function call per term, each word a bound parameter.

    plainto_tsquery/phraseto_tsquery stem and drop stop words and read their argument as
    plain text; a prefix word (letters and digits only, by the parser) gets ':*'."""
    parts: list[str] = []
    params: list[Any] = []
    for term in query.terms:
        if term.prefix:
            parts.append("to_tsquery('english'::regconfig, %s)")
            params.append(term.words[0] + ":*")
        elif term.is_phrase:
            parts.append("phraseto_tsquery('english'::regconfig, %s)")
            params.append(" ".join(term.words))
        else:
            parts.append("plainto_tsquery('english'::regconfig, %s)")
            params.append(term.words[0])
    return "(" + " && ".join(parts) + ")", params


HEADLINE_TITLE = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
HEADLINE_BODY = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=12,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)


# ts_headline parses the text again and drops what looks like an HTML tag ("<Acme>"): show
# angle brackets as their look-alikes so every word is kept and can be highlighted.
UNTAGGED_TITLE = "translate(d.title, '<>', '‹›')"
UNTAGGED_BODY = "translate(d.body, '<>', '‹›')"


class PostgresEngine(Engine):
    vendor = "postgresql"

    def candidates_sql(
        self, query: ParsedQuery, where: list[str], params: list[Any], *, cap: int
    ) -> tuple[str, list[Any]]:
        tsquery, tsparams = tsquery_sql(query)
        filters = "".join(f" AND {clause}" for clause in where)
        # Over the cap the order is newest first (score 0), as on SQLite.
        sql = (
            "SELECT c.id, CASE WHEN count(*) OVER () > %s THEN 0 ELSE c.score END,"
            " count(*) OVER () FROM ("
            " SELECT d.id, ts_rank_cd(d.search_vector, q.query) AS score"
            f" FROM search_searchdocument d, (SELECT {tsquery} AS query) q"
            f" WHERE d.search_vector @@ q.query{filters}"
            " ORDER BY d.id DESC LIMIT %s"
            ") c ORDER BY 2 DESC, c.id DESC"
        )
        return sql, [cap, *tsparams, *params, cap + 1]

    def snippets_sql(self, query: ParsedQuery, ids: list[int]) -> tuple[str, list[Any]]:
        tsquery, tsparams = tsquery_sql(query)
        sql = (
            f"SELECT d.id, ts_headline('english'::regconfig, {UNTAGGED_TITLE}, q.query, %s),"
            # A short body is shown whole; a long one as fragments around the matches.
            f" CASE WHEN length(d.body) <= {SHORT_BODY}"
            f" THEN ts_headline('english'::regconfig, {UNTAGGED_BODY}, q.query, %s)"
            f" ELSE ts_headline('english'::regconfig, {UNTAGGED_BODY}, q.query, %s) END,"
            f" {ROW_COLUMNS} CROSS JOIN (SELECT {tsquery} AS query) q"
            " WHERE d.id = ANY(%s)"
        )
        return sql, [HEADLINE_TITLE, HEADLINE_TITLE, HEADLINE_BODY, *tsparams, list(ids)]

    def naive_sql(self, query: ParsedQuery, *, limit: int) -> tuple[str, list[Any]]:
        tsquery, tsparams = tsquery_sql(query)
        sql = (
            f"SELECT d.id, ts_headline('english'::regconfig, {UNTAGGED_TITLE}, q.query, %s),"
            f" ts_headline('english'::regconfig, {UNTAGGED_BODY}, q.query, %s)"
            f" FROM search_searchdocument d, (SELECT {tsquery} AS query) q"
            " WHERE d.search_vector @@ q.query"
            " ORDER BY ts_rank_cd(d.search_vector, q.query) DESC LIMIT %s"
        )
        return sql, [HEADLINE_TITLE, HEADLINE_BODY, *tsparams, limit]


def engine() -> Engine:
    """The engine of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise NotImplementedError(f"Search has no engine for {connection.vendor}")
