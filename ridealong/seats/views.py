"""Seats pages: the board, an opportunity, posting one, my assignments, swaps, logging."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.forms import add_service_errors, model_choice_field
from ridealong.people.models import Person
from ridealong.seats import selectors, services
from ridealong.seats.forms import (
    BoardFilterForm,
    OpportunityForm,
    SwapForm,
    initial_for_new,
    initial_for_opportunity,
    local,
    recurrence_label,
)
from ridealong.seats.models import Opportunity

PER_PAGE = 30
POLL_SECONDS = 15


def _back(request: AuthenticatedHttpRequest, default: str) -> HttpResponse:
    """Back to where the button was (a same-site `next`), else `default`."""
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return redirect(target)


def _refused(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upcoming seats, filtered; htmx polls the results so "seats left" stays live."""
    form = BoardFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    since, until = data.get("since"), data.get("until")
    filters = selectors.BoardFilters(
        kind_id=data["kind"].pk if data.get("kind") else None,
        customer_id=data["customer"].pk if data.get("customer") else None,
        channel=data.get("channel") or "",
        since=local(since, datetime.time.min) if since else None,
        until=local(until + datetime.timedelta(days=1), datetime.time.min) if until else None,
    )
    occurrences = selectors.board(filters, person_id=request.user.person_id)
    page = Paginator(occurrences, PER_PAGE).get_page(request.GET.get("page"))
    for occurrence in page.object_list:
        occurrence.seats_left = max(0, occurrence.seats - occurrence.seats_taken)
        occurrence.my_assignment = occurrence.mine[0] if occurrence.mine else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "poll_seconds": POLL_SECONDS,
        "here": request.get_full_path(),
        "active_filters": sum(1 for v in data.values() if v),
    }
    template = "seats/board.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _person_or_403(request: AuthenticatedHttpRequest) -> Person:
    person = request.user.person
    if person is None:
        raise PermissionDenied  # as require() does: no person, no seats of one's own
    return person


@login_required
@require_POST
def signup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Take a seat; with `waitlist`, the next place on the waitlist when it is full."""
    occurrence = selectors.get_occurrence_for_user(request.user, pk)
    person = _person_or_403(request)
    try:
        assignment = services.signup(
            occurrence=occurrence,
            person=person,
            by=request.user,
            waitlist=bool(request.POST.get("waitlist")),
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        if assignment.status == "waitlisted":
            messages.info(
                request, f"You are number {assignment.waitlist_position} on the waitlist."
            )
        elif assignment.status == "pending":
            messages.success(request, "Seat held — the host will confirm it.")
        else:
            messages.success(request, f"You have a seat: {occurrence}.")
    return _back(request, reverse("seats:board"))


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My seats to come, my waitlist places, swaps asked of me, and seats to log."""
    person = request.user.person
    context: dict[str, Any] = {"person": person}
    if person is not None:
        context |= {
            "upcoming": list(selectors.my_assignments(person.pk)),
            "past": list(selectors.my_assignments(person.pk, upcoming=False)[:20]),
            "incoming": list(selectors.incoming_swaps(person.pk)),
            "approvals": list(selectors.pending_approvals(person.pk)),
        }
    return render(request, "seats/mine.html", context)


@login_required
@require_POST
def assignment_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_user(request.user, pk, write=True)
    try:
        services.assignment_cancel(assignment=assignment, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, "Cancelled. The seat goes to the next person waiting.")
    return _back(request, reverse("seats:mine"))


@login_required
@require_POST
def assignment_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_host(request.user, pk)
    try:
        services.assignment_approve(assignment=assignment, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{assignment.person} is confirmed.")
    return _back(request, reverse("seats:mine"))


@login_required
@require_POST
def assignment_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_host(request.user, pk)
    try:
        services.assignment_decline(assignment=assignment, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Declined {assignment.person}'s sign-up.")
    return _back(request, reverse("seats:mine"))


@login_required
@require_POST
def assignment_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One click after the contact: the engagement, pre-filled; a second click opens it."""
    assignment = selectors.get_assignment_for_user(request.user, pk)
    require(selectors.can_log_assignment(request.user, assignment))
    try:
        engagement, created = services.assignment_to_engagement(
            assignment=assignment, by=request.user
        )
    except ValidationError as error:
        _refused(request, error)
        return _back(request, reverse("seats:mine"))
    if created:
        messages.success(request, "Logged. Add what the customer said and what you learned.")
    return redirect("engagements:detail", pk=engagement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def swap_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask a colleague to take my seat."""
    assignment = selectors.get_assignment_for_user(request.user, pk, write=True)
    form = SwapForm(request.POST or None)
    to_person = model_choice_field(form, "to_person")
    assert to_person.queryset is not None  # SwapForm declares it
    to_person.queryset = to_person.queryset.exclude(
        pk__in=[assignment.person_id, assignment.occurrence.opportunity.host_id]
    )
    if request.method == "POST" and form.is_valid():
        try:
            swap = services.swap_request(
                assignment=assignment,
                to_person=form.cleaned_data["to_person"],
                by=request.user,
                message=form.cleaned_data.get("message") or "",
            )
        except ValidationError as error:
            form.add_error("to_person" if error.code != "state" else None, error.messages)
        else:
            messages.success(request, f"Asked {swap.to_person}. The seat moves once they accept.")
            return redirect("seats:mine")
    return render(request, "seats/swap_form.html", {"form": form, "assignment": assignment})


@login_required
@require_POST
def swap_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    swap = selectors.get_swap_for_user(request.user, pk, answer=True)
    try:
        services.swap_accept(swap=swap, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, "The seat is yours.")
    return redirect("seats:mine")


@login_required
@require_POST
def swap_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    swap = selectors.get_swap_for_user(request.user, pk, answer=True)
    try:
        services.swap_decline(swap=swap, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.info(request, f"Declined; {swap.from_person} keeps the seat.")
    return redirect("seats:mine")


def _host_choices(request: AuthenticatedHttpRequest) -> Any:
    """Program leads post for anyone; everyone else hosts their own opportunities."""
    people = Person.objects.active().order_by("first_name", "last_name")
    if can_manage_program(request.user):
        return people
    return people.filter(pk=request.user.person_id or 0)


def _apply_errors(form: OpportunityForm, error: ValidationError) -> None:
    # The service speaks of starts_at and recurrence; the form of times and a repeat rule.
    rule = "rule" if form.cleaned_data.get("repeat") == "custom" else "repeat"
    fields = {"starts_at": "start_time", "ends_at": "end_time", "recurrence": rule, "rule": rule}
    add_service_errors(form, error, fields=fields)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Offer seats on a piece of customer work one hosts (leads: for anyone)."""
    hosts = _host_choices(request)
    if request.method == "POST":
        form = OpportunityForm(request.POST, host_choices=hosts)
        if form.is_valid():
            try:
                opportunity = services.opportunity_create(
                    by=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "Posted. Colleagues can take seats on the board now.")
                return redirect("seats:opportunity_detail", pk=opportunity.pk)
    else:
        form = OpportunityForm(initial=initial_for_new(request.user.person), host_choices=hosts)
    return render(
        request,
        "seats/opportunity_form.html",
        {"form": form, "opportunity": None, "can_post": hosts.exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.get_opportunity_for_user(request.user, pk, write=True)
    hosts = _host_choices(request) | Person.objects.filter(pk=opportunity.host_id)
    if request.method == "POST":
        form = OpportunityForm(request.POST, host_choices=hosts.distinct())
        if form.is_valid():
            try:
                services.opportunity_update(
                    opportunity=opportunity, by=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "Saved. People on changed dates are told.")
                return redirect("seats:opportunity_detail", pk=opportunity.pk)
    else:
        form = OpportunityForm(
            initial=initial_for_opportunity(opportunity), host_choices=hosts.distinct()
        )
    return render(
        request,
        "seats/opportunity_form.html",
        {"form": form, "opportunity": opportunity, "can_post": True},
    )


@login_required
def opportunity_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The offer, its dates with who is on each; the host approves or declines here."""
    opportunity: Opportunity = selectors.get_opportunity_for_user(request.user, pk)
    occurrences = list(selectors.opportunity_occurrences(opportunity)[:60])
    person_id = request.user.person_id
    for occurrence in occurrences:
        occurrence.seats_left = max(0, occurrence.seats - occurrence.seats_taken)
        occurrence.my_assignment = next(
            (a for a in occurrence.open_assignments if a.person_id == person_id), None
        )
    context = {
        "opportunity": opportunity,
        "occurrences": occurrences,
        "past": list(
            selectors.opportunity_occurrences(opportunity, past=True).order_by("-starts_at")[:10]
        ),
        "can_edit": selectors.can_edit_opportunity(request.user, opportunity),
        "recurrence_label": recurrence_label(opportunity.recurrence),
        "departments": list(opportunity.departments.all()),
        "here": request.get_full_path(),
        "now": timezone.now(),
    }
    return render(request, "seats/opportunity_detail.html", context)


@login_required
@require_POST
def opportunity_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.get_opportunity_for_user(request.user, pk, write=True)
    try:
        services.opportunity_cancel(opportunity=opportunity, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, "Cancelled; everyone on a future date is told.")
    return redirect("seats:opportunity_detail", pk=opportunity.pk)


@login_required
@require_POST
def occurrence_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = selectors.get_occurrence_for_user(request.user, pk)
    require(selectors.can_edit_opportunity(request.user, occurrence.opportunity))
    try:
        services.occurrence_cancel(occurrence=occurrence, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Cancelled {occurrence}; everyone on it is told.")
    return redirect("seats:opportunity_detail", pk=occurrence.opportunity_id)
