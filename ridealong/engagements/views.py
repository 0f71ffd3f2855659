"""Pages about engagements: home ("my customer time"), log, read, edit, delete, list."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.engagements.selectors import can_edit_engagement, get_engagement_for_user


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
def engagement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    return render(
        request,
        "engagements/engagement_detail.html",
        {"engagement": engagement, "can_edit": can_edit_engagement(request.user, engagement)},
    )
