"""The people pages: the directory, a person's page, and (for program leads) edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.forms import add_service_errors
from ridealong.engagements.selectors import engagement_list
from ridealong.people import selectors, services
from ridealong.people.forms import PersonDeleteForm, PersonFilterForm, PersonForm

PEOPLE_PER_PAGE = 50
ENGAGEMENTS_PER_PAGE = 20


@login_required
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filter_form = PersonFilterForm(request.GET, departments=selectors.department_choices())
    people = selectors.person_list(**filter_form.filters())
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_last_contact(page.object_list)
    template = "people/person_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(
        request,
        template,
        {"filter_form": filter_form, "page": page},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, pk)
    engagements = Paginator(engagement_list(person_ids={person.pk}), ENGAGEMENTS_PER_PAGE)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "overview": selectors.person_overview(person),
            "engagements": engagements.get_page(request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(can_manage_program(request.user))
    form = PersonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person} was added.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person} was saved.")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Marking a person inactive is the usual way out; deletion only when no history is lost."""
    person = selectors.get_person_for_user(request.user, pk, write=True)
    has_engagements = selectors.person_has_engagements(person)
    form = PersonDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "deactivate":
            try:
                services.person_update(person=person, by=request.user, is_active=False)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{person} is marked inactive.")
                return redirect("people:detail", pk=person.pk)
        elif has_engagements:
            messages.error(
                request,
                f"{person} took part in engagements, so they are kept; mark them inactive instead.",
            )
        else:
            name = str(person)
            services.person_delete(person=person, by=request.user)
            messages.success(request, f"{name} was deleted.")
            return redirect("people:list")
    return render(
        request,
        "people/person_delete.html",
        {"person": person, "has_engagements": has_engagements},
    )
