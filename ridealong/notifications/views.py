"""Calendar and e-mail pages: one's calendar feed URL and preferences; the public feed;
the outbox for admins."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_settings, require
from ridealong.notifications import selectors, services
from ridealong.notifications.forms import PreferenceForm
from ridealong.notifications.models import EmailStatus
from ridealong.notifications.outbox import email_retry

# Calendar apps poll; let them (and proxies in between) keep an answer this long.
FEED_MAX_AGE = 15 * 60
OUTBOX_PAGE_SIZE = 50


@never_cache  # the page shows a secret URL
@login_required
@require_GET
def feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = selectors.feed_token_for_user(request.user)
    preference = selectors.preference_for_person(request.user.person_id)
    form = PreferenceForm(
        initial={
            "reminders": preference.reminders if preference else True,
            "weekly_nudge": preference.weekly_nudge if preference else True,
        }
    )
    url = services.feed_url(token) if token else ""
    return render(
        request,
        "notifications/feed.html",
        {
            "token": token,
            "feed_url": url,
            "webcal_url": url.replace("https://", "webcal://").replace("http://", "webcal://"),
            "form": form,
            "has_person": bool(request.user.person_id),
        },
    )


@login_required
@require_POST
def feed_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    had = selectors.feed_token_for_user(request.user) is not None
    services.feed_token_create(user=request.user)
    if had:
        messages.success(request, "Here is a new feed URL; the old one no longer works.")
    else:
        messages.success(request, "Your calendar feed is ready: add its URL to your calendar.")
    return redirect("notifications:feed")


@login_required
@require_POST
def feed_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    if services.feed_token_revoke(user=request.user):
        messages.success(request, "Your feed URL is revoked: calendars using it stop updating.")
    return redirect("notifications:feed")


@login_required
@require_POST
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if request.user.person is None:
        messages.error(request, "Your login is not linked to a person, so there is nothing to set.")
    elif form.is_valid():
        services.preference_update(person=request.user.person, by=request.user, **form.cleaned_data)
        messages.success(request, "Your e-mail preferences are saved.")
    return redirect("notifications:feed")


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The public feed: the secret in the URL is the only key (calendar apps cannot sign in)."""
    feed_token = selectors.feed_token_by_secret(token)
    services.feed_token_touch(token=feed_token)
    data, changed = services.feed_ics(user=feed_token.user)
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    # HTTP dates have whole seconds: compare in whole seconds, or If-Modified-Since never matches.
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(changed.timestamp())
    )
    response = not_modified or HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed.timestamp())
    if not not_modified:
        response["Content-Disposition"] = 'inline; filename="ridealong.ics"'
    # Private: the answer is one person's. No referrer from here (the URL is the secret).
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
def outbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Admins: e-mails Ridealong sent or is trying to send, failures first to look at."""
    require(can_manage_settings(request.user))
    status = request.GET.get("status", "")
    emails = selectors.outgoing_email_list(request.user, everyone=True, status=status)
    page = Paginator(emails.select_related("person"), OUTBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/outbox.html",
        {"page": page, "status": status, "statuses": EmailStatus.choices},
    )


@login_required
@require_POST
def outbox_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_settings(request.user))
    email = selectors.get_outgoing_email_for_admin(request.user, pk)
    email = email_retry(email=email, by=request.user)
    messages.success(request, f"“{email.subject}” to {email.to}: {email.get_status_display()}.")
    return redirect("notifications:outbox")
