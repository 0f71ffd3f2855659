"""Two workers picking up the same e-mail at once send it once (PostgreSQL row locks)."""

import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections

from ridealong.notifications import outbox
from ridealong.notifications.models import EmailStatus, OutgoingEmail

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrent row locks need PostgreSQL; SQLite serialises every writer",
)


class SlowBackend(EmailBackend):
    """Takes a moment, so that the other workers arrive while the first is sending."""

    def send_messages(self, messages):
        time.sleep(0.2)
        return super().send_messages(messages)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_workers_sending_the_same_email_send_it_once(settings):
    settings.EMAIL_BACKEND = "ridealong.notifications.tests.test_outbox_concurrency.SlowBackend"
    email = OutgoingEmail.objects.create(key="race", to="max@example.com", subject="S", text="T")
    start = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            start.wait()
            result = outbox.email_send(email_id=email.pk)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["sent"] + ["skipped"] * 7
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
