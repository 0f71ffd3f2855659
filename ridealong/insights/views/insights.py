"""Creating, editing and deleting insights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.engagements.models import Engagement
from ridealong.insights import selectors, services
from ridealong.insights.forms import InsightForm


@login_required
@require_http_methods(["GET", "POST"])
def insight_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make an insight: from a selected passage of a note (prefilled) or typed."""
    source = request.POST if request.method == "POST" else request.GET
    note = None
    engagement = None
    try:
        if source.get("note"):
            note = selectors.get_note_for_user(request.user, int(source["note"]))
            engagement = note.engagement
        elif source.get("engagement"):
            engagement = Engagement.objects.select_related("customer").get(
                pk=int(source["engagement"])
            )
    except (ValueError, Engagement.DoesNotExist) as bad:
        raise Http404 from bad
    if note is None and engagement is not None and request.user.person is not None:
        # The note may have been autosaved after the page (and its hidden field) was rendered.
        note = selectors.note_for(engagement, request.user.person)
    try:
        customer_id = int(
            source.get("customer") or (engagement.customer_id if engagement else 0) or 0
        )
    except ValueError:
        customer_id = 0
    if request.method == "POST":
        form = InsightForm(request.POST, customer_id=customer_id or None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                insight = services.insight_create(
                    text=data["text"],
                    type=data["type"],
                    customer=data["customer"],
                    contact=data["contact"],
                    engagement=engagement,
                    note=note,
                    product_area=data["product_area"],
                    tags=form.tag_list(),
                    author=request.user.person,
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Insight saved: “{insight.text[:60]}”")
                if engagement is not None and services.participation_of(
                    engagement, request.user.person
                ):
                    return redirect("insights:note", pk=engagement.pk)
                return redirect("insights:list")
    else:
        form = InsightForm(
            initial={
                "text": request.GET.get("text", "")[:2000],
                "type": request.GET.get("type", ""),
                "customer": customer_id or None,
                "note": note.pk if note else None,
                "engagement": engagement.pk if engagement else None,
            },
            customer_id=customer_id or None,
        )
    return render(request, "insights/insight_form.html", {"form": form, "engagement": engagement})


@login_required
@require_http_methods(["GET", "POST"])
def insight_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    insight = selectors.get_insight_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = InsightForm(request.POST, customer_id=insight.customer_id)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.insight_update(
                    insight=insight,
                    text=data["text"],
                    type=data["type"],
                    customer=data["customer"],
                    contact=data["contact"],
                    product_area=data["product_area"],
                    tags=form.tag_list(),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Insight changed.")
                return redirect("insights:list")
    else:
        form = InsightForm(
            initial={
                "text": insight.text,
                "type": insight.type,
                "customer": insight.customer_id,
                "contact": insight.contact_id,
                "product_area": insight.product_area_id,
                "tags": ", ".join(t.name for t in insight.tags.all()),
            },
            customer_id=insight.customer_id,
        )
    return render(request, "insights/insight_form.html", {"form": form, "insight": insight})


@login_required
@require_POST
def insight_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    insight = selectors.get_insight_for_user(request.user, pk, write=True)
    services.insight_delete(insight=insight, by=request.user)
    messages.success(request, "Insight deleted.")
    return redirect("insights:list")
