"""Reads: the search itself, and saved searches.

Everyone signed in searches everything (notes, insights, reflections, answers and engagements
are shared company-wide, as on their pages); contact details are never indexed.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ridealong.search.engines import MARK_END, MARK_START, engine
from ridealong.search.models import DocumentKind, SavedSearch
from ridealong.search.query import ParsedQuery, parse_query

# Rank at most this many of the newest matches: a word in most notes stays fast (see engines).
CANDIDATE_CAP = 2000
PER_PAGE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    customer_id: int | None = None
    segment: str = ""
    relationship: str = ""
    contact_kind_id: int | None = None
    insight_type: str = ""
    tag: str = ""
    product_area: str = ""
    department_ids: tuple[int, ...] = ()  # any of (a department and the ones below it)
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    sentiment: str = ""

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the document table (aliased d), the same on both engines."""
        where: list[str] = []
        params: list[Any] = []
        if self.kinds:
            where.append(f"d.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params.extend(self.kinds)
        for column in ("customer_id", "contact_kind_id"):
            value = getattr(self, column)
            if value is not None:
                where.append(f"d.{column} = %s")
                params.append(value)
        for column in ("segment", "relationship", "insight_type", "product_area", "sentiment"):
            value = getattr(self, column)
            if value:
                where.append(f"d.{column} = %s")
                params.append(value)
        if self.tag:
            where.append("d.tag_keys LIKE %s")
            params.append(f"%|{_like_escape(self.tag.strip().lower())}|%")
        if self.department_ids:
            ors = " OR ".join(["d.department_keys LIKE %s"] * len(self.department_ids))
            where.append(f"({ors})")
            params.extend(f"%|{int(d)}|%" for d in self.department_ids)
        if self.since is not None:
            where.append("d.at >= %s")
            params.append(self.since)
        if self.until is not None:
            where.append("d.at < %s")
            params.append(self.until)
        return where, params


def _like_escape(text: str) -> str:
    # Tags are matched whole; LIKE wildcards in a tag are taken literally by dropping them.
    return text.replace("%", "").replace("_", "").replace("|", "/")


@dataclass
class SearchHit:
    kind: str
    object_id: int
    title: SafeString
    snippet: SafeString
    at: datetime.datetime
    url: str
    customer_id: int | None = None
    customer_name: str = ""
    score: float = 0.0

    @property
    def kind_label(self) -> str:
        return DocumentKind(self.kind).label


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[SearchHit] = field(default_factory=list)
    count: int = 0  # matches (at most CANDIDATE_CAP are counted)
    capped: bool = False  # more matched than CANDIDATE_CAP: too many to rank, newest first
    offset: int = 0
    limit: int = PER_PAGE

    @property
    def hint(self) -> str:
        if self.query.hint:
            return self.query.hint
        if self.capped:
            return (
                f"More than {CANDIDATE_CAP:,} matches, too many to rank: the newest come first."
                " Add a word or a filter to narrow it down."
            )
        return ""

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < self.count

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def marked_html(text: str) -> SafeString:
    """Escape everything, then turn the engine's highlight marks into <mark>."""
    escaped = escape(text.replace(MARK_START + MARK_END, ""))
    # A mark left open by a cut-off fragment is closed at the end.
    html = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    opened, closed = html.count("<mark>"), html.count("</mark>")
    html += "</mark>" * max(0, opened - closed)
    return mark_safe(html)  # noqa: S308 — everything but our own marks was escaped above


PK_PLACEHOLDER = 987654321


@functools.cache
def _route(name: str) -> str | None:
    """A URL with "{pk}" in place of the id, or None when no such page exists (yet)."""
    try:
        return reverse(name, kwargs={"pk": PK_PLACEHOLDER}).replace(str(PK_PLACEHOLDER), "{pk}")
    except NoReverseMatch:
        return None


def _reverse(name: str, pk: int | None) -> str:
    route = _route(name)
    return route.format(pk=int(pk)) if route and pk else ""


def result_url(kind: str, object_id: int, engagement_id: int | None) -> str:
    """The object's page: an engagement's own; a host question's thread; notes, insights and
    reflections on their engagement's insights page; else the engagement."""
    if kind == DocumentKind.ENGAGEMENT:
        return _reverse("engagements:detail", object_id)
    if kind == DocumentKind.ANSWER:
        url = _reverse("insights:question", object_id)
        if url:
            return url
    url = _reverse("insights:engagement", engagement_id)
    if url:
        return f"{url}#{kind}-{object_id}"
    if engagement_id:
        return _reverse("engagements:detail", engagement_id)
    try:
        return reverse("insights:list")
    except NoReverseMatch:
        return ""


def search(
    *,
    user: Any,
    text: str,
    filters: SearchFilters | None = None,
    offset: int = 0,
    limit: int = PER_PAGE,
) -> SearchResults:
    """Ranked matches with highlighted snippets, in two queries whatever the page size."""
    parsed = parse_query(text)
    offset = max(0, min(offset, CANDIDATE_CAP))
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    results = SearchResults(query=parsed, offset=offset, limit=limit)
    if parsed.is_empty:
        return results
    where, params = (filters or SearchFilters()).where()
    search_engine = engine()
    candidates, total = search_engine.candidates(
        parsed, where, params, cap=CANDIDATE_CAP, limit=limit, offset=offset
    )
    results.count = min(total, CANDIDATE_CAP)
    results.capped = total > CANDIDATE_CAP
    if not candidates:
        return results
    snippets = search_engine.snippets(parsed, [c.id for c in candidates])
    for candidate in candidates:
        row = snippets.get(candidate.id)
        if row is None:  # removed between the two statements
            continue
        results.hits.append(
            SearchHit(
                kind=row.kind,
                object_id=row.object_id,
                title=marked_html(row.title),
                snippet=marked_html(row.body),
                at=row.at,
                url=result_url(row.kind, row.object_id, row.engagement_id),
                customer_id=row.customer_id,
                customer_name=row.customer_name,
                score=candidate.score,
            )
        )
    return results


def saved_searches_for_user(user: Any) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(owner=user).order_by("name", "id"))


def get_saved_search_for_user(user: Any, pk: int) -> SavedSearch:
    """Saved searches are private: someone else's is not found."""
    return get_object_or_404(SavedSearch, pk=pk, owner=user)
