"""The API tokens page: create a personal token (shown once), see and revoke your tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.api import selectors, services
from ridealong.api.forms import TokenForm


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
        "api/tokens.html",
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
    return redirect("api:tokens")
