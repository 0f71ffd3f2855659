"""Notes on an engagement, their photos, and the question guides they follow."""

from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.engagements.models import Engagement
from ridealong.insights.models import GuideQuestion, Note, NoteAnswer, NotePhoto, QuestionGuide
from ridealong.insights.photos import PhotoRefused, clean_photo
from ridealong.insights.services.common import (
    MAX_QUESTIONS,
    MAX_TEXT,
    _check_text,
    _raise,
    announce_saved,
    participation_of,
    sentiment_score_object,
)
from ridealong.people.models import Person


@transaction.atomic
def guide_update(
    *, guide: QuestionGuide, intro: str, questions: Sequence[str], by: User
) -> QuestionGuide:
    """Replace the guide's questions (one per line, in order); notes keep their wording."""
    texts = [q.strip() for q in questions if q.strip()]
    errors: dict[str, list[str]] = {}
    _check_text(errors, "intro", intro, limit=2000)
    if len(texts) > MAX_QUESTIONS:
        errors.setdefault("questions", []).append(f"At most {MAX_QUESTIONS} questions, please.")
    for text in texts:
        if "\x00" in text:
            errors.setdefault("questions", []).append("Null characters are not allowed.")
        elif len(text) > 300:
            errors.setdefault("questions", []).append(f"“{text[:40]}…” is over 300 characters.")
    _raise(errors)
    before = [q.text for q in guide.questions.all()]
    existing = {q.text: q for q in guide.questions.all()}
    keep: list[int] = []
    for position, text in enumerate(texts):
        question = existing.pop(text, None)
        if question is None:
            question = GuideQuestion.objects.create(guide=guide, text=text, position=position)
        elif question.position != position:
            question.position = position
            question.save(update_fields=["position"])
        keep.append(question.pk)
    guide.questions.exclude(pk__in=keep).delete()
    guide.intro = intro.strip()
    guide.save()
    log_action(
        "insights.guide.updated",
        actor=by,
        target=guide,
        changes={"questions": [before, texts]} if before != texts else {},
    )
    return guide


def guide_create(*, kind: Any, by: User) -> QuestionGuide:
    guide, created = QuestionGuide.objects.get_or_create(kind=kind)
    if created:
        log_action("insights.guide.created", actor=by, target=guide)
    return guide


# --- notes -------------------------------------------------------------------------------------


@transaction.atomic
def note_save(
    *,
    engagement: Engagement,
    author: Person,
    answers: dict[int, str],
    free_text: str,
    draft: bool,
    by: User,
) -> Note:
    """Create or update the author's note on the engagement. `answers` maps guide question
    ids to answers; a draft is an autosave, a final save marks it done."""
    errors: dict[str, list[str]] = {}
    if participation_of(engagement, author) is None:
        errors.setdefault("author", []).append("Only people who took part write notes on it.")
    _check_text(errors, "free_text", free_text, limit=MAX_TEXT)
    for question_id, answer in answers.items():
        _check_text(errors, f"answer_{question_id}", answer, limit=MAX_TEXT)
    _raise(errors)
    note, created = Note.objects.select_for_update().get_or_create(
        engagement=engagement, author=author
    )
    guide = QuestionGuide.objects.filter(kind_id=engagement.kind_id).first()
    questions = {q.pk: q for q in guide.questions.all()} if guide else {}
    current = {a.question_id: a for a in note.answers.all()}
    for question_id, answer in answers.items():
        question = questions.get(question_id)
        row = current.get(question_id)
        if row is not None:
            if row.answer != answer.strip():
                row.answer = answer.strip()
                row.save(update_fields=["answer"])
        elif question is not None and answer.strip():
            NoteAnswer.objects.create(
                note=note,
                question=question,
                question_text=question.text,
                answer=answer.strip(),
                position=question.position,
            )
    note.free_text = free_text.strip()
    was_draft = note.is_draft
    note.is_draft = draft and note.is_draft
    note.updated_at = timezone.now()
    note.save()
    if not draft or created or was_draft != note.is_draft:
        # Autosaves every keystroke pause would flood the trail; log creation and final saves.
        log_action(
            "insights.note.saved" if not draft else "insights.note.drafted",
            actor=by,
            target=note,
        )
    sentiment_score_object(note)
    announce_saved(note)
    return note


@transaction.atomic
def note_photo_add(*, note: Note, data: bytes, caption: str, by: User) -> NotePhoto:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "caption", caption, limit=200)
    try:
        photo = clean_photo(data)
    except PhotoRefused as refused:
        errors.setdefault("photo", []).append(str(refused))
    _raise(errors)
    row = NotePhoto(note=note, caption=caption.strip())
    row.image.save(f"note-{note.pk}.{photo.extension}", ContentFile(photo.content), save=False)
    row.save()
    log_action("insights.note.photo_added", actor=by, target=note)
    return row


@transaction.atomic
def note_photo_delete(*, photo: NotePhoto, by: User) -> None:
    note = photo.note
    photo.image.delete(save=False)
    photo.delete()
    log_action("insights.note.photo_deleted", actor=by, target=note)
