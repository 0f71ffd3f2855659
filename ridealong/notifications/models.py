"""The outbox of e-mails, personal calendar feed tokens and notification preferences."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

# Retries after a failing send: 1, 2, 4, 8 … minutes, then give up.
MAX_ATTEMPTS = 6


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def due(self, now=None) -> "OutgoingEmailQuerySet":
        """Queued e-mails whose next attempt is now or past."""
        return self.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now or timezone.now())


class OutgoingEmail(models.Model):
    """One e-mail to send, written in the same transaction as the change it tells about.

    The worker sends it after commit. `key` names the event ("assignment:12:seq:3:request"),
    so the same event never produces a second e-mail, however often it is announced.
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True, help_text="An iCalendar invite to attach, if any.")
    ics_method = models.CharField(max_length=20, blank=True, help_text="REQUEST or CANCEL.")
    headers = models.JSONField(
        default=dict, blank=True, help_text="Extra headers, e.g. List-Unsubscribe."
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outgoing_emails",
    )
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.status})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeedToken(models.Model):
    """The secret in a personal calendar feed URL.

    Kept in clear (unlike API tokens) so the page can show the URL again for a second
    calendar app: it only reads one's own seats, and revoking it makes a new one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live feed per login: regenerating revokes the old one first.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_calendar_feed_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.user} ({'revoked' if self.revoked_at else 'active'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class NotificationPreference(models.Model):
    """What a person wants to hear from Ridealong besides their seats' invites."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="notification_preference"
    )
    weekly_nudge = models.BooleanField(
        default=True, help_text="A weekly e-mail with open seats when behind one's standard."
    )
    reminders = models.BooleanField(default=True, help_text="An e-mail the day before a seat.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"preferences of {self.person}"
