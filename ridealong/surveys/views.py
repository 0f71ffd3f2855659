"""Survey pages: the builder, sending, results, follow-ups (signed in) and the public
response and unsubscribe pages (no login, no JavaScript needed, rate-limited)."""

import csv
import io
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.forms import add_service_errors
from ridealong.customers.selectors import customer_filter_choices
from ridealong.people.models import Person
from ridealong.surveys import ratelimit, selectors, services
from ridealong.surveys.forms import (
    AssignForm,
    FollowUpRecordForm,
    QuestionForm,
    RoutingRuleForm,
    SendForm,
    SurveyForm,
    WebhookForm,
    parse_answers,
    typed,
)
from ridealong.surveys.models import (
    FollowUpStatus,
    Invitation,
    InvitationChannel,
    QuestionKind,
    RoutingRule,
    SurveyStatus,
    Webhook,
)
from ridealong.surveys.scoring import safe_cell

PER_PAGE = 50


def _program(request: AuthenticatedHttpRequest) -> None:
    require(can_manage_program(request.user))


def _csv_response(filename: str, header: list[str], rows: list[list[object]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "survey"


# --- the builder ------------------------------------------------------------------------------


@login_required
def survey_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _program(request)
    page = Paginator(selectors.survey_list(), PER_PAGE).get_page(request.GET.get("page"))
    open_follow_ups = selectors.follow_up_list(request.user, status=FollowUpStatus.OPEN).count()
    return render(
        request, "surveys/survey_list.html", {"page": page, "open_follow_ups": open_follow_ups}
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _program(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Survey created. Add its questions.")
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk)
    initial = {
        f: getattr(survey, f)
        for f in ("title", "intro", "thank_you", "link_valid_days", "reminder_after_days")
    }
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@login_required
@require_http_methods(["GET", "POST"])
def survey_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The builder: the questions in order, and a form to add one."""
    survey = selectors.get_survey_for_user(request.user, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(survey=survey, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question added.")
            return redirect("surveys:detail", survey.pk)
    invitations = survey.invitations.count()
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": list(survey.questions.all()),
            "form": form,
            "invitation_count": invitations,
            "response_count": survey.responses.count(),
            "locked": survey.responses.exists(),
            "kinds": QuestionKind,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = selectors.get_question_for_user(request.user, pk)
    initial = {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": "\n".join(question.choices),
        "scale_max": question.scale_max,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("surveys:detail", question.survey_id)
    return render(request, "surveys/question_form.html", {"form": form, "question": question})


@login_required
@require_POST
def question_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = selectors.get_question_for_user(request.user, pk)
    try:
        services.question_delete(question=question, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:detail", question.survey_id)


@login_required
@require_POST
def question_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = selectors.get_question_for_user(request.user, pk)
    services.question_move(question=question, by=request.user, up=request.POST.get("to") == "up")
    return redirect("surveys:detail", question.survey_id)


@login_required
@require_POST
def survey_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open, close or duplicate a survey."""
    survey = selectors.get_survey_for_user(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(survey=survey, by=request.user)
            messages.success(request, "The survey is open: send it.")
        elif action == "close":
            services.survey_close(survey=survey, by=request.user)
            messages.success(request, "The survey is closed; its links say so.")
        elif action == "duplicate":
            copy = services.survey_duplicate(survey=survey, by=request.user)
            messages.success(request, "Duplicated. This is the copy, a draft.")
            return redirect("surveys:detail", copy.pk)
        else:
            messages.error(request, "Nothing to do.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:detail", survey.pk)


# --- sending ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Choose contacts; preview who gets it (and who never does); send or download links."""
    survey = selectors.get_survey_for_user(request.user, pk)
    form = SendForm(
        request.POST or None,
        request.FILES or None,
        segments=customer_filter_choices().segments,
    )
    found = None
    if request.method == "POST" and form.is_valid():
        found = selectors.audience(
            survey=survey,
            customer_ids=[c.pk for c in form.cleaned_data["customers"]],
            segment=form.cleaned_data["segment"],
            relationship=form.cleaned_data["relationship"],
            emails=form.email_list(),
        )
        if request.POST.get("confirm") == "yes":
            channel = form.cleaned_data["channel"]
            try:
                result = services.invitations_create(
                    survey=survey, by=request.user, contacts=found.contacts, channel=channel
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                excluded = len(found.excluded) + result.excluded
                if channel == InvitationChannel.LINK:
                    rows = [
                        [
                            safe_cell(inv.contact.customer.name),
                            safe_cell(inv.contact.name),
                            safe_cell(inv.email),
                            services.public_url(raw),
                            services.unsubscribe_url(raw),
                        ]
                        for inv, raw in result.invitations
                    ]
                    return _csv_response(
                        f"{_slug(survey.title)}-links.csv",
                        ["Customer", "Contact", "E-mail", "Survey link", "Unsubscribe link"],
                        rows,
                    )
                messages.success(
                    request,
                    f"Sent to {len(result.invitations)} contact(s). "
                    f"{excluded} never receive surveys (do-not-contact or unsubscribed) "
                    "and were left out.",
                )
                return redirect("surveys:invitations", survey.pk)
    return render(
        request,
        "surveys/survey_send.html",
        {"survey": survey, "form": form, "audience": found},
        status=400 if form.errors else 200,
    )


@login_required
def invitation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk)
    page = Paginator(selectors.invitation_list(survey), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "surveys/invitation_list.html", {"survey": survey, "page": page})


# --- results ----------------------------------------------------------------------------------


@login_required
def survey_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk)
    return render(
        request,
        "surveys/survey_results.html",
        {"survey": survey, "results": selectors.survey_results(survey)},
    )


@login_required
def survey_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk)
    header, rows = selectors.export_rows(survey)
    return _csv_response(f"{_slug(survey.title)}-responses.csv", header, rows)


# --- the public pages -------------------------------------------------------------------------


def _public(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, f"surveys/public/{template}", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _lookup(request: HttpRequest, token: str) -> Invitation | HttpResponse:
    """The invitation of the link, or the page that refuses it (limited, not found)."""
    if ratelimit.is_limited(request):
        response = _public(request, "limited.html", {}, status=429)
        response["Retry-After"] = "900"
        return response
    invitation = selectors.invitation_for_token(token)
    ratelimit.record(request, failed=invitation is None)
    if invitation is None:
        return _public(request, "not_found.html", {}, status=404)
    return invitation


@never_cache
@require_http_methods(["GET", "POST"])
def public_response(request: HttpRequest, token: str) -> HttpResponse:
    """A contact answers through their personal link: no login, no JavaScript needed."""
    invitation = _lookup(request, token)
    if isinstance(invitation, HttpResponse):
        return invitation
    survey = invitation.survey
    context = {"survey": survey, "invitation": invitation}
    if invitation.responded_at is not None:
        return _public(request, "used.html", context, status=410)
    if survey.status == SurveyStatus.CLOSED:
        return _public(request, "closed.html", context, status=410)
    if invitation.expires_at <= timezone.now() or survey.status != SurveyStatus.OPEN:
        return _public(request, "expired.html", context, status=410)
    questions = list(survey.questions.all())
    errors: dict[str, list[str]] = {}
    kept: dict[str, object] = {}
    if request.method == "POST":
        kept = typed(questions, request.POST)
        try:
            services.response_submit(
                invitation=invitation,
                answers=parse_answers(questions, request.POST),
            )
        except ValidationError as error:
            errors = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
        except services.AlreadyAnswered:
            return _public(request, "used.html", context, status=410)
        else:
            return _public(request, "thanks.html", context)
    summary = [
        (f"q{q.pk}", f"{i}. {q.text}", errors[f"q{q.pk}"])
        for i, q in enumerate(questions, start=1)
        if f"q{q.pk}" in errors
    ]
    return _public(
        request,
        "response.html",
        {**context, "questions": questions, "errors": errors, "summary": summary, "kept": kept},
        status=400 if errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """From the link in every survey e-mail: confirm, then no more surveys to this contact."""
    invitation = _lookup(request, token)
    if isinstance(invitation, HttpResponse):
        return invitation
    context = {"survey": invitation.survey, "invitation": invitation}
    if request.method == "POST":
        services.contact_unsubscribe(invitation=invitation)
        return _public(request, "unsubscribed.html", context)
    return _public(request, "unsubscribe.html", context)


# --- follow-ups -------------------------------------------------------------------------------


@login_required
def follow_up_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Your follow-ups; program leads and admins see everyone's."""
    status = request.GET.get("status", FollowUpStatus.OPEN)
    mine = request.GET.get("mine") == "1"
    qs = selectors.follow_up_list(request.user, status=status, mine=mine)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/follow_up_list.html",
        {"page": page, "status": status, "mine": mine, "statuses": FollowUpStatus.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up = selectors.get_follow_up_for_user(request.user, pk)
    context = selectors.follow_up_context(request.user, follow_up)
    form = FollowUpRecordForm(request.POST or None)
    if request.method == "POST":
        require(context.can_record)
        if form.is_valid():
            try:
                services.follow_up_record(follow_up=follow_up, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Logged. Thank you for closing the loop.")
                return redirect("surveys:follow_up", follow_up.pk)
    assign_form = AssignForm(people=services.eligible_people().order_by("last_name", "first_name"))
    return render(
        request,
        "surveys/follow_up_detail.html",
        {"follow_up": follow_up, "context": context, "form": form, "assign_form": assign_form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def follow_up_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _program(request)
    follow_up = selectors.get_follow_up_for_user(request.user, pk)
    form = AssignForm(request.POST, people=services.eligible_people())
    if form.is_valid():
        try:
            services.follow_up_assign(
                follow_up=follow_up, by=request.user, person=form.cleaned_data["assignee"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Assigned to {form.cleaned_data['assignee']}.")
    else:
        messages.error(request, "Pick someone outside sales and support.")
    return redirect("surveys:follow_up", follow_up.pk)


@login_required
def loop(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Close-the-loop rate and time to first contact, per team."""
    _program(request)
    return render(request, "surveys/loop.html", {"teams": selectors.loop_by_team()})


@login_required
@require_http_methods(["GET", "POST"])
def routing(request: AuthenticatedHttpRequest) -> HttpResponse:
    _program(request)
    people = (
        services.eligible_people().select_related("department").order_by("last_name", "first_name")
    )
    form = RoutingRuleForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.routing_rule_create(
                by=request.user,
                name=data["name"],
                kind=data["kind"],
                volunteers=list(data["volunteers"]),
                department=data["department"],
                weekly_max=data["weekly_max"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Rule added.")
            return redirect("surveys:routing")
    rules = RoutingRule.objects.select_related("department", "last_assigned").prefetch_related(
        "volunteers"
    )
    return render(
        request,
        "surveys/routing.html",
        {"form": form, "rules": rules},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def routing_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = selectors.get_rule_for_user(request.user, pk)
    services.routing_rule_delete(rule=rule, by=request.user)
    messages.success(request, "Rule removed.")
    return redirect("surveys:routing")


@login_required
@require_http_methods(["GET", "POST"])
def webhooks(request: AuthenticatedHttpRequest) -> HttpResponse:
    _program(request)
    form = WebhookForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = services.webhook_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = WebhookForm()
    hooks = Webhook.objects.prefetch_related("deliveries")
    return render(
        request,
        "surveys/webhooks.html",
        {"form": form, "webhooks": hooks, "secret": secret},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def webhook_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    webhook = selectors.get_webhook_for_user(request.user, pk)
    services.webhook_delete(webhook=webhook, by=request.user)
    messages.success(request, "Webhook removed.")
    return redirect("surveys:webhooks")


def person_choices() -> list[Person]:
    return list(services.eligible_people())
