"""The customer wall and its share links, and the digest opt-out: pages reached by a token."""

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.forms import add_service_errors
from ridealong.insights import digest, selectors, services
from ridealong.insights.forms import WallLinkForm
from ridealong.insights.models import WallLink


@login_required
@require_http_methods(["GET", "POST"])
def wall_links(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_wall(request.user))
    form = WallLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.wall_link_create(name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Wall link for {link.name} created.")
            return redirect("insights:wall_links")
    links = WallLink.objects.select_related("created_by")
    return render(request, "insights/wall_links.html", {"form": form, "links": links})


@login_required
@require_POST
def wall_link_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = selectors.get_wall_link_for_user(request.user, pk)
    services.wall_link_revoke(link=link, by=request.user)
    messages.success(request, f"The wall link for {link.name} no longer works.")
    return redirect("insights:wall_links")


def wall_feed_data(link: WallLink) -> dict[str, Any]:
    """The wall's slides: recent quotes, each with its customer's photo where consent covers
    the wall, then photos of consenting customers without a recent quote."""
    customers = {c.pk: c for c in selectors.wall_customers()}

    def photo_url(customer_id: int) -> str | None:
        if customer_id not in customers:
            return None
        return reverse("insights:wall_photo", kwargs={"token": link.token, "pk": customer_id})

    slides = []
    quoted = set()
    for insight in selectors.wall_quotes():
        quoted.add(insight.customer_id)
        slides.append(
            {
                "id": f"i{insight.pk}",
                "quote": insight.text,
                "type": insight.get_type_display(),
                "customer": insight.customer.name,
                "city": insight.customer.city,
                "photo": photo_url(insight.customer_id),
            }
        )
    for customer in customers.values():
        if customer.pk not in quoted:
            slides.append(
                {
                    "id": f"c{customer.pk}",
                    "quote": "",
                    "type": "",
                    "customer": customer.name,
                    "city": customer.city,
                    "photo": photo_url(customer.pk),
                }
            )
    return {"generated_at": timezone.now().isoformat(), "slides": slides}


@never_cache
@require_GET
def wall(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Full-screen, no sign-in: the token is the permission (revocable)."""
    link = selectors.get_active_wall_link(token)
    # Only the feed marks the screen as seen: the page itself is loaded once.
    return render(
        request,
        "insights/wall.html",
        {
            "link": link,
            "feed": wall_feed_data(link),
            "feed_url": reverse("insights:wall_feed", kwargs={"token": token}),
            # Seconds per slide and between feed fetches: ?rotate=&refresh= tune a screen.
            "rotate_ms": _seconds(request.GET.get("rotate"), 10) * 1000,
            "refresh_ms": _seconds(request.GET.get("refresh"), 60) * 1000,
        },
    )


def _seconds(value: str | None, default: int) -> int:
    try:
        return min(max(int(value or default), 1), 3600)
    except ValueError:
        return default


@never_cache
@require_GET
def wall_feed(request: AuthenticatedHttpRequest, token: str) -> JsonResponse:
    link = selectors.get_active_wall_link(token)
    services.wall_link_seen(link=link)
    return JsonResponse(wall_feed_data(link))


@require_GET
def wall_photo(request: AuthenticatedHttpRequest, token: str, pk: int) -> FileResponse:
    selectors.get_active_wall_link(token)
    customer = get_object_or_404(selectors.wall_customers(), pk=pk)
    try:
        handle = customer.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(customer.photo.name or "")[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=86400"
    return response


@require_http_methods(["GET", "POST"])
def digest_opt_out(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """From the link in the digest: no sign-in needed. GET asks, POST does it (mail
    clients' one-click unsubscribe POSTs too); "resubscribe" undoes it."""
    person = digest.person_for_opt_out_token(token)
    if person is None:
        return render(request, "insights/digest_opt_out.html", {"invalid": True}, status=404)
    done = None
    if request.method == "POST":
        if request.POST.get("resubscribe"):
            services.digest_opt_in(person=person)
            done = "in"
        else:
            services.digest_opt_out(person=person)
            done = "out"
    opted_out = hasattr(person, "digest_opt_out") if done is None else done == "out"
    return render(
        request,
        "insights/digest_opt_out.html",
        {"person": person, "done": done, "opted_out": opted_out},
    )
