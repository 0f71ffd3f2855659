"""Answering: validating and submitting a response."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ridealong.core.audit import log_action
from ridealong.language.sentiment import score as sentiment_score
from ridealong.surveys import scoring
from ridealong.surveys.models import (
    Answer,
    FollowUp,
    Invitation,
    Question,
    QuestionKind,
    Response,
    SurveyStatus,
    WebhookEvent,
)
from ridealong.surveys.services.common import MAX_TEXT_ANSWER
from ridealong.surveys.services.follow_ups import follow_up_open
from ridealong.surveys.services.webhooks import webhooks_fire


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
