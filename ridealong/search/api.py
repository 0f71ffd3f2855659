"""The search part of the REST API (mounted by config.api).

GET /search runs the same search as the page (same parser, engines and filters) for everyone
signed in; saved searches are each person's own (someone else's answers 404).
"""

import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field, field_validator

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.api.schemas import Filters, Id, Input, Moment, partial, responses
from ridealong.people.selectors import department_descendant_ids
from ridealong.search import selectors, services
from ridealong.search.forms import FILTER_FIELDS, SearchForm
from ridealong.search.models import DocumentKind, SavedSearch
from ridealong.search.query import MAX_QUERY_LENGTH
from ridealong.search.selectors import MAX_PAGE_SIZE, SearchFilters

router = Router()
TAGS = ["Search"]


class SearchParams(Filters):
    q: str = Field("", description='Words (all must match), "a phrase", or a prefix like manu*.')
    kind: DocumentKind | None = None
    customer: Id | None = None
    segment: str = Field("", max_length=100)
    relationship: str = Field("", max_length=20)
    contact_kind: Id | None = Field(None, description="A kind of contact's id.")
    insight_type: str = Field("", max_length=20)
    tag: str = Field("", max_length=100)
    product_area: str = Field("", max_length=100)
    department: Id | None = Field(None, description="A participant's department (and below).")
    since: Moment | None = Field(None, description="At or after.")
    until: Moment | None = Field(None, description="Before.")
    sentiment: Literal["", "negative", "neutral", "positive"] = ""
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="At most 100.")

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        # Odd search input never errors: NUL is dropped (not refused), long input is cut.
        if isinstance(value, str):
            return value.replace("\x00", "").strip()
        return value

    @field_validator("q")
    @classmethod
    def _cap(cls, value: str) -> str:
        return value[:MAX_QUERY_LENGTH]


class CustomerRef(Schema):
    id: int
    name: str


class HitOut(Schema):
    kind: DocumentKind
    object_id: int
    title_html: str = Field(description="HTML-escaped, matches in <mark>.")
    snippet_html: str = Field(description="HTML-escaped, matches in <mark>.")
    at: datetime.datetime
    url: str = Field(description="The page to open (relative).")
    customer: CustomerRef | None
    score: float


class SearchPage(Schema):
    count: int = Field(description="Matches (counted up to 2000: see capped).")
    capped: bool = Field(
        description="More than 2000 matched: too many to rank, so the newest come first."
    )
    hint: str
    query: str = Field(description="The query as understood.")
    limit: int
    offset: int
    items: list[HitOut]


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


@router.get("/search", response=responses(200, SearchPage), tags=TAGS, summary="Search")
def run_search(request: AuthenticatedHttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Notes, insights, reflections, host answers and engagements, best match first."""
    filters = SearchFilters(
        kinds=(params.kind,) if params.kind else (),
        customer_id=params.customer,
        segment=params.segment,
        relationship=params.relationship,
        contact_kind_id=params.contact_kind,
        insight_type=params.insight_type,
        tag=params.tag,
        product_area=params.product_area,
        department_ids=tuple(sorted(department_descendant_ids(params.department)))
        if params.department
        else (),
        since=_aware(params.since),
        until=_aware(params.until),
        sentiment=params.sentiment,
    )
    results = selectors.search(
        user=request.user, text=params.q, filters=filters, offset=params.offset, limit=params.limit
    )
    return {
        "count": results.count,
        "capped": results.capped,
        "hint": results.hint,
        "query": results.query.describe(),
        "limit": results.limit,
        "offset": results.offset,
        "items": [
            {
                "kind": hit.kind,
                "object_id": hit.object_id,
                "title_html": str(hit.title),
                "snippet_html": str(hit.snippet),
                "at": hit.at,
                "url": hit.url,
                "customer": {"id": hit.customer_id, "name": hit.customer_name}
                if hit.customer_id
                else None,
                "score": hit.score,
            }
            for hit in results.hits
        ],
    }


# --- saved searches ---------------------------------------------------------------------------


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str
    filters: dict[str, str] = Field(description=f"Any of {', '.join(FILTER_FIELDS)}.")
    created_at: datetime.datetime


class SavedSearchIn(Input):
    name: str = Field(min_length=1, max_length=100)
    query: str = Field("", max_length=MAX_QUERY_LENGTH)
    filters: dict[str, str] = Field(
        {}, description="As on the search page: kind, customer (id), since (YYYY-MM-DD) …"
    )


if TYPE_CHECKING:
    SavedSearchPatch = SavedSearchIn  # for mypy: the same fields (optional at run time)
else:
    SavedSearchPatch = partial(SavedSearchIn)


class SavedSearchPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SavedSearchOut]


def _checked_filters(filters: dict[str, str]) -> dict[str, str]:
    """The page's form decides what a filter may be; anything else is a 400."""
    unknown = sorted(set(filters) - set(FILTER_FIELDS))
    if unknown:
        raise ValidationError({"filters": [f"Unknown filters: {', '.join(unknown)}."]})
    form = SearchForm(filters)
    if not form.is_valid():
        raise ValidationError(
            {
                "filters": [
                    f"{field}: {' '.join(map(str, errs))}" for field, errs in form.errors.items()
                ]
            }
        )
    return form.saved_filters()


@router.get(
    "/saved-searches",
    response=responses(200, SavedSearchPage),
    tags=TAGS,
    summary="List my saved searches",
)
def list_saved_searches(
    request: AuthenticatedHttpRequest, filters: Query[Filters]
) -> dict[str, Any]:
    from ridealong.core.api.schemas import page

    return page(SavedSearch.objects.filter(owner=request.user).order_by("name", "id"), filters)


@router.post(
    "/saved-searches",
    response=responses(201, SavedSearchOut),
    tags=TAGS,
    summary="Save a search",
)
def create_saved_search(request: AuthenticatedHttpRequest, payload: SavedSearchIn) -> Status:
    saved = services.saved_search_create(
        owner=request.user,
        name=payload.name,
        query=payload.query,
        filters=_checked_filters(payload.filters),
    )
    return Status(201, saved)


@router.get(
    "/saved-searches/{saved_search_id}",
    response=responses(200, SavedSearchOut),
    tags=TAGS,
    summary="A saved search of mine",
)
def read_saved_search(request: AuthenticatedHttpRequest, saved_search_id: Id) -> SavedSearch:
    return selectors.get_saved_search_for_user(request.user, saved_search_id)


@router.patch(
    "/saved-searches/{saved_search_id}",
    response=responses(200, SavedSearchOut),
    tags=TAGS,
    summary="Change a saved search of mine",
)
def update_saved_search(
    request: AuthenticatedHttpRequest,
    saved_search_id: Id,
    payload: SavedSearchPatch,
) -> SavedSearch:
    saved = selectors.get_saved_search_for_user(request.user, saved_search_id)
    fields = payload.dict(exclude_unset=True)
    if "filters" in fields:
        fields["filters"] = _checked_filters(fields["filters"] or {})
    return services.saved_search_update(saved_search=saved, by=request.user, **fields)


@router.delete(
    "/saved-searches/{saved_search_id}",
    response=responses(204, None),
    tags=TAGS,
    summary="Delete a saved search of mine",
)
def delete_saved_search(request: AuthenticatedHttpRequest, saved_search_id: Id) -> Status:
    saved = selectors.get_saved_search_for_user(request.user, saved_search_id)
    services.saved_search_delete(saved_search=saved, by=request.user)
    return Status(204, None)
