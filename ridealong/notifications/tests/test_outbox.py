"""The outbox: sent after commit, once per key, retried with backoff, given up on in the end."""

import datetime
import email as email_lib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ridealong.notifications import ical, outbox
from ridealong.notifications.models import MAX_ATTEMPTS, EmailStatus, OutgoingEmail
from ridealong.notifications.tasks import send_email

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """Fails the first `failures` sends (class-wide), then delivers to mail.outbox."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        FlakyBackend.calls += 1
        if FlakyBackend.calls <= FlakyBackend.failures:
            raise ConnectionRefusedError("SMTP server is down")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "ridealong.notifications.tests.test_outbox.FlakyBackend"
    FlakyBackend.calls = 0

    def failing(times: int) -> type[FlakyBackend]:
        FlakyBackend.failures = times
        return FlakyBackend

    return failing


def enqueue(key="assignment:1:seq:0:request", **extra):
    values = {"to": "max@example.com", "subject": "Your seat", "text": "Hello Max"}
    values.update(extra)
    return outbox.email_enqueue(key=key, **values)


def test_it_sends_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email, created = enqueue()
        assert created
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["max@example.com"]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert email.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_it_sends_nothing_when_the_transaction_rolls_back():
    class Boom(Exception):
        pass

    def change_then_fail() -> None:
        with transaction.atomic():
            enqueue()
            raise Boom

    with pytest.raises(Boom):
        change_then_fail()
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_sends_on_a_real_commit():
    with transaction.atomic():
        enqueue()
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_the_same_key_is_stored_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = enqueue()
        second, created_second = enqueue(subject="Your seat (again)")
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    assert [m.subject for m in mail.outbox] == ["Your seat"]


def test_a_task_that_runs_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email, _ = enqueue()
    send_email.enqueue(email_id=email.pk)
    outbox.email_send(email_id=email.pk)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_it_retries_with_backoff_after_a_failing_backend(flaky):
    flaky(2)
    email, _ = enqueue()
    start = timezone.now()
    assert outbox.email_send(email_id=email.pk, now=start) == "retry"
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert "SMTP server is down" in email.last_error
    assert email.next_attempt_at == start + datetime.timedelta(minutes=1)
    # Not due yet: a stray task does nothing.
    assert outbox.email_send(email_id=email.pk, now=start) == "skipped"
    second = email.next_attempt_at
    assert outbox.email_send(email_id=email.pk, now=second) == "retry"
    email.refresh_from_db()
    assert email.next_attempt_at == second + datetime.timedelta(minutes=2)
    assert outbox.email_send(email_id=email.pk, now=email.next_attempt_at) == "sent"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 3, "")
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt(flaky):
    flaky(100)
    email, _ = enqueue()
    now = timezone.now()
    outcomes = []
    for _ in range(MAX_ATTEMPTS):
        outcomes.append(outbox.email_send(email_id=email.pk, now=now))
        email.refresh_from_db()
        now = email.next_attempt_at
    assert outcomes == ["retry"] * (MAX_ATTEMPTS - 1) + ["failed"]
    assert email.status == EmailStatus.FAILED
    assert outbox.email_send(email_id=email.pk, now=now + datetime.timedelta(days=1)) == "skipped"
    assert mail.outbox == []


def test_backoff_doubles_and_is_capped():
    assert [outbox.backoff(n).total_seconds() / 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]
    assert outbox.backoff(30) == outbox.BACKOFF_MAX


def test_send_pending_emails_sends_what_is_due(flaky, capsys):
    flaky(0)
    due, _ = enqueue(key="a")
    later, _ = enqueue(key="b")
    OutgoingEmail.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + datetime.timedelta(hours=1)
    )
    call_command("send_pending_emails")
    assert [m.extra_headers["X-Ridealong-Key"] for m in mail.outbox] == ["a"]
    assert "1 sent" in capsys.readouterr().out
    due.refresh_from_db()
    assert due.status == EmailStatus.SENT


def test_a_failed_email_can_be_retried(flaky, cast, django_capture_on_commit_callbacks):
    flaky(0)
    email, _ = enqueue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.email_retry(email=email, by=cast.admin)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_an_invite_carries_method_in_the_content_type_and_an_invite_ics_attachment(
    django_capture_on_commit_callbacks,
):
    meeting = ical.Meeting(
        uid="u@x",
        sequence=3,
        start=datetime.datetime(2026, 5, 4, 7, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 5, 4, 8, tzinfo=datetime.UTC),
        summary="Grüße 🍫",
        organizer=ical.Party("host@example.com", "Hanna"),
        attendee=ical.Party("max@example.com", "Max"),
    )
    data = ical.invite(meeting, time_zone="Europe/Berlin", stamp=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(ics=data, method="REQUEST", html="<p>Hello Max</p>")
    parsed = email_lib.message_from_bytes(mail.outbox[0].message().as_bytes())
    assert parsed.get_content_type() == "multipart/mixed"
    parts = list(parsed.walk())
    types = [p.get_content_type() for p in parts]
    assert "multipart/alternative" in types
    calendar_part = next(p for p in parts if p.get_content_type() == "text/calendar")
    assert calendar_part.get_param("method") == "REQUEST"
    assert calendar_part.get_content_charset() == "utf-8"
    assert b"METHOD:REQUEST" in calendar_part.get_payload(decode=True)
    assert "Grüße 🍫".encode() in calendar_part.get_payload(decode=True).replace(b"\r\n ", b"")
    attachment = next(p for p in parts if p.get_filename() == "invite.ics")
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_payload(decode=True) == data


def test_an_email_without_an_address_is_failed_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email, created = enqueue(to="  ")
    assert created
    assert (email.status, email.last_error) == (EmailStatus.FAILED, "No e-mail address.")
    assert mail.outbox == []


def test_subjects_become_one_line_and_nul_characters_are_dropped(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email, _ = enqueue(subject="Your seat\r\nBcc: evil@example.com", text="Hi\x00 Max")
    assert email.subject == "Your seat Bcc: evil@example.com"
    assert mail.outbox[0].body == "Hi Max"
    assert mail.outbox[0].bcc == []


def test_a_retry_is_deferred_on_the_database_queue(
    settings, flaky, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    flaky(1)
    email, _ = enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.email_send(email_id=email.pk) == "retry"
    email.refresh_from_db()
    (queued,) = DBTaskResult.objects.all()
    assert queued.run_after == email.next_attempt_at
    assert queued.args_kwargs["kwargs"] == {"email_id": email.pk}


class ReentrantBackend(EmailBackend):
    """While sending, a second worker tries the same e-mail."""

    seen: list[str] = []

    def send_messages(self, messages):
        key = messages[0].extra_headers["X-Ridealong-Key"]
        email = OutgoingEmail.objects.get(key=key)
        ReentrantBackend.seen.append(outbox.email_send(email_id=email.pk))
        return super().send_messages(messages)


def test_a_second_worker_skips_an_email_being_sent(settings):
    settings.EMAIL_BACKEND = "ridealong.notifications.tests.test_outbox.ReentrantBackend"
    ReentrantBackend.seen = []
    email, _ = enqueue()
    assert outbox.email_send(email_id=email.pk) == "sent"
    assert ReentrantBackend.seen == ["skipped"]
    assert len(mail.outbox) == 1


def test_extra_headers_are_kept_on_one_line_and_sent(django_capture_on_commit_callbacks):
    from ridealong.notifications.outbox import email_enqueue

    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(
            key="headers-test",
            to="max@example.com",
            subject="Hello",
            text="Body",
            headers={"List-Unsubscribe": "<https://example.com/out>\r\nBcc: evil@example.com"},
        )

    assert email.headers == {"List-Unsubscribe": "<https://example.com/out> Bcc: evil@example.com"}
    sent = [m for m in mail.outbox if m.to == ["max@example.com"]]
    assert sent[-1].extra_headers["List-Unsubscribe"].startswith("<https://example.com/out>")
    assert "evil@example.com" not in sent[-1].bcc
