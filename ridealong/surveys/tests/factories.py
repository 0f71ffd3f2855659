"""Builders for survey tests (surveys with questions, invitations with known tokens)."""

import datetime
import secrets

from django.utils import timezone

from ridealong.surveys.models import (
    FollowUp,
    Invitation,
    InvitationChannel,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    token_digest,
)


def make_survey(
    *, title: str = "How are we doing?", status: str = SurveyStatus.OPEN, open_text: bool = True
) -> Survey:
    survey = Survey.objects.create(title=title, status=status, thank_you="Thanks a lot!")
    Question.objects.create(
        survey=survey,
        position=1,
        kind=QuestionKind.NPS,
        text="How likely are you to recommend us to a colleague?",
        required=True,
    )
    if open_text:
        Question.objects.create(
            survey=survey,
            position=2,
            kind=QuestionKind.TEXT,
            text="What is the main reason?",
            required=False,
        )
    return survey


def add_question(survey: Survey, kind: str, text: str, **extra: object) -> Question:
    position = survey.questions.count() + 1
    return Question.objects.create(survey=survey, position=position, kind=kind, text=text, **extra)


def make_invitation(
    survey: Survey, contact, *, days: int = 30, channel: str = InvitationChannel.EMAIL
) -> tuple[Invitation, str]:
    raw = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        survey=survey,
        contact=contact,
        email=contact.email,
        channel=channel,
        token_digest=token_digest(raw),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        sent_at=timezone.now(),
    )
    return invitation, raw


def make_follow_up(survey: Survey, contact, assignee=None) -> FollowUp:
    invitation, _ = make_invitation(survey, contact)
    response = Response.objects.create(
        invitation=invitation,
        survey=survey,
        contact=contact,
        customer=contact.customer,
        nps=3,
        is_detractor=True,
        detractor_reason="NPS 3",
    )
    invitation.responded_at = response.submitted_at
    invitation.save()
    return FollowUp.objects.create(
        response=response,
        customer=contact.customer,
        contact=contact,
        assignee=assignee,
        reason="NPS 3",
        assigned_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
