"""Settings pages (admins only) and login-protected media."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.static import serve

from ridealong.accounts import services as account_services
from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_settings, require
from ridealong.accounts.selectors import get_user_for_user, user_list
from ridealong.core import forms
from ridealong.core.models import Organisation
from ridealong.core.selectors import (
    audit_action_prefixes,
    audit_events,
    department_tree,
    kind_list,
)
from ridealong.core.services import organisation_update
from ridealong.engagements import services as engagement_services
from ridealong.engagements.selectors import get_kind_for_user
from ridealong.people import services as people_services
from ridealong.people.selectors import get_department_for_user

View = Callable[..., HttpResponse]
PAGE_SIZE = 50


def settings_view(view: View) -> View:
    """Admins only: anonymous visitors are sent to sign in, everyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(can_manage_settings(request.user))
        return view(request, *args, **kwargs)

    return wrapper


@settings_view
def settings_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/settings/home.html")


@settings_view
def organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = Organisation.current()
    initial = {
        "name": current.name,
        "time_zone": current.time_zone,
        "week_start": current.week_start,
    }
    form = forms.OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, "Organisation settings saved.")
            return redirect("core:organisation")
    return render(request, "core/settings/organisation.html", {"form": form, "current": current})


# Departments ---------------------------------------------------------------------------


@settings_view
def departments(request: AuthenticatedHttpRequest) -> HttpResponse:
    tree = department_tree()
    form = forms.DepartmentForm(request.POST or None, tree=tree)
    if request.method == "POST" and form.is_valid():
        try:
            department = people_services.department_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"Department “{department}” added.")
            return redirect("core:departments")
    return render(request, "core/settings/departments.html", {"tree": tree, "form": form})


@settings_view
def department_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request.user, pk, write=True)
    tree = department_tree()
    initial = {"name": department.name, "parent": department.parent_id}
    form = forms.DepartmentForm(request.POST or None, tree=tree, exclude=pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.department_update(
                department=department, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"Department “{department}” saved.")
            return redirect("core:departments")
    return render(
        request, "core/settings/department_edit.html", {"department": department, "form": form}
    )


@settings_view
@require_POST
def department_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request.user, pk, write=True)
    try:
        people_services.department_delete(department=department, by=request.user)
    except ValidationError as error:
        messages.error(request, f"“{department}” was not deleted: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Department “{department}” deleted.")
    return redirect("core:departments")


# Kinds of contact ----------------------------------------------------------------------


@settings_view
def kinds(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/settings/kinds.html", {"kinds": kind_list()})


@settings_view
def kind_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind = engagement_services.kind_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"Kind of contact “{kind}” added.")
            return redirect("core:kinds")
    return render(request, "core/settings/kind_form.html", {"form": form, "kind": None})


@settings_view
def kind_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    kind = get_kind_for_user(request.user, pk, write=True)
    fields = ("name", "practice", "is_live", "description", "position", "is_active")
    form = forms.KindForm(request.POST or None, initial={f: getattr(kind, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            engagement_services.kind_update(kind=kind, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"Kind of contact “{kind}” saved.")
            return redirect("core:kinds")
    return render(request, "core/settings/kind_form.html", {"form": form, "kind": kind})


@settings_view
@require_POST
def kind_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Deactivate (or reactivate) a kind: what to do with a kind that is in use."""
    kind = get_kind_for_user(request.user, pk, write=True)
    active = request.POST.get("active") == "1"
    engagement_services.kind_update(kind=kind, by=request.user, is_active=active)
    messages.success(request, f"“{kind}” is now {'active' if active else 'inactive'}.")
    return redirect("core:kinds")


@settings_view
@require_POST
def kind_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    kind = get_kind_for_user(request.user, pk, write=True)
    try:
        engagement_services.kind_delete(kind=kind, by=request.user)
    except ValidationError as error:
        messages.error(request, f"“{kind}” was not deleted: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Kind of contact “{kind}” deleted.")
    return redirect("core:kinds")


# Users and roles -----------------------------------------------------------------------


@settings_view
def users(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = forms.UserFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    logins = user_list(
        query=params.get("q", ""), role=params.get("role", ""), active=params.get("active", "")
    )
    page = Paginator(logins, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/settings/users.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@settings_view
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.UserCreateForm(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        try:
            login = account_services.user_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            _invite(request, login)
            return redirect("core:users")
    return render(request, "core/settings/user_create.html", {"form": form})


def _invite(request: AuthenticatedHttpRequest, login: Any) -> None:
    try:
        account_services.user_invite(user=login, by=request.user)
    except Exception:  # SMTP down, bad address…: the login exists; the admin may retry.
        messages.warning(
            request,
            f"The e-mail to {login.email} could not be sent. Check the e-mail settings, "
            "then use “Send password link” on the login's page.",
        )
    else:
        messages.success(request, f"{login.email} has been sent a link to choose a password.")


@settings_view
def user_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    login = get_user_for_user(request.user, pk)
    form = forms.UserEditForm(
        request.POST or None, initial={"role": login.role, "is_active": login.is_active}
    )
    if request.method == "POST" and form.is_valid():
        try:
            account_services.user_update(user=login, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, f"{login.email} saved.")
            return redirect("core:users")
    return render(
        request,
        "core/settings/user_edit.html",
        {"login": login, "form": form, "is_self": login.pk == request.user.pk},
    )


@settings_view
@require_POST
def user_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    login = get_user_for_user(request.user, pk)
    if not login.is_active:
        messages.error(request, "Reactivate the login before sending a password link.")
    else:
        _invite(request, login)
    return redirect("core:user_edit", pk=login.pk)


# Audit trail ---------------------------------------------------------------------------


@settings_view
def audit(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = forms.AuditFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    actor = params.get("actor")
    events = audit_events(action=params.get("action", ""), actor_id=actor.pk if actor else None)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.change_rows = _change_rows(event.changes)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/settings/audit.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "actions": audit_action_prefixes(),
        },
    )


def _change_rows(changes: Any) -> list[dict[str, Any]]:
    """{field: [old, new]} (or {field: value}) as rows the template can show."""
    if not isinstance(changes, dict):
        return [{"field": "", "new": changes, "is_change": False}]
    rows = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": field, "old": value[0], "new": value[1], "is_change": True})
        else:
            rows.append({"field": field, "new": value, "is_change": False})
    return rows


# Media ---------------------------------------------------------------------------------


# Folders of MEDIA_ROOT with photos and logos, which signed-in users may see.
PUBLIC_MEDIA_FOLDERS = ("organisation/", "people/", "customers/")


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files for signed-in users only, except the organisation's current logo,
    which the sign-in page shows to everyone."""
    organisation = getattr(request, "organisation", None) or Organisation.current()
    is_logo = bool(organisation.logo) and path == organisation.logo.name
    if not request.user.is_authenticated and not is_logo:
        return redirect_to_login(request.get_full_path())
    if not path.startswith(PUBLIC_MEDIA_FOLDERS):
        # Import files hold whole HR and CRM exports: never served, whoever asks.
        raise Http404
    # serve() refuses paths that leave MEDIA_ROOT and never lists directories.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=3600" if is_logo else "private, max-age=3600"
    return response
