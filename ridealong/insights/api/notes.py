"""Question guides and notes."""

import datetime
from typing import Any

from ninja import Query, Router, Schema
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.api.schemas import Filters, Id, Input, Ref, page, responses
from ridealong.core.choices import Sentiment
from ridealong.insights import selectors, services
from ridealong.insights.models import Note, QuestionGuide

router = Router()


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
def list_guides(request: AuthenticatedHttpRequest, filters: Query[Filters]) -> dict:
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
def list_notes(request: AuthenticatedHttpRequest, filters: Query[NoteFilters]) -> dict:
    notes = _notes()
    if filters.engagement:
        notes = notes.filter(engagement_id=filters.engagement)
    if filters.author:
        notes = notes.filter(author_id=filters.author)
    return page(notes.order_by("-updated_at", "-id"), filters)


@router.get("/notes/{note_id}", response=responses(200, NoteOut), tags=TAG_NOTES, summary="A note")
def read_note(request: AuthenticatedHttpRequest, note_id: Id) -> Note:
    selectors.get_note_for_user(request.user, note_id)
    return _notes().get(pk=note_id)


@router.put(
    "/engagements/{engagement_id}/note",
    response=responses(200, NoteOut),
    tags=TAG_NOTES,
    summary="Save my note on an engagement",
)
def save_note(request: AuthenticatedHttpRequest, engagement_id: Id, payload: NoteIn) -> Note:
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
