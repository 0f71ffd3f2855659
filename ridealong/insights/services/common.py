"""What the insight services share: limits, sentiment scoring, telling search, e-mail, checks."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from ridealong.engagements.models import Engagement
from ridealong.insights.models import HostQuestion, Insight, Note, Reflection
from ridealong.insights.signals import content_deleted, content_saved
from ridealong.language import sentiment
from ridealong.notifications.outbox import email_enqueue
from ridealong.people.models import Person

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


def announce_saved(obj: Note | Insight | Reflection | HostQuestion) -> None:
    """Tell the apps above (search) that the object was written, inside this transaction."""
    content_saved.send(sender=type(obj), instance=obj)


def announce_deleted(obj: Note | Insight | Reflection) -> None:
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
    """E-mail each address through the notifications outbox (retried, and once per `key`),
    with `headers` such as List-Unsubscribe."""
    to = [address for address in to if address]
    for address in to:
        email_enqueue(
            key=f"{key}:{address}",
            to=address,
            subject=subject,
            text=text,
            html=html or "",
            headers=headers,
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
