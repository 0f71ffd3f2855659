"""The team feed and the list of all insights, with their filters."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ridealong.accounts.models import User
from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.insights import selectors
from ridealong.insights.forms import InsightFilterForm
from ridealong.insights.models import TaskStatus

FEED_INSIGHTS = 30
FEED_REFLECTIONS = 12
PER_PAGE = 50


def _filters(form: InsightFilterForm, user: User) -> selectors.InsightFilters:
    form.is_valid()
    data = form.cleaned_data
    return selectors.InsightFilters(
        type=data.get("type") or "",
        customer_id=data["customer"].pk if data.get("customer") else None,
        product_area_id=data["product_area"].pk if data.get("product_area") else None,
        tag=data.get("tag") or "",
        sentiment=data.get("sentiment") or "",
        text=(data.get("q") or "").replace("\x00", ""),
        author_ids=selectors.team_ids(user) if data.get("scope") == "team" else None,
    )


# --- the feed ----------------------------------------------------------------------------------


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New insights and reflections of my team or the whole company, plus what waits for me."""
    form = InsightFilterForm(request.GET or {"scope": "team" if request.user.person else ""})
    filters = _filters(form, request.user)
    team = form.cleaned_data.get("scope") == "team"
    person = request.user.person
    context: dict[str, Any] = {
        "form": form,
        "team": team,
        "insights": list(selectors.insight_list(filters)[:FEED_INSIGHTS]),
        "reflections": list(
            selectors.reflection_list(person_ids=filters.author_ids if team else None)[
                :FEED_REFLECTIONS
            ]
        ),
        "person": person,
    }
    if person is not None:
        context |= {
            "missing": list(selectors.missing_reflections(person, limit=5)),
            "waiting": list(selectors.waiting_questions(person)[:5]),
            "tasks": list(
                selectors.learning_task_list(assignee_id=person.pk).filter(status=TaskStatus.OPEN)[
                    :5
                ]
            ),
        }
    template = "insights/home.html"
    if request.htmx and not request.htmx.boosted:
        template += "#feed"
    return render(request, template, context)


@login_required
def insight_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InsightFilterForm(request.GET)
    insights = selectors.insight_list(_filters(form, request.user))
    page = Paginator(insights, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "insights/insight_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})
