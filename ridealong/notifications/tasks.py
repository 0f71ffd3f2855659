"""Background work for notifications, run by `ridealong worker`."""

from django_tasks import task


@task()
def send_email(email_id: int) -> str:
    """Send one e-mail from the outbox (once, whatever how often this runs)."""
    from ridealong.notifications.outbox import email_send

    return email_send(email_id=email_id)


@task()
def send_pending_emails() -> dict:
    """Send every queued e-mail that is due (what `ridealong send_pending_emails` does)."""
    from ridealong.notifications.outbox import send_pending

    return send_pending()


@task()
def send_reminders() -> int:
    """Queue reminders for tomorrow's seats (what `ridealong send_reminders` does)."""
    from ridealong.notifications.services import reminders_send

    return reminders_send()


@task()
def send_nudges() -> int:
    """Queue the weekly nudge (what `ridealong send_nudges` does)."""
    from ridealong.notifications.services import nudges_send

    return nudges_send()
