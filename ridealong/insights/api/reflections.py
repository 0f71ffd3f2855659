"""Reflections and questions to the host, with their replies."""

import datetime
from typing import Any

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.api.schemas import Filters, Id, Input, Ref, page, responses
from ridealong.insights import selectors, services
from ridealong.insights.api.common import _person
from ridealong.insights.models import HostQuestion, Reflection

router = Router()


class ReflectionOut(Schema):
    id: int
    engagement: int
    person: Ref
    learned: str
    do_differently: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_engagement(reflection: Reflection) -> int:
        return reflection.engagement_id

    @staticmethod
    def resolve_person(reflection: Reflection) -> dict[str, Any]:
        return {"id": reflection.person_id, "name": reflection.person.full_name}


class ReflectionIn(Input):
    learned: str = Field(min_length=1, max_length=services.MAX_TEXT)
    do_differently: str = Field(min_length=1, max_length=services.MAX_TEXT)


class ReflectionFilters(Filters):
    engagement: Id | None = None
    person: Id | None = None


class ReflectionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReflectionOut]


TAG_REFLECTIONS = ["Reflections"]


@router.get(
    "/reflections",
    response=responses(200, ReflectionPage),
    tags=TAG_REFLECTIONS,
    summary="List reflections",
)
def list_reflections(request: AuthenticatedHttpRequest, filters: Query[ReflectionFilters]) -> dict:
    reflections = selectors.reflection_list(person_ids={filters.person} if filters.person else None)
    if filters.engagement:
        reflections = reflections.filter(engagement_id=filters.engagement)
    return page(reflections, filters)


@router.put(
    "/engagements/{engagement_id}/reflection",
    response=responses(200, ReflectionOut),
    tags=TAG_REFLECTIONS,
    summary="Save my reflection on an engagement",
)
def save_reflection(
    request: AuthenticatedHttpRequest, engagement_id: Id, payload: ReflectionIn
) -> Reflection:
    """Participants only, their own."""
    engagement, person = selectors.get_participation_engagement(request.user, engagement_id)
    return services.reflection_save(
        engagement=engagement, person=person, by=request.user, **payload.dict()
    )


# --- questions to the host ---------------------------------------------------------------------


class ReplyOut(Schema):
    id: int
    author: Ref
    text: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(reply: Any) -> dict[str, Any]:
        return {"id": reply.author_id, "name": reply.author.full_name}


class HostQuestionOut(Schema):
    id: int
    engagement: int
    asked_by: Ref
    host: Ref
    text: str
    created_at: datetime.datetime
    answered_at: datetime.datetime | None
    replies: list[ReplyOut]

    @staticmethod
    def resolve_engagement(question: HostQuestion) -> int:
        return question.engagement_id

    @staticmethod
    def resolve_asked_by(question: HostQuestion) -> dict[str, Any]:
        return {"id": question.asked_by_id, "name": question.asked_by.full_name}

    @staticmethod
    def resolve_host(question: HostQuestion) -> dict[str, Any]:
        return {"id": question.host_id, "name": question.host.full_name}


class HostQuestionIn(Input):
    engagement: Id
    text: str = Field(min_length=1, max_length=services.MAX_QUOTE)


class ReplyIn(Input):
    text: str = Field(min_length=1, max_length=services.MAX_TEXT)


class QuestionFilters(Filters):
    engagement: Id | None = None
    person: Id | None = Field(None, description="Asked by or to this person.")
    unanswered: bool | None = None


class QuestionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[HostQuestionOut]


TAG_QUESTIONS = ["Questions to the host"]


@router.get(
    "/host-questions",
    response=responses(200, QuestionPage),
    tags=TAG_QUESTIONS,
    summary="List questions to hosts",
)
def list_questions(request: AuthenticatedHttpRequest, filters: Query[QuestionFilters]) -> dict:
    questions = selectors.question_list(person_id=filters.person).prefetch_related(
        "replies__author"
    )
    if filters.engagement:
        questions = questions.filter(engagement_id=filters.engagement)
    if filters.unanswered is not None:
        questions = questions.filter(answered_at__isnull=filters.unanswered)
    return page(questions, filters)


@router.get(
    "/host-questions/{question_id}",
    response=responses(200, HostQuestionOut),
    tags=TAG_QUESTIONS,
    summary="A question to the host, with its thread",
)
def read_question(request: AuthenticatedHttpRequest, question_id: Id) -> HostQuestion:
    return selectors.get_question_for_user(request.user, question_id)


@router.post(
    "/host-questions",
    response=responses(201, HostQuestionOut),
    tags=TAG_QUESTIONS,
    summary="Ask the host",
)
def ask_question(request: AuthenticatedHttpRequest, payload: HostQuestionIn) -> Status:
    """Participants of the engagement (other than the host); the host is e-mailed."""
    engagement, person = selectors.get_participation_engagement(request.user, payload.engagement)
    question = services.host_question_ask(
        engagement=engagement, asked_by=person, text=payload.text, by=request.user
    )
    return Status(201, selectors.get_question_for_user(request.user, question.pk))


@router.post(
    "/host-questions/{question_id}/replies",
    response=responses(201, HostQuestionOut),
    tags=TAG_QUESTIONS,
    summary="Answer in the thread",
)
def reply_question(request: AuthenticatedHttpRequest, question_id: Id, payload: ReplyIn) -> Status:
    """The host and who asked; the other one is e-mailed."""
    question = selectors.get_question_for_user(request.user, question_id, write=True)
    services.host_reply_add(
        question=question, author=_person(request), text=payload.text, by=request.user
    )
    return Status(201, selectors.get_question_for_user(request.user, question_id))
