"""Surveys sent to customers' contacts through single-use links, their answers, and the
follow-ups that send a colleague from outside sales and support to the unhappy ones.

Invitation tokens are never stored: only their SHA-256 digest, which the public page looks
up. The raw token exists in the e-mail (or the CSV of links) and nowhere else.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from ridealong.core.choices import Sentiment


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True, help_text="Shown above the questions.")
    thank_you = models.TextField(
        "thank-you message", default="Thank you — your answer helps us get better."
    )
    status = models.CharField(max_length=10, choices=SurveyStatus.choices, default="draft")
    link_valid_days = models.PositiveSmallIntegerField(
        default=30, help_text="How long a personal link can be answered."
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        default=7, help_text="Remind those who have not answered after this many days (0: never)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(link_valid_days__gte=1) & models.Q(link_valid_days__lte=365),
                name="survey_link_valid_1_to_365_days",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class QuestionKind(models.TextChoices):
    NPS = "nps", "NPS (0–10)"
    CSAT = "csat", "CSAT (1–5)"
    RATING = "rating", "Rating (1–N)"
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    TEXT = "text", "Open text"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    choices = models.JSONField(default=list, blank=True, help_text="Options of a choice question.")
    scale_max = models.PositiveSmallIntegerField(default=5, help_text="Top of a rating scale.")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gte=2) & models.Q(scale_max__lte=10),
                name="question_rating_scale_2_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale(self) -> list[int]:
        if self.kind == QuestionKind.NPS:
            return list(range(0, 11))
        if self.kind == QuestionKind.CSAT:
            return list(range(1, 6))
        if self.kind == QuestionKind.RATING:
            return list(range(1, self.scale_max + 1))
        return []

    @property
    def is_scale(self) -> bool:
        return self.kind in {QuestionKind.NPS, QuestionKind.CSAT, QuestionKind.RATING}


class InvitationChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    LINK = "link", "Link in a CSV"


class Invitation(models.Model):
    """A contact's personal, single-use link to a survey (only the token's digest is kept)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    email = models.EmailField(blank=True, help_text="Where it was sent.")
    channel = models.CharField(max_length=10, choices=InvitationChannel.choices)
    token_digest = models.CharField(max_length=64, unique=True)
    # A reminder carries a fresh link; the first one keeps working too.
    reminder_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint("survey", "contact", name="invitation_once_per_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.contact}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class SurveyOptOut(models.Model):
    """A contact who unsubscribed from survey e-mails (from a link in one of them)."""

    contact = models.OneToOneField(
        "customers.Contact", on_delete=models.CASCADE, related_name="survey_opt_out"
    )
    at = models.DateTimeField(default=timezone.now)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.contact} (unsubscribed)"


class Response(models.Model):
    """One contact's submitted answers. One per invitation, enforced by the database."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="survey_responses"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    nps = models.PositiveSmallIntegerField(null=True, blank=True)
    csat = models.PositiveSmallIntegerField(null=True, blank=True)
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, null=True, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    is_detractor = models.BooleanField(default=False)
    detractor_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact} on {self.survey}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, null=True, blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint("response", "question", name="answer_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.display}"

    @property
    def display(self) -> str:
        if self.number is not None:
            return str(self.number)
        if self.choices:
            return ", ".join(str(c) for c in self.choices)
        return self.text


# --- the closed loop -------------------------------------------------------------------------


class RoutingKind(models.TextChoices):
    ROTATION = "rotation", "Rotation among volunteers"
    DEPARTMENT = "department", "Anyone in a department"


class RoutingRule(models.Model):
    """Who follows up an unhappy answer. The first active rule that finds someone wins."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=RoutingKind.choices)
    volunteers = models.ManyToManyField("people.Person", blank=True, related_name="+")
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    weekly_max = models.PositiveSmallIntegerField(
        default=2, help_text="Follow-ups a person takes per week at most."
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    last_assigned = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="department") | models.Q(department__isnull=False),
                name="routing_department_rule_names_department",
            ),
            models.CheckConstraint(
                condition=models.Q(weekly_max__gte=1), name="routing_weekly_max_at_least_1"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    LEARNED = "learned", "Learned something"
    ESCALATED = "escalated", "Escalated"
    NO_ANSWER = "no_answer", "No answer"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class FollowUp(models.Model):
    """A colleague outside sales and support calls or visits a detractor to learn."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="follow_up")
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="survey_follow_ups"
    )
    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="survey_follow_ups"
    )
    assignee = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_follow_ups",
    )
    rule = models.ForeignKey(
        RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=FollowUpStatus.choices, default="open")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField()
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_follow_ups",
    )
    first_contact_at = models.DateTimeField(null=True, blank=True)
    reflection = models.TextField(blank=True, help_text="What I learned.")
    do_differently = models.TextField(blank=True, help_text="What I (or we) will do differently.")
    insight_reflection = models.ForeignKey(
        "insights.Reflection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_follow_ups",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(outcome=""),
                name="follow_up_done_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Follow-up: {self.contact} at {self.customer}"

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at <= timezone.now()


# --- webhooks --------------------------------------------------------------------------------


class WebhookEvent(models.TextChoices):
    RESPONSE = "survey.response", "New response"
    DETRACTOR = "survey.detractor", "Detractor"


class Webhook(models.Model):
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, help_text="Signs each body (HMAC-SHA256).")
    on_response = models.BooleanField("on every new response", default=True)
    on_detractor = models.BooleanField("on detractors", default=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"
    REFUSED = "refused", "Refused"


class WebhookDelivery(models.Model):
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookEvent.choices)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default="pending")
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook}"


class PublicHit(models.Model):
    """A request to the public survey pages, kept for the per-address rate limit's window.

    In the database so every worker sees the same count (as accounts.LoginFailure)."""

    key = models.CharField(max_length=64)
    failed = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"])]

    def __str__(self) -> str:
        return f"{self.key} at {self.at:%H:%M:%S}"
