"""Pages: the team feed, notes with the guide (autosaved), insights, reflections, questions
to the host, question guides, the customer wall and its links, unhappy customers and
learning tasks, and the digest opt-out."""

import datetime
import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.forms import add_service_errors
from ridealong.customers.models import Customer
from ridealong.engagements.models import Engagement, Part
from ridealong.insights import digest, selectors, services
from ridealong.insights.forms import (
    GuideForm,
    InsightFilterForm,
    InsightForm,
    LearningTaskForm,
    NoteForm,
    PhotoForm,
    QuestionForm,
    ReflectionForm,
    ReplyForm,
    TaskDoneForm,
    WallLinkForm,
)
from ridealong.insights.models import TaskStatus, WallLink
from ridealong.insights.photos import MAX_PHOTO_BYTES

FEED_INSIGHTS = 30
FEED_REFLECTIONS = 12
PER_PAGE = 50


def _filters(form: InsightFilterForm, user: Any) -> selectors.InsightFilters:
    form.is_valid()
    data = form.cleaned_data
    return selectors.InsightFilters(
        type=data.get("type") or "",
        customer_id=data["customer"].pk if data.get("customer") else None,
        product_area_id=data["product_area"].pk if data.get("product_area") else None,
        tag=data.get("tag") or "",
        sentiment=data.get("sentiment") or "",
        text=(data.get("q") or "").replace("\x00", ""),
        author_ids=selectors.team_ids(user) if data.get("scope") == "team" else None,
    )


# --- the feed ----------------------------------------------------------------------------------


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New insights and reflections of my team or the whole company, plus what waits for me."""
    form = InsightFilterForm(request.GET or {"scope": "team" if request.user.person else ""})
    filters = _filters(form, request.user)
    team = form.cleaned_data.get("scope") == "team"
    person = request.user.person
    context: dict[str, Any] = {
        "form": form,
        "team": team,
        "insights": list(selectors.insight_list(filters)[:FEED_INSIGHTS]),
        "reflections": list(
            selectors.reflection_list(person_ids=filters.author_ids if team else None)[
                :FEED_REFLECTIONS
            ]
        ),
        "person": person,
    }
    if person is not None:
        context |= {
            "missing": list(selectors.missing_reflections(person, limit=5)),
            "waiting": list(selectors.waiting_questions(person)[:5]),
            "tasks": list(
                selectors.learning_task_list(assignee_id=person.pk).filter(status=TaskStatus.OPEN)[
                    :5
                ]
            ),
        }
    template = "insights/home.html"
    if request.htmx and not request.htmx.boosted:
        template += "#feed"
    return render(request, template, context)


@login_required
def insight_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InsightFilterForm(request.GET)
    insights = selectors.insight_list(_filters(form, request.user))
    page = Paginator(insights, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "insights/insight_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


# --- notes -------------------------------------------------------------------------------------


@login_required
def engagement_insights(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Everything learned from one engagement: notes, insights, reflections, questions."""
    engagement = get_object_or_404(Engagement.objects.with_related(), pk=pk)
    person = request.user.person
    part = services.participation_of(engagement, person)
    return render(
        request,
        "insights/engagement.html",
        {
            "engagement": engagement,
            "notes": selectors.engagement_notes(pk),
            "insights": selectors.insight_list().filter(engagement_id=pk),
            "reflections": selectors.reflection_list().filter(engagement_id=pk),
            "questions": selectors.engagement_questions(pk),
            "part": part,
            "may_ask": part == Part.OBSERVER,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """My note on an engagement: autosaved as a draft by htmx, saved for good by the button."""
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    guide = selectors.guide_for_kind(engagement.kind_id)
    note = selectors.note_for(engagement, person)
    autosave_url = reverse("insights:note", kwargs={"pk": engagement.pk})
    if request.method == "POST":
        form = NoteForm(request.POST, guide=guide, autosave_url=autosave_url)
        draft = "autosave" in request.POST
        saved = None
        if form.is_valid():
            try:
                saved = services.note_save(
                    engagement=engagement,
                    author=person,
                    answers=form.answers(),
                    free_text=form.cleaned_data["free_text"],
                    draft=draft,
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if request.htmx:
            return render(
                request,
                "insights/note_form.html#status",
                {"note": saved or note, "form": form, "autosaved": saved is not None},
                status=200 if saved else 400,
            )
        if saved is not None:
            messages.success(request, "Your notes are saved. Mark the insights in them.")
            return redirect("insights:note", pk=engagement.pk)
    else:
        initial: dict[str, Any] = {"free_text": note.free_text if note else ""}
        if note is not None:
            for answer in note.answers.all():
                if answer.question_id:
                    initial[f"answer_{answer.question_id}"] = answer.answer
        form = NoteForm(initial=initial, guide=guide, autosave_url=autosave_url)
    return render(
        request,
        "insights/note_form.html",
        {
            "engagement": engagement,
            "guide": guide,
            "form": form,
            "note": note,
            "photo_form": PhotoForm(),
            "insight_form": InsightForm(
                initial={
                    "customer": engagement.customer_id,
                    "note": note.pk if note else None,
                    "engagement": engagement.pk,
                },
                customer_id=engagement.customer_id,
            ),
            "insights": selectors.insight_list().filter(note=note) if note else [],
        },
    )


@login_required
@require_POST
def photo_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        note = selectors.note_for(engagement, person) or services.note_save(
            engagement=engagement, author=person, answers={}, free_text="", draft=True,
            by=request.user,
        )  # fmt: skip
        upload = form.cleaned_data["photo"]
        if upload.size > MAX_PHOTO_BYTES:
            messages.error(request, "The photo is over 8 MB; at most 8 MB, please.")
        else:
            try:
                services.note_photo_add(
                    note=note,
                    data=upload.read(),
                    caption=form.cleaned_data["caption"],
                    by=request.user,
                )
                messages.success(request, "Photo added (location data removed).")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Pick a photo to upload.")
    return redirect("insights:note", pk=engagement.pk)


@login_required
@require_GET
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    photo = selectors.get_photo_for_user(request.user, pk)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    photo = selectors.get_photo_for_user(request.user, pk, write=True)
    engagement_id = photo.note.engagement_id
    services.note_photo_delete(photo=photo, by=request.user)
    messages.success(request, "Photo removed.")
    return redirect("insights:note", pk=engagement_id)


# --- insights ----------------------------------------------------------------------------------


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
        customer_id = int(source.get("customer") or (engagement.customer_id if engagement else 0))
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


# --- reflections and host questions ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    existing = engagement.reflections.filter(person=person).first()
    if request.method == "POST":
        form = ReflectionForm(request.POST)
        if form.is_valid():
            try:
                services.reflection_save(
                    engagement=engagement, person=person, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you: your reflection is shared with the team.")
                return redirect("insights:engagement", pk=engagement.pk)
    else:
        form = ReflectionForm(
            initial={"learned": existing.learned, "do_differently": existing.do_differently}
            if existing
            else None
        )
    return render(
        request,
        "insights/reflection_form.html",
        {"engagement": engagement, "form": form, "existing": existing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement, person = selectors.get_participation_engagement(request.user, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.host_question_ask(
                engagement=engagement,
                asked_by=person,
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Asked {question.host.full_name}; you'll get an e-mail.")
            return redirect("insights:question", pk=question.pk)
    return render(request, "insights/question_ask.html", {"engagement": engagement, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def question_thread(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = selectors.get_question_for_user(request.user, pk)
    person = request.user.person
    may_reply = person is not None and person.pk in {question.host_id, question.asked_by_id}
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        require(may_reply)
        if form.is_valid():
            try:
                services.host_reply_add(
                    question=question, author=person, text=form.cleaned_data["text"],
                    by=request.user,
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Sent; they'll get an e-mail.")
                return redirect("insights:question", pk=question.pk)
    return render(
        request,
        "insights/question_thread.html",
        {"question": question, "form": form, "may_reply": may_reply},
    )


@login_required
def question_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1" and request.user.person_id
    questions = selectors.question_list(person_id=request.user.person_id if mine else None)
    page = Paginator(questions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "insights/question_list.html", {"page": page, "mine": mine})


# --- guides ------------------------------------------------------------------------------------


@login_required
def guide_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_edit_guides(request.user))
    from ridealong.engagements.models import ContactKind

    guides = list(selectors.guide_list())
    without = ContactKind.objects.filter(is_active=True, guide__isnull=True)
    if request.method == "POST":
        kind = get_object_or_404(without, pk=request.POST.get("kind") or 0)
        guide = services.guide_create(kind=kind, by=request.user)
        return redirect("insights:guide_edit", pk=guide.pk)
    return render(request, "insights/guide_list.html", {"guides": guides, "without": without})


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guide = selectors.get_guide_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = GuideForm(request.POST)
        if form.is_valid():
            try:
                services.guide_update(
                    guide=guide,
                    intro=form.cleaned_data["intro"],
                    questions=form.question_list(),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The guide for {guide.kind.name} is saved.")
                return redirect("insights:guides")
    else:
        form = GuideForm(
            initial={
                "intro": guide.intro,
                "questions": "\n".join(q.text for q in guide.questions.all()),
            }
        )
    return render(request, "insights/guide_form.html", {"guide": guide, "form": form})


# --- the customer wall -------------------------------------------------------------------------


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
    content_type = mimetypes.guess_type(customer.photo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=86400"
    return response


# --- unhappy customers and learning tasks ------------------------------------------------------


@login_required
def unhappy(request: AuthenticatedHttpRequest) -> HttpResponse:
    customers = selectors.unhappy_customers()
    page = Paginator(customers, 25).get_page(request.GET.get("page"))
    quotes = selectors.latest_negative_quotes([c.pk for c in page])
    rows = [(c, quotes.get(c.pk)) for c in page]
    return render(
        request,
        "insights/unhappy.html",
        {
            "page": page,
            "rows": rows,
            "may_assign": selectors.can_create_learning_tasks(request.user),
            "days": selectors.UNHAPPY_DAYS,
        },
    )


def _task_candidates(user: Any) -> Any:
    candidates = selectors.learning_task_candidates()
    if not user.sees_everything:
        from ridealong.people.selectors import report_person_ids

        candidates = candidates.filter(pk__in=report_person_ids(user))
    return candidates


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(selectors.can_create_learning_tasks(request.user))
    customer = get_object_or_404(Customer, pk=pk)
    candidates = _task_candidates(request.user)
    quote = selectors.latest_negative_quotes([customer.pk]).get(customer.pk)
    initial = {
        "due_on": timezone.localdate() + datetime.timedelta(days=14),
        "reason": f"{customer.name} has been unhappy lately"
        + (f": “{quote.text[:200]}”" if quote else "."),
    }
    form = LearningTaskForm(request.POST or None, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.learning_task_create(
                customer=customer, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{task.assignee.full_name} will learn from {customer.name}.")
            return redirect("insights:unhappy")
    return render(request, "insights/task_form.html", {"customer": customer, "form": form})


@login_required
def task_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My learning tasks; program leads and admins see everyone's with ?all=1."""
    everyone = request.user.sees_everything and request.GET.get("all") == "1"
    person = request.user.person
    if everyone:
        tasks = selectors.learning_task_list()
    elif person is not None:
        tasks = selectors.learning_task_list(assignee_id=person.pk)
    else:
        tasks = selectors.learning_task_list().none()
    page = Paginator(tasks, PER_PAGE).get_page(request.GET.get("page"))
    # The contacts each open task may be closed with: the assignee's with that customer since.
    open_tasks = [t for t in page if t.status == TaskStatus.OPEN]
    candidates: dict[int, list[Engagement]] = {t.pk: [] for t in open_tasks}
    if open_tasks:
        rows = Engagement.objects.filter(
            Q(customer_id__in={t.customer_id for t in open_tasks}),
            participations__person_id__in={t.assignee_id for t in open_tasks},
        ).values_list("pk", "customer_id", "participations__person_id", "started_at", "summary")
        for task in open_tasks:
            candidates[task.pk] = [
                {"pk": r[0], "started_at": r[3], "summary": r[4]}
                for r in rows
                if r[1] == task.customer_id and r[2] == task.assignee_id and r[3] >= task.created_at
            ]
    return render(
        request,
        "insights/task_list.html",
        {"page": page, "candidates": candidates, "everyone": everyone},
    )


@login_required
@require_POST
def task_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk, write=True)
    form = TaskDoneForm(request.POST)
    if form.is_valid():
        try:
            services.learning_task_complete(
                task=task, engagement=form.cleaned_data["engagement"], by=request.user
            )
            messages.success(request, "Learning task done. Thank you!")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Pick the contact you logged.")
    return redirect("insights:tasks")


@login_required
@require_POST
def task_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_user(request.user, pk, write=True)
    services.learning_task_cancel(task=task, by=request.user)
    messages.success(request, "Learning task cancelled.")
    return redirect("insights:tasks")


# --- the digest opt-out ------------------------------------------------------------------------


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
