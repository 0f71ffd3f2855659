"""Core's settings pages (the settings home, organisation, audit trail) and login-protected
media. The other settings sections live with the apps that own their models."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.static import serve

from ridealong.core import forms
from ridealong.core.models import Organisation
from ridealong.core.selectors import audit_action_prefixes, audit_events
from ridealong.core.services import organisation_update
from ridealong.core.settings_pages import settings_pages, settings_view

PAGE_SIZE = 50


@settings_view
def settings_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/settings/home.html", {"sections": settings_pages.sections()})


@settings_view
def organisation(request: HttpRequest) -> HttpResponse:
    current = Organisation.current()
    initial = {
        "name": current.name,
        "time_zone": current.time_zone,
        "week_start": current.week_start,
    }
    form = forms.OrganisationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = request.user
            by = user if isinstance(user, AbstractBaseUser) else None  # signed out: nobody
            organisation_update(by=by, **form.cleaned_data)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, "Organisation settings saved.")
            return redirect("core:organisation")
    return render(request, "core/settings/organisation.html", {"form": form, "current": current})


# Audit trail ---------------------------------------------------------------------------


@settings_view
def audit(request: HttpRequest) -> HttpResponse:
    filters = forms.AuditFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    actor = params.get("actor")
    events = audit_events(action=params.get("action", ""), actor_id=actor.pk if actor else None)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        # For the template only: rows AuditEvent does not declare.
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


def media(request: HttpRequest, path: str) -> HttpResponseBase:
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
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=3600" if is_logo else "private, max-age=3600"
    return response
