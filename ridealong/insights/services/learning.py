"""Learning tasks: what a person means to learn on their next engagement."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.customers.models import Customer
from ridealong.engagements.models import Engagement
from ridealong.insights.models import LearningTask, TaskStatus
from ridealong.insights.services.common import MAX_QUOTE, _check_text, _raise, absolute, send_email
from ridealong.people.models import Person


@transaction.atomic
def learning_task_create(
    *,
    customer: Customer,
    assignee: Person,
    reason: str,
    due_on: datetime.date,
    by: User | None,
) -> LearningTask:
    """Ask someone outside sales and support to call or visit the customer; they're e-mailed."""
    from ridealong.insights.selectors import is_outside_sales_and_support

    errors: dict[str, list[str]] = {}
    if not assignee.is_active:
        errors.setdefault("assignee", []).append(f"{assignee} is no longer active.")
    elif not is_outside_sales_and_support(assignee):
        errors.setdefault("assignee", []).append(
            f"{assignee} works in sales or support; pick someone who rarely meets customers."
        )
    _check_text(errors, "reason", reason, limit=MAX_QUOTE, required="Say why this customer.")
    if due_on < timezone.localdate():
        errors.setdefault("due_on", []).append("The due date is in the past.")
    _raise(errors)
    task = LearningTask.objects.create(
        customer=customer, assignee=assignee, reason=reason.strip(), due_on=due_on, created_by=by
    )
    log_action(
        "insights.learning_task.created",
        actor=by,
        target=task,
        changes={"assignee": str(assignee), "customer": str(customer)},
    )
    url = absolute(reverse("insights:tasks"))
    send_email(
        key=f"insights.learning_task.{task.pk}",
        to=[assignee.email],
        subject=f"A learning task: call or visit {customer.name}",
        text=(
            f"You are asked to call or visit {customer.name} by {due_on:%d %B %Y} and log what "
            f"you learned.\n\nWhy: {task.reason}\n\nYour learning tasks: {url}\n"
        ),
    )
    return task


@transaction.atomic
def learning_task_complete(
    *, task: LearningTask, engagement: Engagement, by: User | None
) -> LearningTask:
    errors: dict[str, list[str]] = {}
    if engagement.customer_id != task.customer_id:
        errors.setdefault("engagement", []).append(f"That contact was not with {task.customer}.")
    if task.status != TaskStatus.OPEN:
        errors.setdefault("status", []).append("This learning task is no longer open.")
    _raise(errors)
    task.status = TaskStatus.DONE
    task.engagement = engagement
    task.done_at = timezone.now()
    task.save()
    log_action("insights.learning_task.done", actor=by, target=task)
    return task


@transaction.atomic
def learning_task_cancel(*, task: LearningTask, by: User) -> LearningTask:
    if task.status == TaskStatus.OPEN:
        task.status = TaskStatus.CANCELLED
        task.save(update_fields=["status"])
        log_action("insights.learning_task.cancelled", actor=by, target=task)
    return task
