"""Learning tasks: list, assign, complete."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.api.errors import get_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, Ref, page, responses
from ridealong.customers.models import Customer
from ridealong.engagements.models import Engagement
from ridealong.insights import selectors, services
from ridealong.insights.models import LearningTask, TaskStatus
from ridealong.people.models import Person
from ridealong.people.selectors import report_person_ids

router = Router()


class LearningTaskOut(Schema):
    id: int
    customer: Ref
    assignee: Ref
    reason: str
    status: TaskStatus
    due_on: datetime.date
    engagement: int | None
    created_at: datetime.datetime
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_assignee(task: LearningTask) -> dict[str, Any]:
        return {"id": task.assignee_id, "name": task.assignee.full_name}

    @staticmethod
    def resolve_engagement(task: LearningTask) -> int | None:
        return task.engagement_id


class LearningTaskIn(Input):
    customer: Id
    assignee: Id = Field(description="A person outside sales and support.")
    reason: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    due_on: datetime.date


class TaskDoneIn(Input):
    engagement: Id = Field(description="The contact logged with the customer.")


class TaskFilters(Filters):
    assignee: Id | None = None
    status: TaskStatus | None = None


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LearningTaskOut]


TAG_TASKS = ["Learning tasks"]


@router.get(
    "/learning-tasks",
    response=responses(200, TaskPage),
    tags=TAG_TASKS,
    summary="List learning tasks",
)
def list_tasks(request: AuthenticatedHttpRequest, filters: Query[TaskFilters]) -> dict:
    tasks = selectors.learning_task_list(assignee_id=filters.assignee)
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    return page(tasks, filters)


@router.post(
    "/learning-tasks",
    response=responses(201, LearningTaskOut),
    tags=TAG_TASKS,
    summary="Assign a learning task",
)
def create_task(request: AuthenticatedHttpRequest, payload: LearningTaskIn) -> Status:
    """Program leads and admins; managers for their reports."""
    require(selectors.can_create_learning_tasks(request.user))
    customer = get_or_invalid(Customer, payload.customer, "customer")
    assignee = get_or_invalid(Person, payload.assignee, "assignee")
    if not request.user.sees_everything and assignee.pk not in report_person_ids(request.user):
        raise ValidationError({"assignee": ["Managers assign learning tasks to their reports."]})
    task = services.learning_task_create(
        customer=customer,
        assignee=assignee,
        reason=payload.reason,
        due_on=payload.due_on,
        by=request.user,
    )
    return Status(201, selectors.get_task_for_user(request.user, task.pk))


@router.post(
    "/learning-tasks/{task_id}/done",
    response=responses(200, LearningTaskOut),
    tags=TAG_TASKS,
    summary="Close a learning task with the contact logged",
)
def complete_task(
    request: AuthenticatedHttpRequest, task_id: Id, payload: TaskDoneIn
) -> LearningTask:
    """The assignee, who assigned it, program leads and admins."""
    task = selectors.get_task_for_user(request.user, task_id, write=True)
    engagement = get_or_invalid(Engagement, payload.engagement, "engagement")
    return services.learning_task_complete(task=task, engagement=engagement, by=request.user)
