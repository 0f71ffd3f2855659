"""Unhappy customers and the learning tasks made from them."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.models import User
from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.forms import add_service_errors
from ridealong.customers.models import Customer
from ridealong.engagements.models import Engagement
from ridealong.insights import selectors, services
from ridealong.insights.forms import LearningTaskForm, TaskDoneForm
from ridealong.insights.models import TaskStatus
from ridealong.insights.views.feed import PER_PAGE


@login_required
def unhappy(request: AuthenticatedHttpRequest) -> HttpResponse:
    customers = selectors.unhappy_customers()
    page = Paginator(customers, 25).get_page(request.GET.get("page"))
    quotes = selectors.latest_negative_quotes([c.pk for c in page])
    rows = [(c, quotes.get(c.pk)) for c in page]
    return render(
        request,
        "insights/unhappy.html",
        {
            "page": page,
            "rows": rows,
            "may_assign": selectors.can_create_learning_tasks(request.user),
            "days": selectors.UNHAPPY_DAYS,
        },
    )


def _task_candidates(user: User) -> Any:
    candidates = selectors.learning_task_candidates()
    if not user.sees_everything:
        from ridealong.people.selectors import report_person_ids

        candidates = candidates.filter(pk__in=report_person_ids(user))
    return candidates


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(selectors.can_create_learning_tasks(request.user))
    customer = get_object_or_404(Customer, pk=pk)
    candidates = _task_candidates(request.user)
    quote = selectors.latest_negative_quotes([customer.pk]).get(customer.pk)
    initial = {
        "due_on": timezone.localdate() + datetime.timedelta(days=14),
        "reason": f"{customer.name} has been unhappy lately"
        + (f": “{quote.text[:200]}”" if quote else "."),
    }
    form = LearningTaskForm(request.POST or None, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.learning_task_create(
                customer=customer, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{task.assignee.full_name} will learn from {customer.name}.")
            return redirect("insights:unhappy")
    return render(request, "insights/task_form.html", {"customer": customer, "form": form})


@login_required
def task_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My learning tasks; program leads and admins see everyone's with ?all=1."""
    everyone = request.user.sees_everything and request.GET.get("all") == "1"
    person = request.user.person
    if everyone:
        tasks = selectors.learning_task_list()
    elif person is not None:
        tasks = selectors.learning_task_list(assignee_id=person.pk)
    else:
        tasks = selectors.learning_task_list().none()
    page = Paginator(tasks, PER_PAGE).get_page(request.GET.get("page"))
    # The contacts each open task may be closed with: the assignee's with that customer since.
    open_tasks = [t for t in page if t.status == TaskStatus.OPEN]
    candidates: dict[int, list[dict[str, Any]]] = {t.pk: [] for t in open_tasks}
    if open_tasks:
        rows = Engagement.objects.filter(
            Q(customer_id__in={t.customer_id for t in open_tasks}),
            participations__person_id__in={t.assignee_id for t in open_tasks},
        ).values_list("pk", "customer_id", "participations__person_id", "started_at", "summary")
        for task in open_tasks:
            candidates[task.pk] = [
                {"pk": r[0], "started_at": r[3], "summary": r[4]}
                for r in rows
                if r[1] == task.customer_id and r[2] == task.assignee_id and r[3] >= task.created_at
            ]
    return render(
        request,
        "insights/task_list.html",
        {"page": page, "candidates": candidates, "everyone": everyone},
    )


@login_required
@require_POST
def task_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk, write=True)
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        try:
            services.learning_task_complete(
                task=task, engagement=form.cleaned_data["engagement"], by=request.user
            )
            messages.success(request, "Learning task done. Thank you!")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Pick the contact you logged.")
    return redirect("insights:tasks")


@login_required
@require_POST
def task_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk, write=True)
    services.learning_task_cancel(task=task, by=request.user)
    messages.success(request, "Learning task cancelled.")
    return redirect("insights:tasks")
