"""The users and roles settings pages (admins only): logins, their roles, invitations."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ridealong.accounts import selectors, services
from ridealong.accounts.forms import UserCreateForm, UserEditForm, UserFilterForm
from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.core.settings_pages import settings_view

PAGE_SIZE = 50


@settings_view
def users(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = UserFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    logins = selectors.user_list(
        query=params.get("q", ""), role=params.get("role", ""), active=params.get("active", "")
    )
    page = Paginator(logins, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/settings/users.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@settings_view
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        try:
            login = services.user_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _invite(request, login)
            return redirect("users:list")
    return render(request, "accounts/settings/user_create.html", {"form": form})


def _invite(request: AuthenticatedHttpRequest, login: Any) -> None:
    try:
        services.user_invite(user=login, by=request.user)
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
    login = selectors.get_user_for_user(request.user, pk)
    form = UserEditForm(
        request.POST or None, initial={"role": login.role, "is_active": login.is_active}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=login, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{login.email} saved.")
            return redirect("users:list")
    return render(
        request,
        "accounts/settings/user_edit.html",
        {"login": login, "form": form, "is_self": login.pk == request.user.pk},
    )


@settings_view
@require_POST
def user_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    login = selectors.get_user_for_user(request.user, pk)
    if not login.is_active:
        messages.error(request, "Reactivate the login before sending a password link.")
    else:
        _invite(request, login)
    return redirect("users:edit", pk=login.pk)
