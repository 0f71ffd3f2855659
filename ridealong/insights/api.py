"""Notes, insights, reflections, questions to the host, learning tasks and question guides.

Everyone signed in reads them (sharing is the point). A participant writes their own note
and reflection; observers ask the host; the host and the asker reply in the thread.
Insights: anyone adds; who added it, their managers, program leads and admins change it.
Learning tasks: managers (for their reports), program leads and admins assign them.

The customer wall's feed is not here: it is a plain JSON view authenticated by the wall
link's token, /insights/wall/{token}/feed.json, so a TV needs no API token.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import require
from ridealong.core.api.errors import get_or_invalid
from ridealong.core.api.schemas import Filters, Id, Input, Moment, Ref, page, partial, responses
from ridealong.core.choices import Sentiment
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement
from ridealong.insights import selectors, services
from ridealong.insights.models import (
    HostQuestion,
    Insight,
    InsightType,
    LearningTask,
    Note,
    ProductArea,
    QuestionGuide,
    Reflection,
    TaskStatus,
)
from ridealong.people.models import Person
from ridealong.people.selectors import report_person_ids

router = Router()


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _person(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    require(person is not None)
    return person


# --- question guides ---------------------------------------------------------------------------


class QuestionOut(Schema):
    id: int
    text: str
    position: int


class GuideOut(Schema):
    id: int
    kind: Ref
    intro: str
    questions: list[QuestionOut]


class GuidePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[GuideOut]


TAG_GUIDES = ["Question guides"]


@router.get(
    "/question-guides",
    response=responses(200, GuidePage),
    tags=TAG_GUIDES,
    summary="List question guides",
)
def list_guides(request: HttpRequest, filters: Query[Filters]) -> dict:
    guides = QuestionGuide.objects.select_related("kind").prefetch_related("questions")
    return page(guides.order_by("kind__position", "kind__name", "id"), filters)


# --- notes -------------------------------------------------------------------------------------


class AnswerOut(Schema):
    question: int | None = Field(description="The guide question's id (null once deleted).")
    question_text: str
    answer: str

    @staticmethod
    def resolve_question(answer: Any) -> int | None:
        return answer.question_id


class NoteOut(Schema):
    id: int
    engagement: int
    author: Ref
    answers: list[AnswerOut]
    free_text: str
    is_draft: bool
    photos: list[str] = Field(description="URLs of the photos (signed-in users only).")
    sentiment: Sentiment | None
    sentiment_score: float | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_engagement(note: Note) -> int:
        return note.engagement_id

    @staticmethod
    def resolve_author(note: Note) -> dict[str, Any]:
        return {"id": note.author_id, "name": note.author.full_name}

    @staticmethod
    def resolve_photos(note: Note) -> list[str]:
        from django.urls import reverse

        return [reverse("insights:photo", kwargs={"pk": p.pk}) for p in note.photos.all()]


class AnswerIn(Input):
    question: Id
    answer: str = Field(max_length=services.MAX_TEXT)


class NoteIn(Input):
    answers: list[AnswerIn] = Field([], max_length=50)
    free_text: str = Field("", max_length=services.MAX_TEXT)
    draft: bool = Field(False, description="True for a draft (autosave).")


class NoteFilters(Filters):
    engagement: Id | None = None
    author: Id | None = Field(None, description="A person's id.")


class NotePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[NoteOut]


TAG_NOTES = ["Notes"]


def _notes() -> Any:
    return Note.objects.select_related("author").prefetch_related("answers", "photos")


@router.get("/notes", response=responses(200, NotePage), tags=TAG_NOTES, summary="List notes")
def list_notes(request: HttpRequest, filters: Query[NoteFilters]) -> dict:
    notes = _notes()
    if filters.engagement:
        notes = notes.filter(engagement_id=filters.engagement)
    if filters.author:
        notes = notes.filter(author_id=filters.author)
    return page(notes.order_by("-updated_at", "-id"), filters)


@router.get("/notes/{note_id}", response=responses(200, NoteOut), tags=TAG_NOTES, summary="A note")
def read_note(request: HttpRequest, note_id: Id) -> Note:
    selectors.get_note_for_user(request.user, note_id)
    return _notes().get(pk=note_id)


@router.put(
    "/engagements/{engagement_id}/note",
    response=responses(200, NoteOut),
    tags=TAG_NOTES,
    summary="Save my note on an engagement",
)
def save_note(request: HttpRequest, engagement_id: Id, payload: NoteIn) -> Note:
    """Participants only, their own note. `answers` answer the kind's guide questions."""
    engagement, person = selectors.get_participation_engagement(request.user, engagement_id)
    note = services.note_save(
        engagement=engagement,
        author=person,
        answers={a.question: a.answer for a in payload.answers},
        free_text=payload.free_text,
        draft=payload.draft,
        by=request.user,
    )
    return _notes().get(pk=note.pk)


# --- insights ----------------------------------------------------------------------------------


class InsightOut(Schema):
    id: int
    text: str
    type: InsightType
    customer: Ref
    contact: Ref | None
    engagement: int | None
    note: int | None
    product_area: Ref | None
    tags: list[str]
    author: Ref | None
    sentiment: Sentiment | None
    sentiment_score: float | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_engagement(insight: Insight) -> int | None:
        return insight.engagement_id

    @staticmethod
    def resolve_note(insight: Insight) -> int | None:
        return insight.note_id

    @staticmethod
    def resolve_tags(insight: Insight) -> list[str]:
        return [t.name for t in insight.tags.all()]

    @staticmethod
    def resolve_author(insight: Insight) -> dict[str, Any] | None:
        if insight.author is None:
            return None
        return {"id": insight.author_id, "name": insight.author.full_name}


class InsightIn(Input):
    text: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    type: InsightType
    customer: Id | None = Field(None, description="Defaults to the engagement's customer.")
    contact: Id | None = None
    engagement: Id | None = None
    note: Id | None = None
    product_area: Id | None = None
    tags: list[str] = Field([], max_length=services.MAX_TAGS)


class InsightPatchIn(Input):
    text: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    type: InsightType
    customer: Id
    contact: Id | None = None
    product_area: Id | None = None
    tags: list[str] = Field([], max_length=services.MAX_TAGS)


InsightPatch = partial(InsightPatchIn)


class InsightFilterQuery(Filters):
    type: InsightType | None = None
    customer: Id | None = None
    product_area: Id | None = None
    tag: str | None = Field(None, max_length=50)
    sentiment: Sentiment | None = None
    author: Id | None = Field(None, description="A person's id.")
    engagement: Id | None = None
    since: Moment | None = None
    until: Moment | None = None


class InsightPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[InsightOut]


TAG_INSIGHTS = ["Insights"]


@router.get(
    "/insights", response=responses(200, InsightPage), tags=TAG_INSIGHTS, summary="List insights"
)
def list_insights(request: HttpRequest, filters: Query[InsightFilterQuery]) -> dict:
    """Newest first."""
    insights = selectors.insight_list(
        selectors.InsightFilters(
            type=filters.type or "",
            customer_id=filters.customer,
            product_area_id=filters.product_area,
            tag=filters.tag or "",
            sentiment=filters.sentiment or "",
            author_ids={filters.author} if filters.author else None,
            since=_aware(filters.since),
            until=_aware(filters.until),
        )
    )
    if filters.engagement:
        insights = insights.filter(engagement_id=filters.engagement)
    return page(insights, filters)


def _insight_refs(data: dict[str, Any]) -> dict[str, Any]:
    for field, model in (
        ("customer", Customer),
        ("contact", Contact),
        ("product_area", ProductArea),
        ("engagement", Engagement),
    ):
        if field in data:
            data[field] = get_or_invalid(model, data[field], field)
    return data


@router.post(
    "/insights", response=responses(201, InsightOut), tags=TAG_INSIGHTS, summary="Add an insight"
)
def create_insight(request: HttpRequest, payload: InsightIn) -> Status:
    """Anyone signed in. From a note: send `note` and its engagement and customer follow."""
    data = _insight_refs(payload.dict())
    note = None
    if data.pop("note"):
        note = selectors.get_note_for_user(request.user, payload.note)
    insight = services.insight_create(
        note=note, author=request.user.person, by=request.user, **data
    )
    return Status(201, selectors.get_insight_for_user(request.user, insight.pk))


@router.get(
    "/insights/{insight_id}",
    response=responses(200, InsightOut),
    tags=TAG_INSIGHTS,
    summary="An insight",
)
def read_insight(request: HttpRequest, insight_id: Id) -> Insight:
    return selectors.get_insight_for_user(request.user, insight_id)


@router.patch(
    "/insights/{insight_id}",
    response=responses(200, InsightOut),
    tags=TAG_INSIGHTS,
    summary="Change an insight",
)
def update_insight(request: HttpRequest, insight_id: Id, payload: InsightPatch) -> Insight:
    """Who added it, their managers, program leads and admins."""
    insight = selectors.get_insight_for_user(request.user, insight_id, write=True)
    current = {
        "text": insight.text,
        "type": insight.type,
        "customer": insight.customer,
        "contact": insight.contact,
        "product_area": insight.product_area,
        "tags": [t.name for t in insight.tags.all()],
    }
    changed = _insight_refs(payload.dict(exclude_unset=True))
    services.insight_update(insight=insight, by=request.user, **(current | changed))
    return selectors.get_insight_for_user(request.user, insight_id)


@router.delete(
    "/insights/{insight_id}",
    response=responses(204, None),
    tags=TAG_INSIGHTS,
    summary="Delete an insight",
)
def delete_insight(request: HttpRequest, insight_id: Id) -> Status:
    insight = selectors.get_insight_for_user(request.user, insight_id, write=True)
    services.insight_delete(insight=insight, by=request.user)
    return Status(204, None)


# --- reflections -------------------------------------------------------------------------------


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
def list_reflections(request: HttpRequest, filters: Query[ReflectionFilters]) -> dict:
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
def save_reflection(request: HttpRequest, engagement_id: Id, payload: ReflectionIn) -> Reflection:
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
def list_questions(request: HttpRequest, filters: Query[QuestionFilters]) -> dict:
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
def read_question(request: HttpRequest, question_id: Id) -> HostQuestion:
    return selectors.get_question_for_user(request.user, question_id)


@router.post(
    "/host-questions",
    response=responses(201, HostQuestionOut),
    tags=TAG_QUESTIONS,
    summary="Ask the host",
)
def ask_question(request: HttpRequest, payload: HostQuestionIn) -> Status:
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
def reply_question(request: HttpRequest, question_id: Id, payload: ReplyIn) -> Status:
    """The host and who asked; the other one is e-mailed."""
    question = selectors.get_question_for_user(request.user, question_id, write=True)
    services.host_reply_add(
        question=question, author=_person(request), text=payload.text, by=request.user
    )
    return Status(201, selectors.get_question_for_user(request.user, question_id))


# --- learning tasks ----------------------------------------------------------------------------


class LearningTaskOut(Schema):
    id: int
    customer: Ref
    assignee: Ref
    reason: str
    status: TaskStatus
    due_on: datetime.date
    engagement: int | None
    created_at: datetime.datetime
    done_at: datetime.datetime | None

    @staticmethod
    def resolve_assignee(task: LearningTask) -> dict[str, Any]:
        return {"id": task.assignee_id, "name": task.assignee.full_name}

    @staticmethod
    def resolve_engagement(task: LearningTask) -> int | None:
        return task.engagement_id


class LearningTaskIn(Input):
    customer: Id
    assignee: Id = Field(description="A person outside sales and support.")
    reason: str = Field(min_length=1, max_length=services.MAX_QUOTE)
    due_on: datetime.date


class TaskDoneIn(Input):
    engagement: Id = Field(description="The contact logged with the customer.")


class TaskFilters(Filters):
    assignee: Id | None = None
    status: TaskStatus | None = None


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LearningTaskOut]


TAG_TASKS = ["Learning tasks"]


@router.get(
    "/learning-tasks",
    response=responses(200, TaskPage),
    tags=TAG_TASKS,
    summary="List learning tasks",
)
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict:
    tasks = selectors.learning_task_list(assignee_id=filters.assignee)
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    return page(tasks, filters)


@router.post(
    "/learning-tasks",
    response=responses(201, LearningTaskOut),
    tags=TAG_TASKS,
    summary="Assign a learning task",
)
def create_task(request: HttpRequest, payload: LearningTaskIn) -> Status:
    """Program leads and admins; managers for their reports."""
    require(selectors.can_create_learning_tasks(request.user))
    customer = get_or_invalid(Customer, payload.customer, "customer")
    assignee = get_or_invalid(Person, payload.assignee, "assignee")
    if not request.user.sees_everything and assignee.pk not in report_person_ids(request.user):
        raise ValidationError({"assignee": ["Managers assign learning tasks to their reports."]})
    task = services.learning_task_create(
        customer=customer,
        assignee=assignee,
        reason=payload.reason,
        due_on=payload.due_on,
        by=request.user,
    )
    return Status(201, selectors.get_task_for_user(request.user, task.pk))


@router.post(
    "/learning-tasks/{task_id}/done",
    response=responses(200, LearningTaskOut),
    tags=TAG_TASKS,
    summary="Close a learning task with the contact logged",
)
def complete_task(request: HttpRequest, task_id: Id, payload: TaskDoneIn) -> LearningTask:
    """The assignee, who assigned it, program leads and admins."""
    task = selectors.get_task_for_user(request.user, task_id, write=True)
    engagement = get_or_invalid(Engagement, payload.engagement, "engagement")
    return services.learning_task_complete(task=task, engagement=engagement, by=request.user)
