"""The kinds of contact settings pages (admins only): list, add, edit, (de)activate, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.core.settings_pages import settings_view
from ridealong.engagements import services
from ridealong.engagements.forms import KindForm
from ridealong.engagements.selectors import get_kind_for_user, kind_list

KIND_FIELDS = ("name", "practice", "is_live", "description", "position", "is_active")


@settings_view
def kinds(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "engagements/settings/kinds.html", {"kinds": kind_list()})


@settings_view
def kind_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind = services.kind_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Kind of contact “{kind}” added.")
            return redirect("kinds:list")
    return render(request, "engagements/settings/kind_form.html", {"form": form, "kind": None})


@settings_view
def kind_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    kind = get_kind_for_user(request.user, pk, write=True)
    form = KindForm(request.POST or None, initial={f: getattr(kind, f) for f in KIND_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.kind_update(kind=kind, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Kind of contact “{kind}” saved.")
            return redirect("kinds:list")
    return render(request, "engagements/settings/kind_form.html", {"form": form, "kind": kind})


@settings_view
@require_POST
def kind_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Deactivate (or reactivate) a kind: what to do with a kind that is in use."""
    kind = get_kind_for_user(request.user, pk, write=True)
    active = request.POST.get("active") == "1"
    services.kind_update(kind=kind, by=request.user, is_active=active)
    messages.success(request, f"“{kind}” is now {'active' if active else 'inactive'}.")
    return redirect("kinds:list")


@settings_view
@require_POST
def kind_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    kind = get_kind_for_user(request.user, pk, write=True)
    try:
        services.kind_delete(kind=kind, by=request.user)
    except ValidationError as error:
        messages.error(request, f"“{kind}” was not deleted: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Kind of contact “{kind}” deleted.")
    return redirect("kinds:list")
