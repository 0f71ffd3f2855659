"""Writes for surveys: building, sending, answering, the closed loop, and webhooks.

Every write is audited. Raw invitation tokens leave these functions only to be put into an
e-mail or a CSV of links; the database keeps their SHA-256 digests.
"""

import datetime
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation
from ridealong.customers.models import Contact
from ridealong.language.sentiment import score as sentiment_score
from ridealong.notifications.outbox import email_enqueue
from ridealong.people.models import Person, RoleKind
from ridealong.surveys import scoring
from ridealong.surveys.models import (
    Answer,
    FollowUp,
    FollowUpStatus,
    Invitation,
    InvitationChannel,
    Outcome,
    Question,
    QuestionKind,
    Response,
    RoutingKind,
    RoutingRule,
    Survey,
    SurveyOptOut,
    SurveyStatus,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
    token_digest,
)

logger = logging.getLogger(__name__)

MAX_TEXT_ANSWER = 5000
MAX_CHOICES = 20


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _clean_text(field: str, value: str, limit: int, errors: dict[str, list[str]]) -> str:
    if "\x00" in value:
        errors.setdefault(field, []).append("Null characters are not allowed.")
    elif len(value.strip()) > limit:
        errors.setdefault(field, []).append(f"At most {limit} characters, please.")
    return value.strip()


# --- building ---------------------------------------------------------------------------------


def _survey_data(
    *, title: str, intro: str, thank_you: str, link_valid_days: int, reminder_after_days: int
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    data = {
        "title": _clean_text("title", title, 200, errors),
        "intro": _clean_text("intro", intro, 2000, errors),
        "thank_you": _clean_text("thank_you", thank_you, 2000, errors),
        "link_valid_days": link_valid_days,
        "reminder_after_days": reminder_after_days,
    }
    if not data["title"] and "title" not in errors:
        errors["title"] = ["Give the survey a title."]
    if not data["thank_you"] and "thank_you" not in errors:
        errors["thank_you"] = ["Say thank you to those who answer."]
    if not 1 <= link_valid_days <= 365:
        errors["link_valid_days"] = ["Between 1 and 365 days."]
    if not 0 <= reminder_after_days <= 60:
        errors["reminder_after_days"] = ["Between 0 (never) and 60 days."]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def survey_create(
    *,
    by: Any,
    title: str,
    intro: str = "",
    thank_you: str = "Thank you — your answer helps us get better.",
    link_valid_days: int = 30,
    reminder_after_days: int = 7,
) -> Survey:
    data = _survey_data(
        title=title,
        intro=intro,
        thank_you=thank_you,
        link_valid_days=link_valid_days,
        reminder_after_days=reminder_after_days,
    )
    survey = Survey.objects.create(created_by=_user(by), **data)
    log_action("surveys.survey.created", actor=by, target=survey, changes={"title": survey.title})
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, by: Any, **fields: Any) -> Survey:
    current = {
        "title": survey.title,
        "intro": survey.intro,
        "thank_you": survey.thank_you,
        "link_valid_days": survey.link_valid_days,
        "reminder_after_days": survey.reminder_after_days,
    }
    data = _survey_data(**{**current, **fields})
    changes = {k: [current[k], v] for k, v in data.items() if current[k] != v}
    for key, value in data.items():
        setattr(survey, key, value)
    survey.save()
    log_action("surveys.survey.updated", actor=by, target=survey, changes=changes)
    return survey


def _question_data(
    *, kind: str, text: str, help_text: str, required: bool, choices: Sequence[str], scale_max: int
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if kind not in QuestionKind.values:
        errors["kind"] = [f"“{kind}” is not a kind of question."]
    data = {
        "kind": kind,
        "text": _clean_text("text", text, 500, errors),
        "help_text": _clean_text("help_text", help_text, 300, errors),
        "required": bool(required),
        "choices": [],
        "scale_max": scale_max if kind == QuestionKind.RATING else 5,
    }
    if not data["text"] and "text" not in errors:
        errors["text"] = ["Write the question."]
    if kind in {QuestionKind.SINGLE, QuestionKind.MULTIPLE}:
        options: list[str] = []
        for option in choices:
            option = _clean_text("choices", str(option), 200, errors)
            if option and option not in options:
                options.append(option)
        if len(options) < 2:
            errors.setdefault("choices", []).append("Give at least two options, one per line.")
        if len(options) > MAX_CHOICES:
            errors.setdefault("choices", []).append(f"At most {MAX_CHOICES} options.")
        data["choices"] = options
    if kind == QuestionKind.RATING and not 2 <= scale_max <= 10:
        errors["scale_max"] = ["A rating goes from 1 up to between 2 and 10."]
    if errors:
        raise ValidationError(errors)
    return data


def _require_draft(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            "Questions cannot change once answers have come in; duplicate the survey instead."
        )


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    by: Any,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices: Sequence[str] = (),
    scale_max: int = 5,
) -> Question:
    _require_draft(survey)
    data = _question_data(
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        choices=choices,
        scale_max=scale_max,
    )
    last = survey.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question.objects.create(survey=survey, position=(last or 0) + 1, **data)
    log_action("surveys.question.created", actor=by, target=survey, changes={"text": data["text"]})
    return question


@transaction.atomic
def question_update(*, question: Question, by: Any, **fields: Any) -> Question:
    _require_draft(question.survey)
    current = {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": question.choices,
        "scale_max": question.scale_max,
    }
    data = _question_data(**{**current, **fields})
    for key, value in data.items():
        setattr(question, key, value)
    question.save()
    log_action(
        "surveys.question.updated",
        actor=by,
        target=question.survey,
        changes={"text": question.text},
    )
    return question


@transaction.atomic
def question_delete(*, question: Question, by: Any) -> None:
    _require_draft(question.survey)
    survey = question.survey
    question.delete()
    log_action("surveys.question.deleted", actor=by, target=survey, changes={"text": question.text})


@transaction.atomic
def question_move(*, question: Question, by: Any, up: bool) -> None:
    questions = list(question.survey.questions.order_by("position", "id"))
    i = questions.index(question)
    j = i - 1 if up else i + 1
    if 0 <= j < len(questions):
        questions[i], questions[j] = questions[j], questions[i]
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            Question.objects.filter(pk=q.pk).update(position=position)


@transaction.atomic
def survey_open(*, survey: Survey, by: Any) -> Survey:
    if not survey.questions.exists():
        raise ValidationError("Add at least one question before opening the survey.")
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save(update_fields=["status", "closed_at"])
    log_action("surveys.survey.opened", actor=by, target=survey)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by: Any) -> Survey:
    """Closed surveys take no more answers; their links say so."""
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    log_action("surveys.survey.closed", actor=by, target=survey)
    return survey


@transaction.atomic
def survey_duplicate(*, survey: Survey, by: Any) -> Survey:
    copy = Survey.objects.create(
        title=f"{survey.title} (copy)"[:200],
        intro=survey.intro,
        thank_you=survey.thank_you,
        link_valid_days=survey.link_valid_days,
        reminder_after_days=survey.reminder_after_days,
        created_by=_user(by),
    )
    Question.objects.bulk_create(
        Question(
            survey=copy,
            position=q.position,
            kind=q.kind,
            text=q.text,
            help_text=q.help_text,
            required=q.required,
            choices=q.choices,
            scale_max=q.scale_max,
        )
        for q in survey.questions.all()
    )
    log_action("surveys.survey.duplicated", actor=by, target=copy, changes={"from": survey.title})
    return copy


# --- sending ----------------------------------------------------------------------------------


def _user(by: Any) -> User | None:
    return by if getattr(by, "is_authenticated", False) else None


def public_url(raw: str) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:public', args=[raw])}"


def unsubscribe_url(raw: str) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:unsubscribe', args=[raw])}"


def send_email(*, key: str, to: str, subject: str, text: str) -> str:
    """Through the notifications outbox (retried, once per key). Returns which way it went."""
    email_enqueue(key=key, to=to, subject=subject, text=text)
    return "outbox"


def _invitation_email(survey: Survey, contact: Contact, raw: str, *, reminder: bool) -> str:
    organisation = Organisation.current()
    greeting = f"Dear {contact.name}," if contact.name else "Hello,"
    lead = (
        "A short reminder: we would still love to hear from you."
        if reminder
        else f"{organisation.name} would like to hear how we are doing."
    )
    return (
        f"{greeting}\n\n{lead}\n\n{survey.title}\n"
        f"{survey.intro + chr(10) if survey.intro else ''}\n"
        f"Your personal link (it works once, until "
        f"{timezone.localtime(_expiry(survey)).date():%d %b %Y}):\n{public_url(raw)}\n\n"
        f"Thank you,\n{organisation.name}\n\n"
        f"--\nNo more surveys from us? Unsubscribe: {unsubscribe_url(raw)}\n"
    )


def _expiry(survey: Survey) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=survey.link_valid_days)


@dataclass(frozen=True)
class SendResult:
    invitations: list[tuple[Invitation, str]]  # with the raw token, shown this once
    excluded: int  # do-not-contact, unsubscribed or without e-mail
    already_invited: int
    mail_via: str = ""


@transaction.atomic
def invitations_create(
    *, survey: Survey, by: Any, contacts: Sequence[Contact], channel: str
) -> SendResult:
    """Invite contacts with personal single-use links, by e-mail or as a CSV of links.

    Contacts marked do-not-contact or unsubscribed are never invited; nor is anyone twice."""
    if channel not in InvitationChannel.values:
        raise ValidationError({"channel": [f"“{channel}” is not a way to send."]})
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError("Open the survey before sending it.")
    ids = {c.pk for c in contacts}
    fresh = list(
        Contact.objects.filter(pk__in=ids)
        .select_related("customer", "survey_opt_out")
        .order_by("pk")
    )
    opted_out = set(
        SurveyOptOut.objects.filter(contact_id__in=ids).values_list("contact_id", flat=True)
    )
    invited = set(
        Invitation.objects.filter(survey=survey, contact_id__in=ids).values_list(
            "contact_id", flat=True
        )
    )
    excluded = 0
    created: list[tuple[Invitation, str]] = []
    mail_via = ""
    for contact in fresh:
        if contact.do_not_contact or contact.pk in opted_out:
            excluded += 1
            continue
        if channel == InvitationChannel.EMAIL and not contact.email:
            excluded += 1
            continue
        if contact.pk in invited:
            continue
        raw = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            survey=survey,
            contact=contact,
            email=contact.email,
            channel=channel,
            token_digest=token_digest(raw),
            created_by=_user(by),
            expires_at=_expiry(survey),
            sent_at=timezone.now() if channel == InvitationChannel.EMAIL else None,
        )
        if channel == InvitationChannel.EMAIL:
            mail_via = send_email(
                key=f"survey-invitation-{invitation.pk}",
                to=contact.email,
                subject=survey.title,
                text=_invitation_email(survey, contact, raw, reminder=False),
            )
        created.append((invitation, raw))
    log_action(
        "surveys.invitations.created",
        actor=by,
        target=survey,
        changes={"channel": channel, "count": len(created), "excluded": excluded},
    )
    return SendResult(created, excluded, len(invited), mail_via)


def invitation_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind e-mailed contacts who have not answered after the survey's N days. Idempotent:
    each invitation is reminded at most once, with a fresh link (the first still works)."""
    now = now or timezone.now()
    due = (
        Invitation.objects.filter(
            channel=InvitationChannel.EMAIL,
            survey__status=SurveyStatus.OPEN,
            survey__reminder_after_days__gt=0,
            responded_at__isnull=True,
            reminded_at__isnull=True,
            sent_at__isnull=False,
            expires_at__gt=now,
            contact__do_not_contact=False,
            contact__survey_opt_out__isnull=True,
        )
        .exclude(contact__email="")
        .select_related("survey", "contact")
    )
    count = 0
    for invitation in due:
        if (
            invitation.sent_at + datetime.timedelta(days=invitation.survey.reminder_after_days)
            > now
        ):
            continue
        with transaction.atomic():
            locked = (
                Invitation.objects.select_for_update()
                .filter(pk=invitation.pk, reminded_at__isnull=True, responded_at__isnull=True)
                .first()
            )
            if locked is None:
                continue
            raw = secrets.token_urlsafe(24)
            locked.reminder_digest = token_digest(raw)
            locked.reminded_at = now
            locked.save(update_fields=["reminder_digest", "reminded_at"])
            send_email(
                key=f"survey-reminder-{locked.pk}",
                to=invitation.contact.email,
                subject=f"Reminder: {invitation.survey.title}",
                text=_invitation_email(invitation.survey, invitation.contact, raw, reminder=True),
            )
            count += 1
    return count


@transaction.atomic
def contact_unsubscribe(*, invitation: Invitation) -> SurveyOptOut:
    """From a link in a survey e-mail: no more survey e-mails to this contact, ever.

    Only surveys: other colleagues may still call the contact (do-not-contact is the CRM's
    stronger flag and stays as it is)."""
    opt_out, created = SurveyOptOut.objects.get_or_create(
        contact=invitation.contact, defaults={"invitation": invitation}
    )
    if created:
        log_action("surveys.contact.unsubscribed", target=invitation.contact)
    return opt_out


# --- answering --------------------------------------------------------------------------------


class AlreadyAnswered(Exception):
    """The link has been used: a single-use link takes one response."""


def sentiment_of(texts: list[str]) -> list[tuple[str, float]]:
    """Each open answer's (label, score), by the same model as notes and insights."""
    return [(result.label, result.score) for result in sentiment_score(texts)]


def validate_answers(questions: Sequence[Question], raw: dict[int, Any]) -> dict[int, Any]:
    """Check answers {question id: value} against the questions. Values: an int for scales,
    a str for single choice and text, a list of str for multiple choice."""
    errors: dict[str, list[str]] = {}
    clean: dict[int, Any] = {}
    for q in questions:
        value = raw.get(q.pk)
        field = f"q{q.pk}"
        empty = value is None or value == "" or value == []
        if empty:
            if q.required:
                errors[field] = ["Please answer this question."]
            continue
        if q.is_scale:
            if not isinstance(value, int) or isinstance(value, bool) or value not in q.scale:
                errors[field] = [f"Pick a number from {q.scale[0]} to {q.scale[-1]}."]
            else:
                clean[q.pk] = value
        elif q.kind == QuestionKind.SINGLE:
            if value not in q.choices:
                errors[field] = ["Pick one of the options."]
            else:
                clean[q.pk] = value
        elif q.kind == QuestionKind.MULTIPLE:
            values = value if isinstance(value, list) else [value]
            if any(v not in q.choices for v in values):
                errors[field] = ["Pick from the options."]
            else:
                clean[q.pk] = [c for c in q.choices if c in values]
        else:
            text = str(value)
            if "\x00" in text:
                errors[field] = ["This contains a character we cannot store; please retype it."]
            elif len(text) > MAX_TEXT_ANSWER:
                errors[field] = [
                    f"At most {MAX_TEXT_ANSWER} characters, please (this has {len(text)})."
                ]
            elif text.strip():
                clean[q.pk] = text.strip()
            elif q.required:
                errors[field] = ["Please answer this question."]
    if errors:
        raise ValidationError(errors)
    return clean


def response_submit(*, invitation: Invitation, answers: dict[int, Any]) -> Response:
    """Store a contact's answers once; a detractor opens a follow-up; webhooks fire.

    The invitation row is locked while answering, and one response per invitation is a
    database constraint, so two submissions at once store one response."""
    questions = list(invitation.survey.questions.all())
    clean = validate_answers(questions, answers)
    by_id = {q.pk: q for q in questions}
    texts = [(qid, v) for qid, v in clean.items() if by_id[qid].kind == QuestionKind.TEXT]
    sentiments = dict(
        zip([qid for qid, _ in texts], sentiment_of([v for _, v in texts]), strict=True)
    )
    try:
        with transaction.atomic():
            locked = (
                Invitation.objects.select_for_update()
                .select_related("contact", "survey")
                .get(pk=invitation.pk)
            )
            if locked.responded_at is not None or locked.survey.status != SurveyStatus.OPEN:
                raise AlreadyAnswered
            now = timezone.now()
            if locked.expires_at <= now:
                raise AlreadyAnswered
            nps_value = next(
                (v for qid, v in clean.items() if by_id[qid].kind == QuestionKind.NPS), None
            )
            csat_value = next(
                (v for qid, v in clean.items() if by_id[qid].kind == QuestionKind.CSAT), None
            )
            scores = list(sentiments.values())
            overall = min(scores, key=lambda s: s[1]) if scores else None
            reason = scoring.detractor_reason(
                nps=nps_value,
                csat=csat_value,
                negative_text=any(label == "negative" for label, _ in scores),
            )
            response = Response.objects.create(
                invitation=locked,
                survey=locked.survey,
                contact=locked.contact,
                customer_id=locked.contact.customer_id,
                submitted_at=now,
                nps=nps_value,
                csat=csat_value,
                sentiment=overall[0] if overall else None,
                sentiment_score=overall[1] if overall else None,
                is_detractor=bool(reason),
                detractor_reason=reason,
            )
            Answer.objects.bulk_create(
                Answer(
                    response=response,
                    question_id=qid,
                    number=value if isinstance(value, int) else None,
                    choices=value
                    if isinstance(value, list)
                    else [value]
                    if by_id[qid].kind == QuestionKind.SINGLE
                    else [],
                    text=value if by_id[qid].kind == QuestionKind.TEXT else "",
                    sentiment=sentiments.get(qid, (None, 0.0))[0],
                )
                for qid, value in clean.items()
            )
            locked.responded_at = now
            locked.save(update_fields=["responded_at"])
            follow_up = follow_up_open(response=response) if reason else None
            log_action(
                "surveys.response.submitted",
                target=response.survey,
                changes={"response": response.pk},
            )
            webhooks_fire(WebhookEvent.RESPONSE, _response_payload(response))
            if follow_up is not None:
                webhooks_fire(WebhookEvent.DETRACTOR, _response_payload(response, follow_up))
    except IntegrityError as clash:
        raise AlreadyAnswered from clash
    return response


def _response_payload(response: Response, follow_up: FollowUp | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "survey": {"id": response.survey_id, "title": response.survey.title},
        "response": {
            "id": response.pk,
            "submitted_at": response.submitted_at.isoformat(),
            "nps": response.nps,
            "csat": response.csat,
            "sentiment": response.sentiment or "",  # webhooks keep "" for not scored
            "is_detractor": response.is_detractor,
            "detractor_reason": response.detractor_reason,
        },
        "customer": {"id": response.customer_id},
    }
    if follow_up is not None:
        payload["follow_up"] = {"id": follow_up.pk, "assignee": follow_up.assignee_id}
    return payload


# --- the closed loop --------------------------------------------------------------------------

CUSTOMER_FACING_WORDS = ("sales", "support", "service")


def week_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of this week in the organisation's time zone (as an aware datetime)."""
    organisation = Organisation.current()
    local = (now or timezone.now()).astimezone(ZoneInfo(organisation.time_zone))
    days = (local.weekday() - organisation.week_start) % 7
    start = (local - datetime.timedelta(days=days)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return start


def eligible_people() -> "Any":
    """People who may follow up: active, with a login, outside sales and support."""
    qs = (
        Person.objects.active()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(role_kind=RoleKind.CUSTOMER_FACING)
    )
    for word in CUSTOMER_FACING_WORDS:
        qs = qs.exclude(department__name__icontains=word)
    return qs


def weekly_load(
    person_ids: Iterable[int], *, now: datetime.datetime | None = None
) -> dict[int, int]:
    """Follow-ups each person took this week (their weekly maximum counts these)."""
    rows = (
        FollowUp.objects.filter(assignee_id__in=list(person_ids), assigned_at__gte=week_start(now))
        .values("assignee_id")
        .annotate(n=Count("id"))
    )
    return {row["assignee_id"]: row["n"] for row in rows}


def personal_caps(person_ids: list[int], *, now: datetime.datetime | None = None) -> dict[int, int]:
    """Each person's own weekly maximum from the standards app's availability (when it is
    installed and they have one), and 0 for those out of office today."""
    caps: dict[int, int] = {}
    try:
        from ridealong.standards.models import Availability, OutOfOffice
    except ImportError:
        return caps
    for person_id, weekly_max in Availability.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "weekly_max"
    ):
        caps[person_id] = weekly_max
    organisation = Organisation.current()
    today = (now or timezone.now()).astimezone(ZoneInfo(organisation.time_zone)).date()
    away = OutOfOffice.objects.filter(
        person_id__in=person_ids, starts_on__lte=today, ends_on__gte=today
    ).values_list("person_id", flat=True)
    for person_id in away:
        caps[person_id] = 0
    return caps


def _effective_load(
    candidates: list[int], rule: RoutingRule, *, now: datetime.datetime | None
) -> dict[int, int]:
    """Load measured against the rule's maximum: a person with a lower personal maximum (or
    away today) counts as full earlier."""
    load = weekly_load(candidates, now=now)
    caps = personal_caps(candidates, now=now)
    effective: dict[int, int] = {}
    for pk in candidates:
        taken = load.get(pk, 0)
        cap = min(rule.weekly_max, caps.get(pk, rule.weekly_max))
        effective[pk] = rule.weekly_max if taken >= cap else taken
    return effective


def route(*, now: datetime.datetime | None = None) -> tuple[RoutingRule | None, Person | None]:
    """The first active rule that finds someone below their weekly maximum, and who."""
    eligible = eligible_people()
    for rule in RoutingRule.objects.filter(is_active=True).order_by("position", "id"):
        if rule.kind == RoutingKind.ROTATION:
            candidates = list(
                eligible.filter(pk__in=rule.volunteers.values("pk"))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            load = _effective_load(candidates, rule, now=now)
            after = rule.last_assigned_id
        else:
            candidates = list(
                eligible.filter(department_id=rule.department_id)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            load = _effective_load(candidates, rule, now=now)
            candidates.sort(key=lambda pk: (load.get(pk, 0), pk))
            after = None
        picked = scoring.pick_assignee(
            candidates, load=load, weekly_max=rule.weekly_max, after=after
        )
        if picked is not None:
            return rule, Person.objects.get(pk=picked)
    return None, None


def follow_up_open(*, response: Response) -> FollowUp:
    """Open a follow-up for a detractor's response, routed by rule (possibly to nobody yet,
    when every rule's people are at their weekly maximum: a program lead assigns it)."""
    now = timezone.now()
    rule, person = route(now=now)
    follow_up = FollowUp.objects.create(
        response=response,
        customer_id=response.customer_id,
        contact_id=response.contact_id,
        assignee=person,
        rule=rule,
        reason=response.detractor_reason,
        assigned_at=now if person else None,
        due_at=now + datetime.timedelta(days=_setting("SURVEY_FOLLOW_UP_DAYS", 5)),
    )
    if rule is not None and person is not None:
        RoutingRule.objects.filter(pk=rule.pk).update(last_assigned=person)
        _notify_assignee(follow_up)
    log_action(
        "surveys.follow_up.opened",
        target=follow_up,
        changes={"assignee": str(person or ""), "reason": follow_up.reason},
    )
    return follow_up


def _follow_up_url(follow_up: FollowUp) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:follow_up', args=[follow_up.pk])}"


def _notify_assignee(follow_up: FollowUp, *, reminder: bool = False) -> None:
    person = follow_up.assignee
    if person is None:
        return
    subject = (
        f"Reminder: call {follow_up.customer}"
        if reminder
        else f"A customer to learn from: {follow_up.customer}"
    )
    text = (
        f"Hello {person.first_name},\n\n"
        f"{follow_up.contact} at {follow_up.customer} answered a survey unhappily "
        f"({follow_up.reason}).\n"
        "Please call or visit them to listen and learn, then log it with what you learned:\n"
        f"{_follow_up_url(follow_up)}\n\nDue by {timezone.localtime(follow_up.due_at):%d %b %Y}.\n"
    )
    send_email(
        key=f"survey-follow-up-{'reminder' if reminder else 'new'}-{follow_up.pk}",
        to=person.email,
        subject=subject,
        text=text,
    )


@transaction.atomic
def follow_up_assign(*, follow_up: FollowUp, by: Any, person: Person) -> FollowUp:
    if not eligible_people().filter(pk=person.pk).exists():
        raise ValidationError(
            {"assignee": ["Pick someone active, with a login, outside sales and support."]}
        )
    before = str(follow_up.assignee or "")
    follow_up.assignee = person
    follow_up.assigned_at = timezone.now()
    follow_up.reminded_at = None
    follow_up.save(update_fields=["assignee", "assigned_at", "reminded_at"])
    _notify_assignee(follow_up)
    log_action(
        "surveys.follow_up.assigned",
        actor=by,
        target=follow_up,
        changes={"assignee": [before, str(person)]},
    )
    return follow_up


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    by: Any,
    channel: str,
    started_at: datetime.datetime,
    duration_minutes: int,
    summary: str,
    reflection: str,
    outcome: str,
    do_differently: str = "",
) -> FollowUp:
    """Log the call or visit as a "survey follow-up" engagement, with a reflection and an
    outcome; the follow-up is then done."""
    from ridealong.engagements.models import ContactKind, Part
    from ridealong.engagements.services import engagement_create

    errors: dict[str, list[str]] = {}
    if not follow_up.is_open:
        raise ValidationError("This follow-up is already done.")
    if outcome not in Outcome.values:
        errors["outcome"] = ["Pick what came of it."]
    reflection = _clean_text("reflection", reflection, 5000, errors)
    if not reflection and "reflection" not in errors:
        errors["reflection"] = ["Write down what you learned — that is the point."]
    do_differently = _clean_text("do_differently", do_differently, 5000, errors)
    if not do_differently and "do_differently" not in errors:
        errors["do_differently"] = ["Say what you — or we — will do differently."]
    person = follow_up.assignee or getattr(by, "person", None)
    if person is None:
        errors["__all__"] = ["Assign the follow-up to someone first."]
    if errors:
        raise ValidationError(errors)
    kind = ContactKind.objects.filter(slug="survey-follow-up").first()
    if kind is None:
        raise ValidationError("The kind of contact “Survey follow-up” is missing; ask an admin.")
    engagement = engagement_create(
        by=by,
        kind=kind,
        customer=follow_up.customer,
        contacts=[follow_up.contact],
        participants=[(person, Part.LEAD)],
        started_at=started_at,
        duration_minutes=duration_minutes,
        summary=summary,
        channel=channel,
        notes=reflection,
    )
    follow_up.engagement = engagement
    follow_up.first_contact_at = follow_up.first_contact_at or started_at
    follow_up.reflection = reflection
    follow_up.outcome = outcome
    follow_up.status = FollowUpStatus.DONE
    follow_up.closed_at = timezone.now()
    follow_up.save()
    follow_up.do_differently = do_differently
    follow_up.save(update_fields=["do_differently"])
    _link_reflection(follow_up, person=person, do_differently=do_differently, by=by)
    log_action("surveys.follow_up.done", actor=by, target=follow_up, changes={"outcome": outcome})
    return follow_up


def _link_reflection(follow_up: FollowUp, *, person: Person, do_differently: str, by: Any) -> None:
    """The insights app keeps reflections per engagement: the follow-up's goes there too, and
    the follow-up links to it (its own text stays, for the follow-up page)."""
    try:
        from ridealong.insights.services import reflection_save
    except ImportError:
        return
    reflection = reflection_save(
        engagement=follow_up.engagement,
        person=person,
        learned=follow_up.reflection,
        do_differently=do_differently,
        by=by,
    )
    follow_up.insight_reflection = reflection
    follow_up.save(update_fields=["insight_reflection"])


def follow_up_reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Overdue follow-ups: remind the assignee once, then escalate to the program leads once.

    Idempotent: reminded_at and escalated_at are set as each is sent."""
    now = now or timezone.now()
    escalate_after = datetime.timedelta(days=_setting("SURVEY_FOLLOW_UP_ESCALATE_DAYS", 3))
    reminded = escalated = 0
    overdue = FollowUp.objects.filter(status=FollowUpStatus.OPEN, due_at__lte=now).select_related(
        "assignee", "customer", "contact"
    )
    leads = list(
        User.objects.filter(role=Role.PROGRAM_LEAD, is_active=True).values_list("email", flat=True)
    )
    for follow_up in overdue:
        with transaction.atomic():
            if follow_up.reminded_at is None and follow_up.assignee_id:
                if FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    _notify_assignee(follow_up, reminder=True)
                    reminded += 1
                continue
            late = follow_up.reminded_at or follow_up.due_at
            if follow_up.escalated_at is not None or late + escalate_after > now:
                continue
            claimed = FollowUp.objects.filter(pk=follow_up.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if not claimed:
                continue
            who = f" with {follow_up.assignee}" if follow_up.assignee else " and unassigned"
            for email in leads:
                send_email(
                    key=f"survey-follow-up-escalated-{follow_up.pk}-{email}",
                    to=email,
                    subject=f"Overdue follow-up: {follow_up.customer}",
                    text=(
                        f"The follow-up with {follow_up.contact} at {follow_up.customer} "
                        f"({follow_up.reason}) is overdue{who}.\n{_follow_up_url(follow_up)}\n"
                    ),
                )
            log_action("surveys.follow_up.escalated", target=follow_up)
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}


# --- routing rules ----------------------------------------------------------------------------


@transaction.atomic
def routing_rule_create(
    *,
    by: Any,
    name: str,
    kind: str,
    volunteers: Sequence[Person] = (),
    department: Any = None,
    weekly_max: int = 2,
) -> RoutingRule:
    errors: dict[str, list[str]] = {}
    name = _clean_text("name", name, 200, errors)
    if not name and "name" not in errors:
        errors["name"] = ["Name the rule."]
    if kind not in RoutingKind.values:
        errors["kind"] = ["Pick a rotation or a department."]
    if kind == RoutingKind.ROTATION and not volunteers:
        errors["volunteers"] = ["Pick the volunteers."]
    if kind == RoutingKind.DEPARTMENT and department is None:
        errors["department"] = ["Pick the department."]
    if not 1 <= weekly_max <= 50:
        errors["weekly_max"] = ["Between 1 and 50 a week."]
    eligible = set(eligible_people().values_list("pk", flat=True))
    outside = [str(p) for p in volunteers if p.pk not in eligible]
    if outside:
        errors.setdefault("volunteers", []).append(
            "Only active people with a login outside sales and support: " + ", ".join(outside)
        )
    if errors:
        raise ValidationError(errors)
    last = RoutingRule.objects.order_by("-position").values_list("position", flat=True).first()
    rule = RoutingRule.objects.create(
        name=name,
        kind=kind,
        department=department if kind == RoutingKind.DEPARTMENT else None,
        weekly_max=weekly_max,
        position=(last or 0) + 1,
    )
    if kind == RoutingKind.ROTATION:
        rule.volunteers.set(volunteers)
    log_action("surveys.routing_rule.created", actor=by, target=rule, changes={"kind": kind})
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, by: Any) -> None:
    log_action("surveys.routing_rule.deleted", actor=by, target=rule)
    rule.delete()


# --- webhooks ---------------------------------------------------------------------------------


@transaction.atomic
def webhook_create(
    *, by: Any, url: str, on_response: bool = True, on_detractor: bool = True
) -> tuple[Webhook, str]:
    """A webhook and its signing secret (shown once)."""
    from ridealong.surveys.webhooks import validate_url

    validate_url(url)
    secret = secrets.token_urlsafe(32)
    webhook = Webhook.objects.create(
        url=url,
        secret=secret,
        on_response=on_response,
        on_detractor=on_detractor,
        created_by=_user(by),
    )
    log_action("surveys.webhook.created", actor=by, target=webhook, changes={"url": url})
    return webhook, secret


@transaction.atomic
def webhook_delete(*, webhook: Webhook, by: Any) -> None:
    log_action("surveys.webhook.deleted", actor=by, target=webhook)
    webhook.delete()


def webhooks_fire(event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue a delivery per active webhook that wants the event; sent after commit."""
    import json

    wanted = Q(on_response=True) if event == WebhookEvent.RESPONSE else Q(on_detractor=True)
    body = json.dumps({"event": event, **payload}, sort_keys=True)
    deliveries = [
        WebhookDelivery.objects.create(
            webhook=w, event=event, body=body, next_attempt_at=timezone.now()
        )
        for w in Webhook.objects.filter(wanted, is_active=True)
    ]
    if deliveries:
        from ridealong.surveys.tasks import deliver_webhook

        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])
    return deliveries
