"""Pages about engagements: home ("my customer time"), log, read, edit, delete, list,
and the small pickers the log form searches with."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.customers.models import Customer
from ridealong.customers.selectors import can_see_contact_details
from ridealong.engagements import selectors, services
from ridealong.engagements.forms import (
    DURATION_PRESETS,
    EngagementFilterForm,
    EngagementForm,
    clean_query,
    initial_for_engagement,
    initial_for_new,
)
from ridealong.engagements.models import Engagement, Part
from ridealong.people.models import Person
from ridealong.people.selectors import department_descendant_ids

RECENT_LIMIT = 10
PICK_LIMIT = 10
PER_PAGE = 50
EXPOSURE_WEEKS = 6


def _days_ago(moment: datetime.datetime) -> str:
    """'today', 'yesterday', '12 days ago' — by calendar day in the organisation's zone."""
    days = (timezone.localdate() - timezone.localtime(moment).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My customer time: my last contact, my exposure, mine and my team's engagements."""
    person = request.user.person
    context: dict[str, Any] = {"person": person, "exposure_weeks": EXPOSURE_WEEKS}
    if person is not None:
        last = selectors.last_live_engagement(person.pk)
        now = timezone.now()
        since = _local_midnight(timezone.localdate() - datetime.timedelta(weeks=EXPOSURE_WEEKS))
        total, live = selectors.exposure_minutes(person.pk, since=since, until=now)
        team_ids = selectors.team_person_ids(request.user)
        context |= {
            "last": last,
            "last_ago": _days_ago(last.started_at) if last else "",
            "exposure_hours": total / 60,
            "live_hours": live / 60,
            "mine": selectors.engagement_list(person_ids=[person.pk])[:RECENT_LIMIT],
            "team": selectors.engagement_list(person_ids=team_ids).exclude(
                participations__person_id=person.pk
            )[:RECENT_LIMIT]
            if team_ids
            else [],
        }
    else:
        context["recent"] = selectors.engagement_list()[:RECENT_LIMIT]
    return render(request, "engagements/home.html", context)


@login_required
def engagement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every engagement, filtered; an htmx request gets the results only."""
    form = EngagementFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    kind, customer, person = data.get("kind"), data.get("customer"), data.get("person")
    department = data.get("department")
    since, until = data.get("since"), data.get("until")
    engagements = selectors.engagement_search(
        kind_id=kind.pk if kind else None,
        customer_id=customer.pk if customer else None,
        person_id=person.pk if person else None,
        department_ids=department_descendant_ids(department.pk) if department else None,
        since=_local_midnight(since) if since else None,
        until=_local_midnight(until + datetime.timedelta(days=1)) if until else None,
    )
    page = Paginator(engagements, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "picked_customer": customer,
        "picked_person": person,
        "query": query.urlencode(),
        "active_filters": sum(
            1 for value in (kind, customer, person, department, since, until) if value
        ),
    }
    template = "engagements/engagement_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _save(
    request: AuthenticatedHttpRequest, form: EngagementForm, engagement: Engagement | None
) -> Engagement | None:
    """Validate and save through the service; None when the form goes back to the user."""
    valid = form.is_valid()
    if "find" in request.POST:
        # No JavaScript: the user asked to resolve what they typed into picks, not to save.
        for name in list(form.errors):
            if name not in EngagementForm.PICKER_FIELDS:
                del form.errors[name]
        return None
    if not valid:
        return None
    try:
        if engagement is None:
            return services.engagement_create(by=request.user, **form.service_arguments())
        return services.engagement_update(
            engagement=engagement, by=request.user, **form.service_arguments()
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _render_form(
    request: AuthenticatedHttpRequest,
    form: EngagementForm,
    engagement: Engagement | None = None,
) -> HttpResponse:
    picked_participants = form.picked_participants()
    context = {
        "form": form,
        "engagement": engagement,
        "picked_customer": form.picked_customer(),
        "picked_contacts": form.picked_contacts(),
        "picked_participants": picked_participants,
        "parts": Part.choices,
        "duration_presets": DURATION_PRESETS,
        "duration_value": str(form["duration_minutes"].value() or ""),
        "live_kind_ids": list(form.kinds.filter(is_live=True).values_list("pk", flat=True)),
    }
    status = 422 if form.is_bound and form.errors and "find" not in request.POST else 200
    return render(request, "engagements/engagement_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = EngagementForm(request.POST)
        engagement = _save(request, form, None)
        if engagement is not None:
            messages.success(request, "Logged. Thank you for meeting a customer!")
            return redirect("engagements:detail", pk=engagement.pk)
    else:
        customer = None
        if (customer_id := request.GET.get("customer", "")).isdigit():
            customer = Customer.objects.filter(pk=int(customer_id)).first()
        form = EngagementForm(
            initial=initial_for_new(
                person=request.user.person,
                customer=customer,
                kind_id=selectors.most_recent_kind_id(request.user),
            )
        )
    return _render_form(request, form)


@login_required
def engagement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.get_engagement_for_user(request.user, pk)
    customer = engagement.customer
    return render(
        request,
        "engagements/engagement_detail.html",
        {
            "engagement": engagement,
            "contacts": list(engagement.contacts.all()),
            "show_contact_details": customer is not None
            and can_see_contact_details(request.user, customer),
            "can_edit": selectors.can_edit_engagement(request.user, engagement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.get_engagement_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = EngagementForm(request.POST, engagement=engagement)
        if _save(request, form, engagement) is not None:
            messages.success(request, "Saved.")
            return redirect("engagements:detail", pk=engagement.pk)
    else:
        form = EngagementForm(initial=initial_for_engagement(engagement), engagement=engagement)
    return _render_form(request, form, engagement)


@login_required
@require_http_methods(["GET", "POST"])
def engagement_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.get_engagement_for_user(request.user, pk, write=True)
    if request.method == "POST":
        services.engagement_delete(engagement=engagement, by=request.user)
        messages.success(request, f"Deleted “{engagement.summary}”.")
        return redirect("engagements:list")
    return render(request, "engagements/engagement_confirm_delete.html", {"engagement": engagement})


# --- Pickers: small fragments of matches the log form's search boxes ask for ---


def _pick_query(request: AuthenticatedHttpRequest) -> str:
    """The text typed: ?q=, or the search box's own name (customer_q, participant_q, …)."""
    if "q" in request.GET:
        return clean_query(request.GET.get("q"))
    for key in request.GET:
        if key.endswith("_q"):
            return clean_query(request.GET.get(key))
    return ""


def _render_pick(
    request: AuthenticatedHttpRequest,
    *,
    title: str,
    items: list[dict[str, Any]],
    query: str,
    heading: str = "",
    empty: str = "Nothing matches; check the spelling.",
    more: bool = False,
) -> HttpResponse:
    template = "engagements/pick.html"
    if request.htmx:
        template += "#results"
    context = {
        "title": title,
        "items": items[:PICK_LIMIT],
        "more": more or len(items) > PICK_LIMIT,
        "q": query,
        "heading": heading,
        "empty": empty,
        "customer_id": request.GET.get("customer", ""),
    }
    return render(request, template, context)


@login_required
@require_GET
def pick_people(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = _pick_query(request)
    people = Person.objects.active().select_related("department")
    heading = ""
    if query:
        people = people.search(query).order_by("last_name", "first_name", "id")
    else:
        # Nothing typed yet: the people one most likely went with, one's own team.
        heading = "Your team"
        people = people.filter(pk__in=selectors.team_person_ids(request.user)).order_by(
            "last_name", "first_name", "id"
        )
    found = list(people[: PICK_LIMIT + 1])
    items = [
        {
            "id": p.pk,
            "label": p.full_name,
            "detail": " · ".join(x for x in (p.title, str(p.department or "")) if x),
        }
        for p in found
    ]
    return _render_pick(
        request,
        title="Find a person",
        items=items,
        query=query,
        heading=heading if items else "",
        empty="Nothing matches; check the spelling." if query else "Type a name.",
        more=bool(query) and len(found) > PICK_LIMIT,
    )


@login_required
@require_GET
def pick_customers(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = _pick_query(request)
    heading = ""
    if query:
        found = list(Customer.objects.search(query).order_by("name", "id")[: PICK_LIMIT + 1])
    elif request.user.person_id:
        heading = "Your recent customers"
        found = selectors.recent_customers(request.user.person_id, limit=PICK_LIMIT)
    else:
        found = []
    items = [
        {
            "id": c.pk,
            "label": c.name,
            "detail": " · ".join(x for x in (c.city, c.get_relationship_display()) if x),
        }
        for c in found
    ]
    return _render_pick(
        request,
        title="Find a customer",
        items=items,
        query=query,
        heading=heading if items else "",
        empty="Nothing matches; check the spelling." if query else "Type the customer's name.",
    )


@login_required
@require_GET
def pick_contacts(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = _pick_query(request)
    customer_id = request.GET.get("customer", "")
    customer = (
        Customer.objects.filter(pk=int(customer_id)).first() if customer_id.isdigit() else None
    )
    if customer is None:
        return _render_pick(
            request, title="Find a contact", items=[], query=query, empty="Pick the customer first."
        )
    contacts = customer.contacts.order_by("name", "id")
    if query:
        for word in query.split()[:6]:
            contacts = contacts.filter(Q(name__icontains=word) | Q(title__icontains=word))
    found = list(contacts[: PICK_LIMIT + 1])
    items = [
        {
            "id": c.pk,
            "label": c.name,
            "detail": " · ".join(
                x for x in (c.title, "do not contact" if c.do_not_contact else "") if x
            ),
        }
        for c in found
    ]
    return _render_pick(
        request,
        title=f"Find a contact at {customer}",
        items=items,
        query=query,
        heading=f"At {customer}" if items and not query else "",
        empty="Nothing matches." if query else f"No contacts recorded at {customer} yet.",
    )
