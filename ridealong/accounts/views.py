"""Sign-in, sign-out, passwords, the signed-in user's own page and their API tokens."""

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts import selectors, services
from ridealong.accounts.forms import EmailAuthenticationForm, PasswordResetRequestForm, TokenForm
from ridealong.accounts.ratelimit import (
    client_ip,
    login_block,
    login_failure_record,
    login_failures_clear,
)
from ridealong.accounts.registry import profile_links
from ridealong.accounts.roles import AuthenticatedHttpRequest

logger = logging.getLogger(__name__)
RESET_VALID_HOURS = settings.PASSWORD_RESET_TIMEOUT // 3600


class LoginView(auth_views.LoginView):
    """Django's sign-in, refused without checking the password while rate-limited."""

    template_name = "accounts/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        email = str(request.POST.get("username", "")).strip().lower()
        ip = client_ip(request)
        if block := login_block(email=email, ip=ip):
            logger.warning("Sign-in refused by the rate limit (address %s)", ip)
            unit = "minute" if block.minutes == 1 else "minutes"
            context = self.get_context_data(
                form=self.form_class(request, initial={"username": email}),
                refused=f"Too many failed sign-ins; try again in {block.minutes} {unit}.",
            )
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(block.seconds)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: EmailAuthenticationForm) -> HttpResponse:
        # Count only real attempts: an e-mail and a password were both given.
        if form.data.get("username") and form.data.get("password"):
            login_failure_record(
                email=str(form.data["username"]).strip().lower(), ip=client_ip(self.request)
            )
        return super().form_invalid(form)

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:
        login_failures_clear(email=form.get_user().email)
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link or an image cannot sign anyone out."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "valid_hours": RESET_VALID_HOURS}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    links = [(link.label, reverse(link.url_name)) for _, link in profile_links.items()]
    return render(request, "accounts/profile.html", {"account": request.user, "links": links})


# API tokens: create a personal token (shown once), see and revoke your tokens -----------


@never_cache  # the answer to a POST holds a new token: no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        # Rendered, not redirected: the raw token exists only in this response.
        token, raw = services.token_create(
            user=request.user, name=form.cleaned_data["name"], by=request.user
        )
        created = {"token": token, "raw": raw}
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": selectors.token_list(request.user),
            "api_root": request.build_absolute_uri(reverse("api-v1:api-root")),
        },
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = selectors.get_token_for_user(request.user, pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, f"“{token.name}” is revoked: requests that use it are refused now.")
    return redirect("tokens:list")
