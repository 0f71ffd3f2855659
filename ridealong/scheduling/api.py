"""Scheduler runs in the API: start one, read it with its proposal, publish it.

Program leads and admins only, as on the pages. A run is solved by the worker; poll
GET /scheduler-runs/{id} until `status` is "ready" (or "failed"), read the proposals, publish.
"""

import datetime
from typing import Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.api.errors import Conflict
from ridealong.core.api.schemas import Filters, Id, Input, PersonRef, page, responses
from ridealong.core.choices import RunStatus
from ridealong.scheduling import selectors, services
from ridealong.scheduling.models import SchedulerRun

router = Router()
TAGS = ["Scheduler"]


class RunIn(Input):
    period: Literal["week", "month"] = Field(description="Next week or next month.")
    customer_cap: int | None = Field(
        3, ge=1, le=50, description="Visitors per customer per week; null: no cap."
    )
    department_share: int = Field(
        50, ge=1, le=100, description="Largest share of one department in one seat group, in %."
    )


class RunOut(Schema):
    id: int
    label: str
    period_start: datetime.datetime
    period_end: datetime.datetime
    status: RunStatus
    progress: int = Field(description="0 to 100.")
    customer_cap: int | None
    department_share: int
    objective: int | None
    bound: int | None = Field(description="A proven lower bound on the objective.")
    gap: float | None = Field(description="(objective - bound) / objective; 0 is optimal.")
    seconds: float | None
    people_count: int
    seats_count: int
    explanation: str
    outcome: dict = Field(description="After publishing: added, removed, unchanged, refused.")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    published_at: datetime.datetime | None


class RunPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RunOut]


class ProposalOut(Schema):
    id: int
    occurrence: int = Field(alias="occurrence_id")
    person: PersonRef
    starts_at: datetime.datetime = Field(alias="occurrence.starts_at")
    opportunity: str = Field(alias="occurrence.opportunity.title")
    reason: str
    kept: bool = Field(description="Already published; the run keeps it.")


class ProposalPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProposalOut]


@router.get(
    "/scheduler-runs", response=responses(200, RunPage), tags=TAGS, summary="List scheduler runs"
)
def list_runs(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    """Program leads and admins."""
    require(selectors.can_run_scheduler(request.user))
    return page(selectors.run_list(), filters)


@router.post(
    "/scheduler-runs", response=responses(201, RunOut), tags=TAGS, summary="Run the scheduler"
)
def create_run(request: AuthenticatedHttpRequest, payload: RunIn) -> Status:
    """Program leads and admins. The run is queued for the worker; poll it."""
    require(selectors.can_run_scheduler(request.user))
    run = services.run_create(by=request.user, **payload.dict())
    run.refresh_from_db()
    return Status(201, run)


@router.get(
    "/scheduler-runs/{run_id}",
    response=responses(200, RunOut),
    tags=TAGS,
    summary="A scheduler run",
)
def read_run(request: AuthenticatedHttpRequest, run_id: Id) -> SchedulerRun:
    return selectors.get_run_for_user(request.user, run_id)


@router.get(
    "/scheduler-runs/{run_id}/proposals",
    response=responses(200, ProposalPage),
    tags=TAGS,
    summary="The assignments a run proposes, with reasons",
)
def list_proposals(request: AuthenticatedHttpRequest, run_id: Id, filters: Query[Filters]) -> dict:
    run = selectors.get_run_for_user(request.user, run_id)
    return page(selectors.run_proposals(run), filters)


@router.post(
    "/scheduler-runs/{run_id}/publish",
    response=responses(200, RunOut),
    tags=TAGS,
    summary="Publish a run's proposal",
)
def publish_run(request: AuthenticatedHttpRequest, run_id: Id) -> SchedulerRun:
    """Withdraws what the proposal drops, places what it adds; people are told. 409 unless the
    run is ready (queued, running, failed or published already)."""
    run = selectors.get_run_for_user(request.user, run_id)
    try:
        return services.run_publish(run=run, by=request.user)
    except services.RunStateError as refused:
        raise Conflict(refused.messages[0]) from refused
