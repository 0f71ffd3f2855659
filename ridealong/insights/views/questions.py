"""Reflections, questions to the host, and the question guides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.forms import add_service_errors
from ridealong.insights import selectors, services
from ridealong.insights.forms import GuideForm, QuestionForm, ReflectionForm, ReplyForm
from ridealong.insights.views.feed import PER_PAGE


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
        assert person is not None  # may_reply needs a person
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
