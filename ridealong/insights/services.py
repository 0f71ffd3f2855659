"""Writes about notes, insights, reflections, host questions, guides, wall links and learning
tasks. Every write is audited; notes and insights are scored for sentiment; every write of a
note, insight, reflection or host-question reply sends `signals.content_saved` (search indexes
it, in this transaction)."""

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ridealong.core.audit import log_action
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement, Part
from ridealong.insights.models import (
    DigestOptOut,
    GuideQuestion,
    HostQuestion,
    HostReply,
    Insight,
    InsightType,
    LearningTask,
    Note,
    NoteAnswer,
    NotePhoto,
    ProductArea,
    QuestionGuide,
    Reflection,
    Tag,
    TaskStatus,
    WallLink,
)
from ridealong.insights.photos import PhotoRefused, clean_photo
from ridealong.insights.signals import content_deleted, content_saved
from ridealong.language import sentiment
from ridealong.notifications.outbox import email_enqueue
from ridealong.people.models import Person

logger = logging.getLogger(__name__)

MAX_TEXT = 20_000
MAX_QUOTE = 2_000
MAX_TAGS = 10
MAX_QUESTIONS = 20


# --- scoring, and telling the apps above ------------------------------------------------------


def text_for_sentiment(obj: Note | Insight) -> str:
    """What the customer said: a note's answers and free notes (not the guide's questions),
    an insight's quote."""
    if isinstance(obj, Note):
        parts = [a.answer for a in obj.answers.all() if a.answer]
        return "\n".join([*parts, obj.free_text or ""]).strip()
    return obj.text


def sentiment_score_object(obj: Note | Insight) -> sentiment.SentimentScore:
    """Score `obj` and store the result on it (an UPDATE of the two fields only, so that it
    neither touches `updated_at` nor calls save hooks again)."""
    value = sentiment.score_one(text_for_sentiment(obj))
    obj.sentiment = value.label
    obj.sentiment_score = value.score
    if obj.pk:
        type(obj)._default_manager.filter(pk=obj.pk).update(
            sentiment=value.label, sentiment_score=value.score
        )
    return value


def sentiment_score_queryset(queryset: Any, *, only_missing: bool = True) -> int:
    """Score many notes or insights (e.g. after an import); returns how many were scored."""
    if only_missing:
        queryset = queryset.filter(sentiment__isnull=True)
    count = 0
    for obj in queryset.iterator(chunk_size=500):
        sentiment_score_object(obj)
        count += 1
    return count


def _score(obj: Note | Insight) -> None:
    sentiment_score_object(obj)


def _index(obj: Note | Insight | Reflection | HostQuestion) -> None:
    """Tell the apps above (search) that the object was written; inside this transaction."""
    content_saved.send(sender=type(obj), instance=obj)


def _unindex(obj: Note | Insight | Reflection) -> None:
    content_deleted.send(sender=type(obj), instance=obj)


# --- e-mail ------------------------------------------------------------------------------------


def send_email(
    *,
    key: str,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """E-mail each address through the notifications outbox (retried, and once per `key`).
    The outbox keeps no extra headers yet, so `headers` (List-Unsubscribe) are not sent; they
    never were while the notifications app was installed."""
    to = [address for address in to if address]
    for address in to:
        email_enqueue(
            key=f"{key}:{address}", to=address, subject=subject, text=text, html=html or ""
        )


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# --- validation helpers ------------------------------------------------------------------------


def _check_text(
    errors: dict[str, list[str]], field: str, value: str, *, limit: int, required: str = ""
) -> None:
    if "\x00" in value:
        errors.setdefault(field, []).append("Null characters are not allowed.")
    elif len(value) > limit:
        errors.setdefault(field, []).append(
            f"At most {limit} characters, please (this has {len(value)})."
        )
    elif required and not value.strip():
        errors.setdefault(field, []).append(required)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def participation_of(engagement: Engagement, person: Person | None) -> str | None:
    """The person's part in the engagement, or None (uses the prefetched participations)."""
    if person is None:
        return None
    for p in engagement.participations.all():
        if p.person_id == person.pk:
            return p.part
    return None


# --- question guides ---------------------------------------------------------------------------


@transaction.atomic
def guide_update(
    *, guide: QuestionGuide, intro: str, questions: Sequence[str], by: Any
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


def guide_create(*, kind: Any, by: Any) -> QuestionGuide:
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
    by: Any,
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
    _score(note)
    _index(note)
    return note


@transaction.atomic
def note_photo_add(*, note: Note, data: bytes, caption: str, by: Any) -> NotePhoto:
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
def note_photo_delete(*, photo: NotePhoto, by: Any) -> None:
    note = photo.note
    photo.image.delete(save=False)
    photo.delete()
    log_action("insights.note.photo_deleted", actor=by, target=note)


# --- insights ----------------------------------------------------------------------------------


def _tag_names(tags: Sequence[str]) -> list[str]:
    names = []
    for tag in tags:
        name = " ".join(tag.strip().lower().lstrip("#").split())[:50]
        if name and name not in names:
            names.append(name)
    return names


def _validate_insight(
    *,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None,
    tags: Sequence[str],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "text", text, limit=MAX_QUOTE, required="Write or paste the quote.")
    if type not in InsightType.values:
        errors.setdefault("type", []).append(f"“{type}” is not a type of insight.")
    if customer is None:
        errors.setdefault("customer", []).append("Say which customer said it.")
    if contact is not None and customer is not None and contact.customer_id != customer.pk:
        errors.setdefault("contact", []).append(f"{contact} is not at {customer}.")
    if len(_tag_names(tags)) > MAX_TAGS:
        errors.setdefault("tags", []).append(f"At most {MAX_TAGS} tags, please.")
    for tag in tags:
        if "\x00" in tag:
            errors.setdefault("tags", []).append("Null characters are not allowed.")
    return errors


def _set_tags(insight: Insight, tags: Sequence[str]) -> None:
    names = _tag_names(tags)
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name], _ = Tag.objects.get_or_create(name=name)
    insight.tags.set([existing[name] for name in names])


@transaction.atomic
def insight_create(
    *,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None = None,
    engagement: Engagement | None = None,
    note: Note | None = None,
    product_area: ProductArea | None = None,
    tags: Sequence[str] = (),
    author: Person | None,
    by: Any,
) -> Insight:
    """A quotable piece of what a customer said. From a note, its engagement and customer
    come along unless given."""
    if note is not None:
        engagement = engagement or note.engagement
    if engagement is not None and customer is None:
        customer = engagement.customer
    errors = _validate_insight(text=text, type=type, customer=customer, contact=contact, tags=tags)
    if (
        engagement is not None
        and customer is not None
        and engagement.customer_id
        not in {
            None,
            customer.pk,
        }
    ):
        errors.setdefault("customer", []).append("The contact was with another customer.")
    _raise(errors)
    insight = Insight.objects.create(
        text=text.strip(),
        type=type,
        customer=customer,
        contact=contact,
        engagement=engagement,
        note=note,
        product_area=product_area,
        author=author,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _set_tags(insight, tags)
    log_action("insights.insight.created", actor=by, target=insight, changes={"type": type})
    _score(insight)
    _index(insight)
    return insight


@transaction.atomic
def insight_update(
    *,
    insight: Insight,
    text: str,
    type: str,
    customer: Customer | None,
    contact: Contact | None,
    product_area: ProductArea | None,
    tags: Sequence[str],
    by: Any,
) -> Insight:
    _raise(_validate_insight(text=text, type=type, customer=customer, contact=contact, tags=tags))
    changes = {}
    for field, value in (("text", text.strip()), ("type", type)):
        if getattr(insight, field) != value:
            changes[field] = [getattr(insight, field), value]
            setattr(insight, field, value)
    insight.customer = customer
    insight.contact = contact
    insight.product_area = product_area
    insight.save()
    _set_tags(insight, tags)
    log_action("insights.insight.updated", actor=by, target=insight, changes=changes)
    _score(insight)
    _index(insight)
    return insight


@transaction.atomic
def insight_delete(*, insight: Insight, by: Any) -> None:
    log_action("insights.insight.deleted", actor=by, target=insight)
    _unindex(insight)
    insight.delete()


# --- reflections -------------------------------------------------------------------------------


@transaction.atomic
def reflection_save(
    *, engagement: Engagement, person: Person, learned: str, do_differently: str, by: Any
) -> Reflection:
    """The participant's reflection on the engagement (created, or changed if it exists)."""
    errors: dict[str, list[str]] = {}
    if participation_of(engagement, person) is None:
        errors.setdefault("person", []).append("Only people who took part reflect on it.")
    _check_text(errors, "learned", learned, limit=MAX_TEXT, required="Say what you learned.")
    _check_text(
        errors,
        "do_differently",
        do_differently,
        limit=MAX_TEXT,
        required="Say what you will do differently.",
    )
    _raise(errors)
    reflection, created = Reflection.objects.get_or_create(
        engagement=engagement,
        person=person,
        defaults={"learned": learned.strip(), "do_differently": do_differently.strip()},
    )
    if not created:
        reflection.learned = learned.strip()
        reflection.do_differently = do_differently.strip()
        reflection.updated_at = timezone.now()
        reflection.save()
    log_action(
        "insights.reflection.created" if created else "insights.reflection.updated",
        actor=by,
        target=reflection,
    )
    _index(reflection)
    return reflection


# --- questions to the host ---------------------------------------------------------------------


def _question_url(question: HostQuestion) -> str:
    return absolute(reverse("insights:question", kwargs={"pk": question.pk}))


@transaction.atomic
def host_question_ask(
    *, engagement: Engagement, asked_by: Person, text: str, host: Person | None = None, by: Any
) -> HostQuestion:
    """An observer asks the host "why was this done this way?"; the host is e-mailed."""
    errors: dict[str, list[str]] = {}
    hosts = [p.person for p in engagement.participations.all() if p.part in {Part.HOST, Part.LEAD}]
    if host is None:
        host = next((p for p in hosts if p.pk != asked_by.pk), None)
    if participation_of(engagement, asked_by) is None:
        errors.setdefault("asked_by", []).append("Only people who took part ask the host.")
    if host is None or host.pk == asked_by.pk:
        errors.setdefault("host", []).append("This contact has no host (other than you) to ask.")
    elif host.pk not in {p.pk for p in hosts}:
        errors.setdefault("host", []).append(f"{host} did not host this contact.")
    _check_text(errors, "text", text, limit=MAX_QUOTE, required="Write your question.")
    _raise(errors)
    question = HostQuestion.objects.create(
        engagement=engagement, asked_by=asked_by, host=host, text=text.strip()
    )
    log_action("insights.host_question.asked", actor=by, target=question)
    send_email(
        key=f"insights.host_question.{question.pk}",
        to=[host.email],
        subject=f"{asked_by.full_name} asks about {engagement.summary}",
        text=(
            f"{asked_by.full_name} joined you on “{engagement.summary}” and asks:\n\n"
            f"{question.text}\n\nAnswer here: {_question_url(question)}\n"
        ),
    )
    _index(question)
    return question


@transaction.atomic
def host_reply_add(*, question: HostQuestion, author: Person, text: str, by: Any) -> HostReply:
    """A message in the thread, by the host or the asker; the other one is e-mailed."""
    errors: dict[str, list[str]] = {}
    if author.pk not in {question.host_id, question.asked_by_id}:
        errors.setdefault("author", []).append("Only the host and who asked write in the thread.")
    _check_text(errors, "text", text, limit=MAX_TEXT, required="Write your answer.")
    _raise(errors)
    reply = HostReply.objects.create(question=question, author=author, text=text.strip())
    if author.pk == question.host_id and question.answered_at is None:
        question.answered_at = reply.created_at
        question.save(update_fields=["answered_at"])
    log_action("insights.host_question.replied", actor=by, target=question)
    other = question.asked_by if author.pk == question.host_id else question.host
    send_email(
        key=f"insights.host_reply.{reply.pk}",
        to=[other.email],
        subject=f"{author.full_name} replied: {question.text[:60]}",
        text=(
            f"{author.full_name} wrote:\n\n{reply.text}\n\nThe thread: {_question_url(question)}\n"
        ),
    )
    _index(question)
    return reply


# --- the customer wall -------------------------------------------------------------------------


@transaction.atomic
def wall_link_create(*, name: str, by: Any) -> WallLink:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "name", name, limit=100, required="Name the screen, e.g. Canteen TV.")
    _raise(errors)
    link = WallLink.objects.create(name=name.strip(), created_by=by)
    log_action("insights.wall_link.created", actor=by, target=link)
    return link


@transaction.atomic
def wall_link_revoke(*, link: WallLink, by: Any) -> WallLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        log_action("insights.wall_link.revoked", actor=by, target=link)
    return link


def wall_link_seen(*, link: WallLink) -> None:
    """Remember when a screen last fetched (not audited: it happens every minute)."""
    now = timezone.now()
    if link.last_seen_at is None or now - link.last_seen_at > datetime.timedelta(minutes=5):
        WallLink.objects.filter(pk=link.pk).update(last_seen_at=now)


# --- learning tasks ----------------------------------------------------------------------------


@transaction.atomic
def learning_task_create(
    *,
    customer: Customer,
    assignee: Person,
    reason: str,
    due_on: datetime.date,
    by: Any,
) -> LearningTask:
    """Ask someone outside sales and support to call or visit the customer; they're e-mailed."""
    from ridealong.insights.selectors import is_outside_sales_and_support

    errors: dict[str, list[str]] = {}
    if not assignee.is_active:
        errors.setdefault("assignee", []).append(f"{assignee} is no longer active.")
    elif not is_outside_sales_and_support(assignee):
        errors.setdefault("assignee", []).append(
            f"{assignee} works in sales or support; pick someone who rarely meets customers."
        )
    _check_text(errors, "reason", reason, limit=MAX_QUOTE, required="Say why this customer.")
    if due_on < timezone.localdate():
        errors.setdefault("due_on", []).append("The due date is in the past.")
    _raise(errors)
    task = LearningTask.objects.create(
        customer=customer, assignee=assignee, reason=reason.strip(), due_on=due_on, created_by=by
    )
    log_action(
        "insights.learning_task.created",
        actor=by,
        target=task,
        changes={"assignee": str(assignee), "customer": str(customer)},
    )
    url = absolute(reverse("insights:tasks"))
    send_email(
        key=f"insights.learning_task.{task.pk}",
        to=[assignee.email],
        subject=f"A learning task: call or visit {customer.name}",
        text=(
            f"You are asked to call or visit {customer.name} by {due_on:%d %B %Y} and log what "
            f"you learned.\n\nWhy: {task.reason}\n\nYour learning tasks: {url}\n"
        ),
    )
    return task


@transaction.atomic
def learning_task_complete(*, task: LearningTask, engagement: Engagement, by: Any) -> LearningTask:
    errors: dict[str, list[str]] = {}
    if engagement.customer_id != task.customer_id:
        errors.setdefault("engagement", []).append(f"That contact was not with {task.customer}.")
    if task.status != TaskStatus.OPEN:
        errors.setdefault("status", []).append("This learning task is no longer open.")
    _raise(errors)
    task.status = TaskStatus.DONE
    task.engagement = engagement
    task.done_at = timezone.now()
    task.save()
    log_action("insights.learning_task.done", actor=by, target=task)
    return task


@transaction.atomic
def learning_task_cancel(*, task: LearningTask, by: Any) -> LearningTask:
    if task.status == TaskStatus.OPEN:
        task.status = TaskStatus.CANCELLED
        task.save(update_fields=["status"])
        log_action("insights.learning_task.cancelled", actor=by, target=task)
    return task


# --- digest opt-out ----------------------------------------------------------------------------


def digest_opt_out(*, person: Person, by: Any = None) -> None:
    _, created = DigestOptOut.objects.get_or_create(person=person)
    if created:
        log_action("insights.digest.opted_out", actor=by, target=person)


def digest_opt_in(*, person: Person, by: Any = None) -> None:
    deleted, _ = DigestOptOut.objects.filter(person=person).delete()
    if deleted:
        log_action("insights.digest.opted_in", actor=by, target=person)


# --- reflection reminders ----------------------------------------------------------------------


def remind_reflections(*, now: datetime.datetime | None = None) -> int:
    """E-mail each participant whose reflection is missing two days after the contact; once
    per participant per engagement (ReflectionReminder), so running it again sends nothing."""
    from ridealong.insights.models import ReflectionReminder
    from ridealong.insights.selectors import reflections_due

    sent = 0
    for participation in reflections_due(now or timezone.now()):
        person, engagement = participation.person, participation.engagement
        with transaction.atomic():
            _, created = ReflectionReminder.objects.get_or_create(
                engagement=engagement, person=person
            )
            if not created:
                continue
            url = absolute(reverse("insights:reflection", kwargs={"pk": engagement.pk}))
            send_email(
                key=f"insights.reflection_reminder.{engagement.pk}.{person.pk}",
                to=[person.email],
                subject=f"What did you learn? {engagement.summary}",
                text=(
                    f"Hello {person.first_name},\n\nYou took part in “{engagement.summary}” on "
                    f"{timezone.localtime(engagement.started_at):%d %B}. Two lines help everyone "
                    f"learn from it: what you learned, and what you will do differently.\n\n"
                    f"{url}\n"
                ),
            )
        sent += 1
    return sent
