"""Building a survey: the survey, its questions, opening, closing, duplicating."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.update import model_update
from ridealong.surveys.models import Question, QuestionKind, Survey, SurveyStatus
from ridealong.surveys.services.common import MAX_CHOICES, _clean_text, _user


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
    by: User,
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
def survey_update(*, survey: Survey, by: User, **fields: Any) -> Survey:
    current = {
        "title": survey.title,
        "intro": survey.intro,
        "thank_you": survey.thank_you,
        "link_valid_days": survey.link_valid_days,
        "reminder_after_days": survey.reminder_after_days,
    }
    data = _survey_data(**{**current, **fields})
    model_update(survey, data=data, action="surveys.survey.updated", by=by)
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
    by: User,
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
def question_update(*, question: Question, by: User, **fields: Any) -> Question:
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
def question_delete(*, question: Question, by: User) -> None:
    _require_draft(question.survey)
    survey = question.survey
    question.delete()
    log_action("surveys.question.deleted", actor=by, target=survey, changes={"text": question.text})


@transaction.atomic
def question_move(*, question: Question, by: User, up: bool) -> None:
    questions = list(question.survey.questions.order_by("position", "id"))
    i = questions.index(question)
    j = i - 1 if up else i + 1
    if 0 <= j < len(questions):
        questions[i], questions[j] = questions[j], questions[i]
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            Question.objects.filter(pk=q.pk).update(position=position)


@transaction.atomic
def survey_open(*, survey: Survey, by: User) -> Survey:
    if not survey.questions.exists():
        raise ValidationError("Add at least one question before opening the survey.")
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save(update_fields=["status", "closed_at"])
    log_action("surveys.survey.opened", actor=by, target=survey)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by: User) -> Survey:
    """Closed surveys take no more answers; their links say so."""
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    log_action("surveys.survey.closed", actor=by, target=survey)
    return survey


@transaction.atomic
def survey_duplicate(*, survey: Survey, by: User) -> Survey:
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
