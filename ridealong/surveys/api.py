"""The surveys part of the REST API (mounted by config.api).

Surveys, invitations, responses and webhooks are for program leads and admins. Follow-ups:
everyone sees the ones assigned to them; program leads and admins see all. An invitation's
link (its token) appears once, in the answer to the POST that creates it, and never again.
"""

import datetime
from typing import Any

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.api.errors import all_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, Moment, page, responses
from ridealong.customers.models import Contact
from ridealong.engagements.models import EngagementChannel
from ridealong.surveys import selectors, services
from ridealong.surveys.models import (
    FollowUp,
    FollowUpStatus,
    Invitation,
    InvitationChannel,
    Outcome,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    Webhook,
)

router = Router()
TAGS = ["Surveys"]
MAX_CONTACTS = 1000


class QuestionOut(Schema):
    id: int
    position: int
    kind: QuestionKind
    text: str
    help_text: str
    required: bool
    choices: list[str]
    scale_max: int


class QuestionIn(Input):
    kind: QuestionKind
    text: str = Field(min_length=1, max_length=500)
    help_text: str = Field("", max_length=300)
    required: bool = True
    choices: list[str] = Field(default_factory=list, max_length=20)
    scale_max: int = Field(5, ge=2, le=10)


class SurveyOut(Schema):
    id: int
    title: str
    intro: str
    thank_you: str
    status: SurveyStatus
    link_valid_days: int
    reminder_after_days: int
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj: Survey) -> list[Any]:
        return list(obj.questions.all())


class SurveyIn(Input):
    title: str = Field(min_length=1, max_length=200)
    intro: str = Field("", max_length=2000)
    thank_you: str = Field("Thank you — your answer helps us get better.", max_length=2000)
    link_valid_days: int = Field(30, ge=1, le=365)
    reminder_after_days: int = Field(7, ge=0, le=60)
    questions: list[QuestionIn] = Field(default_factory=list, max_length=50)
    open: bool = Field(False, description="Open it for answers at once.")


class SurveyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SurveyOut]


@router.get("/surveys", response=responses(200, SurveyPage), tags=TAGS, summary="List surveys")
def list_surveys(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    """Program leads and admins."""
    require(can_manage_program(request.user))
    qs = Survey.objects.prefetch_related("questions").order_by("-created_at", "-id")
    return page(qs, filters)


@router.post("/surveys", response=responses(201, SurveyOut), tags=TAGS, summary="Build a survey")
def create_survey(request: AuthenticatedHttpRequest, payload: SurveyIn) -> Status:
    """Program leads and admins. Questions are added in the order given."""
    require(can_manage_program(request.user))
    from django.db import transaction

    data = payload.dict()
    questions = data.pop("questions")
    should_open = data.pop("open")
    with transaction.atomic():
        survey = services.survey_create(by=request.user, **data)
        for question in questions:
            services.question_add(survey=survey, by=request.user, **question)
        if should_open:
            services.survey_open(survey=survey, by=request.user)
    return Status(201, survey)


@router.get(
    "/surveys/{survey_id}", response=responses(200, SurveyOut), tags=TAGS, summary="A survey"
)
def read_survey(request: AuthenticatedHttpRequest, survey_id: Id) -> Survey:
    return selectors.get_survey_for_user(request.user, survey_id)


class StatusIn(Input):
    status: SurveyStatus


@router.post(
    "/surveys/{survey_id}/status",
    response=responses(200, SurveyOut),
    tags=TAGS,
    summary="Open or close a survey",
)
def set_survey_status(
    request: AuthenticatedHttpRequest, survey_id: Id, payload: StatusIn
) -> Survey:
    survey = selectors.get_survey_for_user(request.user, survey_id)
    if payload.status == SurveyStatus.OPEN:
        return services.survey_open(survey=survey, by=request.user)
    if payload.status == SurveyStatus.CLOSED:
        return services.survey_close(survey=survey, by=request.user)
    from django.core.exceptions import ValidationError

    raise ValidationError({"status": ["A survey goes from draft to open to closed."]})


@router.post(
    "/surveys/{survey_id}/duplicate",
    response=responses(201, SurveyOut),
    tags=TAGS,
    summary="Duplicate a survey (as a draft)",
)
def duplicate_survey(request: AuthenticatedHttpRequest, survey_id: Id) -> Status:
    survey = selectors.get_survey_for_user(request.user, survey_id)
    return Status(201, services.survey_duplicate(survey=survey, by=request.user))


# --- invitations ------------------------------------------------------------------------------


class InvitationOut(Schema):
    id: int
    survey: int = Field(alias="survey_id")
    contact: int = Field(alias="contact_id")
    channel: InvitationChannel
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    reminded_at: datetime.datetime | None
    expires_at: datetime.datetime
    responded_at: datetime.datetime | None


class InvitationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InvitationOut]


class NewInvitationOut(InvitationOut):
    link: str = Field(description="The personal link, shown this once and never again.")
    unsubscribe_link: str


class InvitationsIn(Input):
    contacts: list[Id] = Field(min_length=1, max_length=MAX_CONTACTS)
    channel: InvitationChannel = InvitationChannel.EMAIL


class InvitationsCreated(Schema):
    excluded: int = Field(description="Do-not-contact, unsubscribed or without e-mail.")
    already_invited: int
    items: list[NewInvitationOut]


@router.get(
    "/surveys/{survey_id}/invitations",
    response=responses(200, InvitationPage),
    tags=TAGS,
    summary="List a survey's invitations (without their links)",
)
def list_invitations(
    request: AuthenticatedHttpRequest, survey_id: Id, filters: Query[Filters]
) -> dict:
    survey = selectors.get_survey_for_user(request.user, survey_id)
    return page(Invitation.objects.filter(survey=survey).order_by("id"), filters)


@router.post(
    "/surveys/{survey_id}/invitations",
    response=responses(201, InvitationsCreated),
    tags=TAGS,
    summary="Invite contacts (e-mail, or links returned once)",
)
def create_invitations(
    request: AuthenticatedHttpRequest, survey_id: Id, payload: InvitationsIn
) -> Status:
    survey = selectors.get_survey_for_user(request.user, survey_id)
    contacts = all_or_invalid(Contact, payload.contacts, "contacts")
    result = services.invitations_create(
        survey=survey, by=request.user, contacts=list(contacts.values()), channel=payload.channel
    )
    items = [
        {
            **InvitationOut.from_orm(inv).dict(by_alias=True),
            "link": services.public_url(raw),
            "unsubscribe_link": services.unsubscribe_url(raw),
        }
        for inv, raw in result.invitations
    ]
    return Status(
        201,
        {"excluded": result.excluded, "already_invited": result.already_invited, "items": items},
    )


# --- responses --------------------------------------------------------------------------------


class AnswerOut(Schema):
    question: int = Field(alias="question_id")
    number: int | None
    choices: list[str]
    text: str
    sentiment: str

    @staticmethod
    def resolve_sentiment(obj: Any) -> str:
        return obj.sentiment or ""  # the API keeps "" for not scored


class ResponseOut(Schema):
    id: int
    survey: int = Field(alias="survey_id")
    customer: int = Field(alias="customer_id")
    contact: int = Field(alias="contact_id")
    submitted_at: datetime.datetime
    nps: int | None
    csat: int | None
    sentiment: str
    is_detractor: bool
    detractor_reason: str
    answers: list[AnswerOut]

    @staticmethod
    def resolve_sentiment(obj: Response) -> str:
        return obj.sentiment or ""  # the API keeps "" for not scored

    @staticmethod
    def resolve_answers(obj: Response) -> list[Any]:
        return list(obj.answers.all())


class ResponsePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResponseOut]


@router.get(
    "/surveys/{survey_id}/responses",
    response=responses(200, ResponsePage),
    tags=TAGS,
    summary="List a survey's responses",
)
def list_responses(
    request: AuthenticatedHttpRequest, survey_id: Id, filters: Query[Filters]
) -> dict:
    survey = selectors.get_survey_for_user(request.user, survey_id)
    qs = Response.objects.filter(survey=survey).prefetch_related("answers").order_by("id")
    return page(qs, filters)


@router.get(
    "/survey-responses/{response_id}",
    response=responses(200, ResponseOut),
    tags=TAGS,
    summary="A response",
)
def read_response(request: AuthenticatedHttpRequest, response_id: Id) -> Response:
    return selectors.get_response_for_user(request.user, response_id)


# --- follow-ups -------------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: int
    response: int = Field(alias="response_id")
    customer: int = Field(alias="customer_id")
    contact: int = Field(alias="contact_id")
    assignee: int | None = Field(alias="assignee_id")
    reason: str
    status: FollowUpStatus
    created_at: datetime.datetime
    due_at: datetime.datetime
    first_contact_at: datetime.datetime | None
    engagement: int | None = Field(alias="engagement_id")
    outcome: str
    reflection: str
    closed_at: datetime.datetime | None


class FollowUpPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[FollowUpOut]


class FollowUpFilters(Filters):
    status: FollowUpStatus | None = None
    mine: bool = Field(False, description="Only those assigned to you.")


@router.get(
    "/survey-follow-ups",
    response=responses(200, FollowUpPage),
    tags=TAGS,
    summary="List follow-ups (yours; program leads and admins: all)",
)
def list_follow_ups(request: AuthenticatedHttpRequest, filters: Query[FollowUpFilters]) -> dict:
    qs = selectors.follow_up_list(
        request.user, status=filters.status or "", mine=filters.mine
    ).order_by("id")
    return page(qs, filters)


@router.get(
    "/survey-follow-ups/{follow_up_id}",
    response=responses(200, FollowUpOut),
    tags=TAGS,
    summary="A follow-up",
)
def read_follow_up(request: AuthenticatedHttpRequest, follow_up_id: Id) -> FollowUp:
    return selectors.get_follow_up_for_user(request.user, follow_up_id)


class FollowUpRecordIn(Input):
    channel: EngagementChannel = EngagementChannel.PHONE
    started_at: Moment
    duration_minutes: int = Field(ge=1, le=1440)
    summary: str = Field(min_length=1, max_length=300)
    reflection: str = Field(min_length=1, max_length=5000, description="What I learned.")
    do_differently: str = Field(min_length=1, max_length=5000)
    outcome: Outcome


@router.post(
    "/survey-follow-ups/{follow_up_id}/record",
    response=responses(200, FollowUpOut),
    tags=TAGS,
    summary="Log the call or visit, the reflection and the outcome",
)
def record_follow_up(
    request: AuthenticatedHttpRequest, follow_up_id: Id, payload: FollowUpRecordIn
) -> FollowUp:
    """Its assignee, program leads and admins. Logs a "survey follow-up" engagement."""
    follow_up = selectors.get_follow_up_for_user(request.user, follow_up_id)
    require(
        selectors.follow_up_context(request.user, follow_up).can_record or not follow_up.is_open
    )
    return services.follow_up_record(follow_up=follow_up, by=request.user, **payload.dict())


# --- webhooks ---------------------------------------------------------------------------------


class WebhookOut(Schema):
    id: int
    url: str
    on_response: bool
    on_detractor: bool
    is_active: bool
    created_at: datetime.datetime


class NewWebhookOut(WebhookOut):
    secret: str = Field(description="Signs every body (HMAC-SHA256); shown this once.")


class WebhookIn(Input):
    url: str = Field(min_length=8, max_length=500)
    on_response: bool = True
    on_detractor: bool = True


class WebhookPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[WebhookOut]


@router.get(
    "/survey-webhooks", response=responses(200, WebhookPage), tags=TAGS, summary="List webhooks"
)
def list_webhooks(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
    require(can_manage_program(request.user))
    return page(Webhook.objects.order_by("id"), filters)


@router.post(
    "/survey-webhooks",
    response=responses(201, NewWebhookOut),
    tags=TAGS,
    summary="Add a webhook (its secret is shown once)",
)
def create_webhook(request: AuthenticatedHttpRequest, payload: WebhookIn) -> Status:
    require(can_manage_program(request.user))
    webhook, secret = services.webhook_create(by=request.user, **payload.dict())
    return Status(201, {**WebhookOut.from_orm(webhook).dict(), "secret": secret})


@router.delete(
    "/survey-webhooks/{webhook_id}",
    response=responses(204, None),
    tags=TAGS,
    summary="Remove a webhook",
)
def delete_webhook(request: AuthenticatedHttpRequest, webhook_id: Id) -> Status:
    webhook = selectors.get_webhook_for_user(request.user, webhook_id)
    services.webhook_delete(webhook=webhook, by=request.user)
    return Status(204, None)
