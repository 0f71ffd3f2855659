"""Reads for surveys: access helpers, audiences, results, the closed loop's figures.

Surveys, their invitations and responses are for program leads and admins. A follow-up is
also open to its assignee, who — for that follow-up only — sees the customer's answer,
history and contact details.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_program, require
from ridealong.core.models import Organisation
from ridealong.customers.models import Contact, Customer
from ridealong.surveys import scoring
from ridealong.surveys.models import (
    Answer,
    FollowUp,
    FollowUpStatus,
    Invitation,
    Question,
    Response,
    RoutingRule,
    Survey,
    SurveyOptOut,
    Webhook,
    token_digest,
)


def survey_list() -> QuerySet[Survey]:
    return Survey.objects.annotate(
        invitation_count=Count("invitations", distinct=True),
        response_count=Count("responses", distinct=True),
    ).order_by("-created_at", "-id")


def get_survey_for_user(user: User, pk: int) -> Survey:
    require(can_manage_program(user))
    return get_object_or_404(Survey, pk=pk)


def get_question_for_user(user: User, pk: int) -> Question:
    require(can_manage_program(user))
    return get_object_or_404(Question.objects.select_related("survey"), pk=pk)


def get_response_for_user(user: User, pk: int) -> Response:
    require(can_manage_program(user))
    return get_object_or_404(
        Response.objects.select_related("survey", "customer", "contact"), pk=pk
    )


def get_rule_for_user(user: User, pk: int) -> RoutingRule:
    require(can_manage_program(user))
    return get_object_or_404(RoutingRule, pk=pk)


def get_webhook_for_user(user: User, pk: int) -> Webhook:
    require(can_manage_program(user))
    return get_object_or_404(Webhook, pk=pk)


def invitation_for_token(raw: str) -> Invitation | None:
    """The invitation a personal link stands for (by digest), or None."""
    if not raw or len(raw) > 100:
        return None
    digest = token_digest(raw)
    return (
        Invitation.objects.select_related("survey", "contact__customer")
        .filter(Q(token_digest=digest) | Q(reminder_digest=digest))
        .first()
    )


# --- audiences --------------------------------------------------------------------------------


@dataclass
class Audience:
    contacts: list[Contact]
    excluded: list[Contact]  # do-not-contact or unsubscribed: never sent anything
    without_email: list[Contact]
    unknown_emails: list[str]
    already_invited: int


def audience(
    *,
    survey: Survey,
    customer_ids: Sequence[int] = (),
    segment: str = "",
    relationship: str = "",
    emails: Sequence[str] = (),
) -> Audience:
    """The contacts a survey would go to, chosen by customer, segment, relationship or a
    list of e-mails (the union of what is given)."""
    wanted = Q(pk__in=[])
    if customer_ids:
        wanted |= Q(customer_id__in=customer_ids)
    if segment:
        wanted |= Q(customer__segment__iexact=segment)
    if relationship:
        wanted |= Q(customer__relationship=relationship)
    lowered = sorted({e.strip().lower() for e in emails if e.strip()})
    for email in lowered:
        wanted |= Q(email__iexact=email)
    contacts = list(
        Contact.objects.filter(wanted).select_related("customer").order_by("customer__name", "name")
    )
    opted_out = set(
        SurveyOptOut.objects.filter(contact__in=contacts).values_list("contact_id", flat=True)
    )
    invited = set(
        Invitation.objects.filter(survey=survey, contact__in=contacts).values_list(
            "contact_id", flat=True
        )
    )
    found_emails = {c.email.lower() for c in contacts if c.email}
    result = Audience([], [], [], [e for e in lowered if e not in found_emails], 0)
    for contact in contacts:
        if contact.do_not_contact or contact.pk in opted_out:
            result.excluded.append(contact)
        elif contact.pk in invited:
            result.already_invited += 1
        elif not contact.email:
            result.without_email.append(contact)
            result.contacts.append(contact)
        else:
            result.contacts.append(contact)
    return result


def invitation_list(survey: Survey) -> QuerySet[Invitation]:
    return survey.invitations.select_related("contact__customer").order_by("-created_at", "-id")


# --- results ----------------------------------------------------------------------------------


@dataclass
class Group:
    name: str
    responses: int = 0
    nps_values: list[int] = field(default_factory=list)
    csat_values: list[int] = field(default_factory=list)

    @property
    def nps(self) -> scoring.NpsSummary:
        return scoring.nps(self.nps_values)

    @property
    def csat(self) -> scoring.CsatSummary:
        return scoring.csat(self.csat_values)


@dataclass
class Bar:
    label: str
    count: int
    share: int  # percent of the largest bar, for <meter>


@dataclass
class QuestionResult:
    question: Question
    bars: list[Bar]
    texts: list[Answer]


@dataclass
class SurveyResults:
    invited: int
    responded: int
    rate: int | None
    nps: scoring.NpsSummary
    csat: scoring.CsatSummary
    nps_bars: list[Bar]
    csat_bars: list[Bar]
    by_week: list[Group]
    by_segment: list[Group]
    by_relationship: list[Group]
    by_customer: list[Group]
    questions: list[QuestionResult]
    open_answers: list[Answer]
    themes: list[Any]
    follow_ups: list[FollowUp]


def _bars(labels: list[str], counts: list[int]) -> list[Bar]:
    top = max(counts, default=0) or 1
    return [Bar(label, n, round(100 * n / top)) for label, n in zip(labels, counts, strict=True)]


MAX_THEMED_ANSWERS = 500


def _themes(texts: list[str]) -> list[Any]:
    """Themes of the open answers (ridealong.language's clusters)."""
    # Here, not at the top: the theme finder loads scikit-learn (2 s) at every start otherwise.
    from ridealong.language.themes import find_themes

    if len(texts) < 4:
        return []
    try:
        result = find_themes(texts[:MAX_THEMED_ANSWERS])
    except Exception:  # themes are a nicety here; the answers are listed anyway
        return []
    return [t for t in result.themes if t.size > 0][:8]


def survey_results(survey: Survey) -> SurveyResults:
    """Everything the results page shows, in a constant number of queries."""
    organisation = Organisation.current()
    zone = ZoneInfo(organisation.time_zone)
    invited = survey.invitations.count()
    responses = list(
        survey.responses.select_related("customer", "contact").order_by("submitted_at", "id")
    )
    by_week: dict[str, Group] = {}
    by_segment: dict[str, Group] = {}
    by_relationship: dict[str, Group] = {}
    by_customer: dict[str, Group] = {}
    for r in responses:
        week = r.submitted_at.astimezone(zone).date()
        week -= datetime.timedelta(days=(week.weekday() - organisation.week_start) % 7)
        keys = [
            (by_week, f"{week:%d %b %Y}"),
            (by_segment, r.customer.segment or "No segment"),
            (by_relationship, r.customer.get_relationship_display()),
            (by_customer, r.customer.name),
        ]
        for table, key in keys:
            group = table.setdefault(key, Group(key))
            group.responses += 1
            if r.nps is not None:
                group.nps_values.append(r.nps)
            if r.csat is not None:
                group.csat_values.append(r.csat)
    nps = scoring.nps(r.nps for r in responses if r.nps is not None)
    csat = scoring.csat(r.csat for r in responses if r.csat is not None)
    questions = list(survey.questions.all())
    answers = list(
        Answer.objects.filter(response__survey=survey)
        .select_related("response__customer", "response__contact")
        .order_by("-response__submitted_at", "-id")
    )
    per_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        per_question[answer.question_id].append(answer)
    results: list[QuestionResult] = []
    open_answers: list[Answer] = []
    for q in questions:
        given = per_question.get(q.pk, [])
        if q.is_scale:
            counts = [sum(1 for a in given if a.number == v) for v in q.scale]
            results.append(QuestionResult(q, _bars([str(v) for v in q.scale], counts), []))
        elif q.choices:
            counts = [sum(1 for a in given if c in a.choices) for c in q.choices]
            results.append(QuestionResult(q, _bars(list(q.choices), counts), []))
        else:
            texts = [a for a in given if a.text]
            open_answers.extend(texts)
            results.append(QuestionResult(q, [], texts[:50]))
    return SurveyResults(
        invited=invited,
        responded=len(responses),
        rate=round(100 * len(responses) / invited) if invited else None,
        nps=nps,
        csat=csat,
        nps_bars=_bars([str(v) for v in range(11)], nps.distribution),
        csat_bars=_bars([str(v) for v in range(1, 6)], csat.distribution),
        by_week=list(by_week.values()),
        by_segment=sorted(by_segment.values(), key=lambda g: g.name.lower()),
        by_relationship=sorted(by_relationship.values(), key=lambda g: g.name),
        by_customer=sorted(by_customer.values(), key=lambda g: g.name.lower()),
        questions=results,
        open_answers=open_answers,
        themes=_themes([a.text for a in open_answers]),
        follow_ups=list(
            FollowUp.objects.filter(response__survey=survey)
            .select_related("assignee", "customer", "contact")
            .order_by("-created_at")
        ),
    )


def export_rows(survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """The responses as a table: one row per response, one column per question."""
    questions = list(survey.questions.all())
    header = ["Submitted", "Customer", "Segment", "Relationship", "Contact", "NPS", "CSAT"]
    header += [q.text for q in questions]
    header += ["Sentiment", "Detractor"]
    rows: list[list[Any]] = []
    responses = survey.responses.select_related("customer", "contact").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.all())
    )
    for r in responses.order_by("submitted_at", "id"):
        given = {a.question_id: a.display for a in r.answers.all()}
        rows.append(
            [
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M"),
                r.customer.name,
                r.customer.segment,
                r.customer.get_relationship_display(),
                r.contact.name,
                "" if r.nps is None else r.nps,
                "" if r.csat is None else r.csat,
                *[given.get(q.pk, "") for q in questions],
                r.sentiment or "",
                r.detractor_reason,
            ]
        )
    return header, [[scoring.safe_cell(c) for c in row] for row in rows]


# --- follow-ups -------------------------------------------------------------------------------


def can_see_follow_up(user: User, follow_up: FollowUp) -> bool:
    if can_manage_program(user):
        return True
    return bool(
        user.is_authenticated and user.person_id and follow_up.assignee_id == user.person_id
    )


def get_follow_up_for_user(user: User, pk: int) -> FollowUp:
    """404 for those who are neither its assignee nor a program lead or admin."""
    follow_up = get_object_or_404(
        FollowUp.objects.select_related(
            "assignee__department", "customer", "contact", "response__survey", "engagement", "rule"
        ),
        pk=pk,
    )
    if not can_see_follow_up(user, follow_up):
        raise Http404
    return follow_up


def follow_up_list(user: User, *, status: str = "", mine: bool = False) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.select_related("assignee", "customer", "contact", "response__survey")
    if mine or not can_manage_program(user):
        qs = qs.filter(assignee_id=user.person_id) if user.person_id else qs.none()
    if status in FollowUpStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("status", "due_at", "id")


@dataclass
class FollowUpContext:
    """What the assignee sees, for this follow-up only: the answers, the survey history of
    the contact, and the contact's details."""

    answers: list[Answer]
    history: list[Response]
    recent_engagements: list[Any]
    can_record: bool
    can_assign: bool


def follow_up_context(user: User, follow_up: FollowUp) -> FollowUpContext:
    from ridealong.engagements.selectors import engagement_list

    return FollowUpContext(
        answers=list(follow_up.response.answers.select_related("question")),
        history=list(
            Response.objects.filter(customer_id=follow_up.customer_id)
            .exclude(pk=follow_up.response_id)
            .select_related("survey", "contact")
            .order_by("-submitted_at")[:10]
        ),
        recent_engagements=list(engagement_list(customer_id=follow_up.customer_id)[:5]),
        can_record=follow_up.is_open
        and (
            can_manage_program(user)
            or (bool(user.person_id) and follow_up.assignee_id == user.person_id)
        ),
        can_assign=follow_up.is_open and can_manage_program(user),
    )


@dataclass
class TeamLoop:
    team: str
    follow_ups: int
    done: int
    contacted: int
    open: int
    overdue: int
    median_hours_to_contact: float | None

    @property
    def rate(self) -> int | None:
        return round(100 * self.done / self.follow_ups) if self.follow_ups else None


def loop_by_team() -> list[TeamLoop]:
    """Close-the-loop rate and time to first contact, per team (the assignee's department)."""
    now = timezone.now()
    teams: dict[str, list[FollowUp]] = defaultdict(list)
    for f in FollowUp.objects.select_related("assignee__department"):
        name = (
            f.assignee.department.name
            if f.assignee and f.assignee.department
            else ("No team" if f.assignee else "Unassigned")
        )
        teams[name].append(f)
    rows: list[TeamLoop] = []
    for name, items in sorted(teams.items(), key=lambda kv: kv[0].lower()):
        hours = [
            (f.first_contact_at - f.created_at).total_seconds() / 3600
            for f in items
            if f.first_contact_at
        ]
        rows.append(
            TeamLoop(
                team=name,
                follow_ups=len(items),
                done=sum(1 for f in items if f.status == FollowUpStatus.DONE),
                contacted=len(hours),
                open=sum(1 for f in items if f.is_open),
                overdue=sum(1 for f in items if f.is_open and f.due_at <= now),
                median_hours_to_contact=round(statistics.median(hours), 1) if hours else None,
            )
        )
    return rows


def customer_survey_history(customer: Customer) -> list[Response]:
    return list(
        Response.objects.filter(customer=customer)
        .select_related("survey", "contact", "follow_up__assignee")
        .order_by("-submitted_at")[:20]
    )
