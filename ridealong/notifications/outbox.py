"""The e-mail outbox: written inside the caller's transaction, sent by the worker after commit.

- `email_enqueue` stores the e-mail under an idempotency key (a unique constraint): the same
  event announced twice stores — and so sends — one e-mail.
- After the transaction commits, a task (`send_email`) sends it. Rolled back, nothing is sent.
- A send first claims the e-mail under a row lock (only a queued, due e-mail; the next attempt
  moves a lease ahead), then sends outside any transaction: a task that runs twice, or two
  workers, send it once, and no database lock waits on the mail server.
- A failing send is retried with exponential backoff (1, 2, 4 … minutes) up to MAX_ATTEMPTS,
  then marked failed; `ridealong send_pending_emails` sends whatever is due, for robustness
  (a lost task, a queue that was down, a backend that cannot defer).
"""

from __future__ import annotations

import datetime
import logging
from email.mime.base import MIMEBase
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from ridealong.notifications.models import MAX_ATTEMPTS, EmailStatus, OutgoingEmail

if TYPE_CHECKING:
    from ridealong.accounts.models import User
    from ridealong.people.models import Person

logger = logging.getLogger(__name__)

BACKOFF_BASE = datetime.timedelta(minutes=1)
# A deferred task may start a moment before its run_after by the database's clock.
EARLY_TOLERANCE = datetime.timedelta(seconds=5)
# While one worker sends, the e-mail is not due for others; after this, it is retried.
SEND_LEASE = datetime.timedelta(minutes=10)
BACKOFF_MAX = datetime.timedelta(hours=2)
INVITE_FILENAME = "invite.ics"


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, capped."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


class InviteMessage(EmailMultiAlternatives):
    """An e-mail whose text/calendar alternative names its iTIP method in the Content-Type.

    Outlook shows Accept/Decline only for `text/calendar; method=REQUEST; charset=UTF-8`
    inside multipart/alternative; Google and Apple also read the invite.ics attachment.
    """

    def _create_mime_attachment(self, content: str | bytes, mimetype: str) -> MIMEBase:
        method = None
        if mimetype.startswith("text/calendar;"):
            mimetype, _, params = mimetype.partition(";")
            method = params.split("=", 1)[1].strip()
        # A private hook of EmailMultiAlternatives that django-stubs does not declare.
        part: MIMEBase = super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        if method:
            part.set_param("method", method)
        return part


def build_message(
    email: OutgoingEmail, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    message = InviteMessage(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        connection=connection,
        headers={**email.headers, "X-Ridealong-Key": email.key},
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    if email.ics:
        method = email.ics_method or "REQUEST"
        message.attach_alternative(email.ics, f"text/calendar;method={method}")
        message.attach(INVITE_FILENAME, email.ics.encode(), "application/ics")
    return message


def email_enqueue(
    *,
    key: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    ics: bytes | str | None = None,
    method: str | None = None,
    person: Person | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[OutgoingEmail, bool]:
    """Store an e-mail for the event `key` and send it once the transaction commits.

    Returns (email, created); a key seen before returns the stored e-mail and sends nothing.
    Call it inside the transaction that makes the change, so both commit or neither does.
    """
    if isinstance(ics, bytes):
        ics = ics.decode("utf-8")
    to = (to or "").strip()
    email, created = OutgoingEmail.objects.get_or_create(
        key=key[:200],
        defaults={
            "to": to,
            # One line (a header cannot hold a line break); NUL is refused by PostgreSQL.
            "subject": " ".join(_clean(subject).split())[:300],
            "text": _clean(text),
            "html": _clean(html),
            "ics": _clean(ics or ""),
            "ics_method": (method or ("REQUEST" if ics else "")).upper(),
            "person": person,
            # One line each, like the subject: a header cannot hold a line break.
            "headers": {
                str(name): " ".join(_clean(str(value)).split())
                for name, value in (headers or {}).items()
            },
            **({} if to else {"status": EmailStatus.FAILED, "last_error": "No e-mail address."}),
        },
    )
    if created and email.status == EmailStatus.QUEUED:
        pk = email.pk
        transaction.on_commit(lambda: schedule(pk))
    return email, created


def _clean(text: str) -> str:
    return text.replace("\x00", "")


def schedule(email_id: int, run_after: datetime.datetime | None = None) -> None:
    """Hand the e-mail to the worker; if the queue refuses, the sweep command sends it later."""
    from ridealong.notifications.tasks import send_email

    try:
        if run_after is not None:
            if not send_email.get_backend().supports_defer:
                return  # left for `ridealong send_pending_emails`
            send_email.using(run_after=run_after).enqueue(email_id=email_id)
        else:
            send_email.enqueue(email_id=email_id)
    except Exception:
        logger.exception("Could not queue e-mail %s; send_pending_emails will send it", email_id)


def email_send(*, email_id: int, now: datetime.datetime | None = None) -> str:
    """Send one queued e-mail if it is due. Returns "sent", "retry", "failed" or "skipped".

    The e-mail is claimed under a row lock (attempts + 1, next attempt pushed a lease ahead)
    and sent after that commits, so no lock or transaction is held while the mail server
    answers; a second task or worker finds it not due and skips it. A worker that dies
    mid-send leaves it to be retried when the lease runs out.
    """
    now = now or timezone.now()
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        not_due = email is not None and email.next_attempt_at > now + EARLY_TOLERANCE
        if email is None or email.status != EmailStatus.QUEUED or not_due:
            return "skipped"
        email.attempts += 1
        email.next_attempt_at = now + SEND_LEASE
        email.save(update_fields=["attempts", "next_attempt_at"])
    try:
        connection = get_connection(fail_silently=False)
        build_message(email, connection=connection).send()
    except Exception as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            logger.error("E-mail %s failed %s times: %s", email.key, email.attempts, exc)
            OutgoingEmail.objects.filter(pk=email_id).update(
                status=EmailStatus.FAILED, last_error=error
            )
            return "failed"
        retry_at = now + backoff(email.attempts)
        with transaction.atomic():
            OutgoingEmail.objects.filter(pk=email_id).update(
                next_attempt_at=retry_at, last_error=error
            )
            transaction.on_commit(lambda: schedule(email_id, run_after=retry_at))
        return "retry"
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def send_pending(*, now: datetime.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every queued e-mail that is due (oldest first); counts per outcome."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}
    due = OutgoingEmail.objects.due(now).order_by("next_attempt_at", "id")
    for email_id in list(due.values_list("pk", flat=True)[:limit]):
        counts[email_send(email_id=email_id, now=now)] += 1
    return counts


def email_retry(*, email: OutgoingEmail, by: User | None = None) -> OutgoingEmail:
    """Give a failed e-mail another round of attempts (an admin fixed the mail settings)."""
    from ridealong.core.audit import log_action

    with transaction.atomic():
        updated = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(
            status=EmailStatus.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        if updated:
            log_action("notifications.email.retried", actor=by, target=email)
            transaction.on_commit(lambda: schedule(email.pk))
    email.refresh_from_db()
    return email
