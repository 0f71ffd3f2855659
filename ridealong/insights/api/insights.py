"""Insights: list, create, read, change, delete."""

import datetime
from typing import TYPE_CHECKING, Any

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.api.errors import get_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, Moment, Ref, page, partial, responses
from ridealong.core.choices import Sentiment
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement
from ridealong.insights import selectors, services
from ridealong.insights.api.common import _aware
from ridealong.insights.models import Insight, InsightType, ProductArea

router = Router()


class InsightOut(Schema):
    id: int
    text: str
    type: InsightType
    customer: Ref
    contact: Ref | None
    engagement: int | None
    note: int | None
    product_area: Ref | None
    tags: list[str]
    author: Ref | None
    sentiment: Sentiment | None
    sentiment_score: float | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_engagement(insight: Insight) -> int | None:
        return insight.engagement_id

    @staticmethod
    def resolve_note(insight: Insight) -> int | None:
        return insight.note_id

    @staticmethod
    def resolve_tags(insight: Insight) -> list[str]:
        return [t.name for t in insight.tags.all()]

    @staticmethod
    def resolve_author(insight: Insight) -> dict[str, Any] | None:
        if insight.author is None:
            return None
        return {"id": insight.author_id, "name": insight.author.full_name}


class InsightIn(Input):
    text: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    type: InsightType
    customer: Id | None = Field(None, description="Defaults to the engagement's customer.")
    contact: Id | None = None
    engagement: Id | None = None
    note: Id | None = None
    product_area: Id | None = None
    tags: list[str] = Field([], max_length=services.MAX_TAGS)


class InsightPatchIn(Input):
    text: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    type: InsightType
    customer: Id
    contact: Id | None = None
    product_area: Id | None = None
    tags: list[str] = Field([], max_length=services.MAX_TAGS)


if TYPE_CHECKING:
    InsightPatch = InsightPatchIn  # for mypy: the same fields (optional at run time)
else:
    InsightPatch = partial(InsightPatchIn)


class InsightFilterQuery(Filters):
    type: InsightType | None = None
    customer: Id | None = None
    product_area: Id | None = None
    tag: str | None = Field(None, max_length=50)
    sentiment: Sentiment | None = None
    author: Id | None = Field(None, description="A person's id.")
    engagement: Id | None = None
    since: Moment | None = None
    until: Moment | None = None


class InsightPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InsightOut]


TAG_INSIGHTS = ["Insights"]


@router.get(
    "/insights", response=responses(200, InsightPage), tags=TAG_INSIGHTS, summary="List insights"
)
def list_insights(request: AuthenticatedHttpRequest, filters: Query[InsightFilterQuery]) -> dict:
    """Newest first."""
    insights = selectors.insight_list(
        selectors.InsightFilters(
            type=filters.type or "",
            customer_id=filters.customer,
            product_area_id=filters.product_area,
            tag=filters.tag or "",
            sentiment=filters.sentiment or "",
            author_ids={filters.author} if filters.author else None,
            since=_aware(filters.since),
            until=_aware(filters.until),
        )
    )
    if filters.engagement:
        insights = insights.filter(engagement_id=filters.engagement)
    return page(insights, filters)


def _insight_refs(data: dict[str, Any]) -> dict[str, Any]:
    for field, model in (
        ("customer", Customer),
        ("contact", Contact),
        ("product_area", ProductArea),
        ("engagement", Engagement),
    ):
        if field in data:
            data[field] = get_or_invalid(model, data[field], field)
    return data


@router.post(
    "/insights", response=responses(201, InsightOut), tags=TAG_INSIGHTS, summary="Add an insight"
)
def create_insight(request: AuthenticatedHttpRequest, payload: InsightIn) -> Status:
    """Anyone signed in. From a note: send `note` and its engagement and customer follow."""
    data = _insight_refs(payload.dict())
    note = None
    note_id = data.pop("note")
    if note_id:
        note = selectors.get_note_for_user(request.user, note_id)
    insight = services.insight_create(
        note=note, author=request.user.person, by=request.user, **data
    )
    return Status(201, selectors.get_insight_for_user(request.user, insight.pk))


@router.get(
    "/insights/{insight_id}",
    response=responses(200, InsightOut),
    tags=TAG_INSIGHTS,
    summary="An insight",
)
def read_insight(request: AuthenticatedHttpRequest, insight_id: Id) -> Insight:
    return selectors.get_insight_for_user(request.user, insight_id)


@router.patch(
    "/insights/{insight_id}",
    response=responses(200, InsightOut),
    tags=TAG_INSIGHTS,
    summary="Change an insight",
)
def update_insight(
    request: AuthenticatedHttpRequest, insight_id: Id, payload: InsightPatch
) -> Insight:
    """Who added it, their managers, program leads and admins."""
    insight = selectors.get_insight_for_user(request.user, insight_id, write=True)
    current: dict[str, Any] = {
        "text": insight.text,
        "type": insight.type,
        "customer": insight.customer,
        "contact": insight.contact,
        "product_area": insight.product_area,
        "tags": [t.name for t in insight.tags.all()],
    }
    changed = _insight_refs(payload.dict(exclude_unset=True))
    services.insight_update(insight=insight, by=request.user, **(current | changed))
    return selectors.get_insight_for_user(request.user, insight_id)


@router.delete(
    "/insights/{insight_id}",
    response=responses(204, None),
    tags=TAG_INSIGHTS,
    summary="Delete an insight",
)
def delete_insight(request: AuthenticatedHttpRequest, insight_id: Id) -> Status:
    insight = selectors.get_insight_for_user(request.user, insight_id, write=True)
    services.insight_delete(insight=insight, by=request.user)
    return Status(204, None)
