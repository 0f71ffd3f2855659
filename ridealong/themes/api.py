"""Themes and sentiment in the REST API (mounted by config.api).

Everyone with a token reads themes; program leads and admins rename, pin, merge and split them
and ask for recomputation — the same rules as the pages.
"""

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.api.errors import get_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, page, responses
from ridealong.language.sentiment import score
from ridealong.themes import selectors, services
from ridealong.themes.models import Theme, ThemeRun

router = Router()

T = TypeVar("T")
TAGS = ["themes"]
MAX_SCORE_TEXTS = 100
MAX_SCORE_LENGTH = 20_000


class QuoteOut(Schema):
    id: int
    text: str
    customer_id: int
    sentiment: str | None
    sentiment_score: float | None


class MonthOut(Schema):
    month: datetime.date
    count: int


class ThemeOut(Schema):
    id: int
    name: str
    auto_name: str
    renamed: bool
    pinned: bool
    size: int
    terms: list[str]
    merged_names: list[str]
    customer_count: int
    segments: list[str]
    trend: list[MonthOut] = Field(description="Insights per month, the last 12 months.")
    quotes: list[QuoteOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ThemePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ThemeOut]


class ThemePatch(Input):
    name: str | None = Field(None, min_length=1, max_length=services.MAX_NAME)
    pinned: bool | None = None


class MergeIn(Input):
    into_id: Id


class SplitIn(Input):
    name: str = Field(min_length=1, max_length=services.MAX_NAME)
    insight_ids: list[Id] = Field(min_length=1, max_length=1000)


class RunIn(Input):
    full: bool = Field(False, description="Cluster everything again; else place new insights.")


class RunOut(Schema):
    id: int
    full: bool
    status: str
    progress: int
    step: str
    model: str
    result: dict
    error_message: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


class ScoreIn(Input):
    texts: list[str] = Field(min_length=1, max_length=MAX_SCORE_TEXTS)


class SentimentOut(Schema):
    label: str
    score: float


def _present(themes: list[Theme]) -> list[dict]:
    out = []
    for summary in selectors.theme_summaries(themes):
        theme = summary.theme
        out.append(
            {
                **{f: getattr(theme, f) for f in ThemeOut.model_fields if hasattr(theme, f)},
                "customer_count": summary.customer_count,
                "segments": summary.segments,
                "trend": [{"month": m.month, "count": m.count} for m in summary.trend],
                "quotes": summary.quotes,
            }
        )
    return out


def _edit(call: Callable[..., T], **kwargs: Any) -> T:
    try:
        return call(**kwargs)
    except services.ThemeEditError as error:
        raise ValidationError(str(error)) from error


@router.get("/themes", response=responses(200, ThemePage), tags=TAGS, summary="List themes")
def list_themes(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    return page(selectors.theme_list(), filters, _present)


@router.get("/themes/{theme_id}", response=responses(200, ThemeOut), tags=TAGS, summary="A theme")
def read_theme(request: AuthenticatedHttpRequest, theme_id: Id) -> dict:
    return _present([selectors.get_theme_for_user(request.user, theme_id)])[0]


@router.patch(
    "/themes/{theme_id}", response=responses(200, ThemeOut), tags=TAGS, summary="Rename or pin"
)
def update_theme(request: AuthenticatedHttpRequest, theme_id: Id, payload: ThemePatch) -> dict:
    """Program leads and admins. A renamed theme keeps its name on recomputation while most of
    its insights stay in it; a pinned theme keeps its insights."""
    theme = selectors.get_theme_for_user(request.user, theme_id, write=True)
    if payload.name is not None:
        _edit(services.theme_rename, theme=theme, name=payload.name, by=request.user)
    if payload.pinned is not None:
        services.theme_pin(theme=theme, pinned=payload.pinned, by=request.user)
    return _present([theme])[0]


@router.post(
    "/themes/{theme_id}/merge",
    response=responses(200, ThemeOut),
    tags=TAGS,
    summary="Merge a theme into another",
)
def merge_theme(request: AuthenticatedHttpRequest, theme_id: Id, payload: MergeIn) -> dict:
    """Program leads and admins. Answers with the theme merged into; this one is gone."""
    theme = selectors.get_theme_for_user(request.user, theme_id, write=True)
    into = get_or_invalid(Theme, payload.into_id, "into_id")
    return _present([_edit(services.theme_merge, source=theme, into=into, by=request.user)])[0]


@router.post(
    "/themes/{theme_id}/split",
    response=responses(201, ThemeOut),
    tags=TAGS,
    summary="Split insights off into a new theme",
)
def split_theme(request: AuthenticatedHttpRequest, theme_id: Id, payload: SplitIn) -> Status:
    """Program leads and admins. Answers with the new theme."""
    theme = selectors.get_theme_for_user(request.user, theme_id, write=True)
    new = _edit(
        services.theme_split,
        theme=theme,
        insight_ids=payload.insight_ids,
        name=payload.name,
        by=request.user,
    )
    return Status(201, _present([new])[0])


@router.post(
    "/theme-runs", response=responses(202, RunOut), tags=TAGS, summary="Recompute the themes"
)
def create_run(request: AuthenticatedHttpRequest, payload: RunIn) -> Status:
    """Program leads and admins. Runs in the background; poll the run for its progress. While a
    run is queued or running, that run is answered."""
    require(selectors.can_edit_themes(request.user))
    return Status(202, services.theme_run_request(by=request.user, full=payload.full))


@router.get(
    "/theme-runs/{run_id}", response=responses(200, RunOut), tags=TAGS, summary="A recomputation"
)
def read_run(request: AuthenticatedHttpRequest, run_id: Id) -> ThemeRun:
    return selectors.get_run(run_id)


@router.post(
    "/sentiment",
    response=responses(200, list[SentimentOut]),
    tags=["sentiment"],
    summary="Score texts",
)
def score_texts(request: AuthenticatedHttpRequest, payload: ScoreIn) -> list:
    """Sentiment of up to 100 texts (negative / neutral / positive, score from -1 to 1), with
    the same model as notes and insights."""
    if any(len(t) > MAX_SCORE_LENGTH for t in payload.texts):
        raise ValidationError({"texts": [f"Keep each text under {MAX_SCORE_LENGTH} characters."]})
    return score(payload.texts)
