"""Reflections after an engagement, reminders to write them, and questions to the host."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.engagements.models import Engagement, Part
from ridealong.insights.models import HostQuestion, HostReply, Reflection
from ridealong.insights.services.common import (
    MAX_QUOTE,
    MAX_TEXT,
    _check_text,
    _raise,
    absolute,
    announce_saved,
    participation_of,
    send_email,
)
from ridealong.people.models import Person


@transaction.atomic
def reflection_save(
    *,
    engagement: Engagement,
    person: Person,
    learned: str,
    do_differently: str,
    by: User | None,
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
    announce_saved(reflection)
    return reflection


# --- questions to the host ---------------------------------------------------------------------


def _question_url(question: HostQuestion) -> str:
    return absolute(reverse("insights:question", kwargs={"pk": question.pk}))


@transaction.atomic
def host_question_ask(
    *, engagement: Engagement, asked_by: Person, text: str, host: Person | None = None, by: User
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
    assert host is not None  # a missing host is one of the errors above
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
    announce_saved(question)
    return question


@transaction.atomic
def host_reply_add(*, question: HostQuestion, author: Person, text: str, by: User) -> HostReply:
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
    announce_saved(question)
    return reply


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
