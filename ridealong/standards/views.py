"""The standards pages: the standards, progress (mine, my team's, everyone's, the leaders'),
groups, the new-hire rule, and availability."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.forms import add_service_errors
from ridealong.people.selectors import report_person_ids
from ridealong.standards import selectors, services
from ridealong.standards.forms import (
    AbsenceForm,
    AbsenceImportForm,
    AvailabilityForm,
    GroupForm,
    NewHireRuleForm,
    ProgressFilterForm,
    StandardForm,
)
from ridealong.standards.models import NewHireRule, OutOfOffice

PEOPLE_PER_PAGE = 50

# --- standards --------------------------------------------------------------------------------


@login_required
def standard_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "standards/standard_list.html",
        {
            "rows": selectors.standards_with_counts(),
            "groups": selectors.group_list(),
            "new_hire_rule": NewHireRule.current(),
            "can_manage": selectors.can_manage_standards(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def standard_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_standards(request.user))
    form = StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            standard = services.standard_create(by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{standard}” was added.")
            return redirect("standards:list")
    return render(request, "standards/standard_form.html", {"form": form, "standard": None})


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = selectors.get_standard_for_user(request.user, pk, write=True)
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_update(standard=standard, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{standard}” was saved.")
            return redirect("standards:list")
    return render(request, "standards/standard_form.html", {"form": form, "standard": standard})


@login_required
@require_POST
def standard_toggle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Deactivate an active standard, or activate it again."""
    standard = selectors.get_standard_for_user(request.user, pk, write=True)
    services.standard_update(standard=standard, by=request.user, is_active=not standard.is_active)
    state = "active again" if standard.is_active else "inactive: it no longer counts"
    messages.success(request, f"“{standard}” is {state}.")
    return redirect("standards:list")


# --- groups and the new-hire rule -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_standards(request.user))
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The group “{group}” was added.")
            return redirect("standards:list")
    return render(request, "standards/group_form.html", {"form": form, "group": None})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.get_group_for_user(request.user, pk, write=True)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The group “{group}” was saved.")
            return redirect("standards:list")
    return render(request, "standards/group_form.html", {"form": form, "group": group})


@login_required
@require_POST
def group_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = selectors.get_group_for_user(request.user, pk, write=True)
    try:
        services.group_delete(group=group, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The group “{group}” was deleted.")
    return redirect("standards:list")


@login_required
@require_http_methods(["GET", "POST"])
def new_hire_rule_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_standards(request.user))
    rule = NewHireRule.current()
    form = NewHireRuleForm(
        request.POST or None, initial={"days": rule.days, "is_active": rule.is_active}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.new_hire_rule_update(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The new-hire rule was saved.")
            return redirect("standards:list")
    return render(request, "standards/new_hire_rule_form.html", {"form": form})


# --- progress ---------------------------------------------------------------------------------


@login_required
def my_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = None
    person = request.user.person
    if person is not None:
        mine = selectors.progress_for([person]).get(person.pk)
    return render(request, "standards/my_progress.html", {"mine": mine})


@login_required
def person_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_progress_for_user(request.user, pk)
    return render(
        request,
        "standards/person_progress.html",
        {"mine": selectors.progress_for([person])[person.pk], "person": person},
    )


def _sorted(rows: list, sort: str) -> list:
    if sort == "name":
        return sorted(rows, key=lambda p: (p.person.last_name.lower(), p.person.first_name.lower()))
    return sorted(rows, key=lambda p: p.sort_key)


@login_required
def team_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Managers (and program leads and admins) see their reports, transitively."""
    require(request.user.is_manager or request.user.sees_everything)
    sort = request.GET.get("sort", "deficit")
    rows = _sorted(selectors.team_progress(request.user), sort)
    behind = [row for row in rows if not row.met]
    return render(
        request,
        "standards/team_progress.html",
        {"rows": rows, "behind": behind, "sort": sort},
    )


@login_required
def people_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everyone's progress, for program leads and admins: filtered, behind first, paginated."""
    require(selectors.can_manage_standards(request.user))
    filter_form = ProgressFilterForm(request.GET)
    people = selectors.people_for_progress(**filter_form.filters())
    sort = request.GET.get("sort", "deficit")
    rows = _sorted(list(selectors.progress_for(people).values()), sort)
    if filter_form.chosen_status == "behind":
        rows = [row for row in rows if not row.met]
    elif filter_form.chosen_status == "met":
        rows = [row for row in rows if row.met]
    page = Paginator(rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    template = "standards/people_progress.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, {"filter_form": filter_form, "page": page, "sort": sort})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def leaders_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Leaders are the role model: their progress is visible to everyone signed in."""
    return render(
        request, "standards/leaders_progress.html", {"rows": selectors.leaders_progress()}
    )


# --- availability -----------------------------------------------------------------------------


def _availability_page(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    person = selectors.get_person_availability_for_user(request.user, person_id)
    availability = selectors.availability_of(person)
    initial = {
        "working_days": [str(day) for day in sorted(availability.weekdays)],
        "weekly_max": availability.weekly_max,
        "preferred_kinds": [k.pk for k in availability.preferred_kinds.all()]
        if availability.pk
        else [],
    }
    form = AvailabilityForm(request.POST or None, initial=initial)
    absence_form = AbsenceForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.availability_update(person=person, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Availability saved.")
            return redirect(request.path)
    return render(
        request,
        "standards/availability.html",
        {
            "person": person,
            "form": form,
            "absence_form": absence_form,
            "absences": selectors.absences_of(person),
            "is_own": person.pk == request.user.person_id,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_availability(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.person_id:
        return render(request, "standards/availability.html", {"person": None})
    return _availability_page(request, request.user.person_id)


@login_required
@require_http_methods(["GET", "POST"])
def person_availability(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _availability_page(request, pk)


@login_required
@require_POST
def absence_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_availability_for_user(request.user, pk, write=True)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            services.absence_create(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Out-of-office dates added.")
            return redirect(_availability_url(request, person.pk))
    availability = selectors.availability_of(person)
    return render(
        request,
        "standards/availability.html",
        {
            "person": person,
            "form": AvailabilityForm(
                initial={
                    "working_days": [str(d) for d in sorted(availability.weekdays)],
                    "weekly_max": availability.weekly_max,
                }
            ),
            "absence_form": form,
            "absences": selectors.absences_of(person),
            "is_own": person.pk == request.user.person_id,
        },
        status=400,
    )


def _availability_url(request: AuthenticatedHttpRequest, person_id: int) -> str:
    from django.urls import reverse

    if person_id == request.user.person_id:
        return reverse("standards:availability")
    return reverse("standards:person_availability", args=[person_id])


@login_required
@require_POST
def absence_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    absence = get_object_or_404(OutOfOffice.objects.select_related("person"), pk=pk)
    person = selectors.get_person_availability_for_user(request.user, absence.person_id, write=True)
    services.absence_delete(absence=absence, by=request.user)
    messages.success(request, "Out-of-office dates removed.")
    return redirect(_availability_url(request, person.pk))


@login_required
@require_http_methods(["GET", "POST"])
def absence_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Managers import for their reports, program leads and admins for everyone."""
    user = request.user
    require(user.is_manager or user.sees_everything)
    allowed = None if user.sees_everything else set(report_person_ids(user))
    form = AbsenceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.absences_import(
                by=user, text=form.cleaned_data["text"], allowed_person_ids=allowed
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"{result.created} out-of-office range{'s' if result.created != 1 else ''} "
                f"imported for {result.people} {'person' if result.people == 1 else 'people'}.",
            )
            return redirect("standards:absence_import")
    return render(request, "standards/absence_import.html", {"form": form})
