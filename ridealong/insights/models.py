"""What customers said and what we learned: question guides, notes (with answers and photos),
insights (quotable passages), reflections, questions to the host, the customer wall's links,
learning tasks for unhappy customers, and the weekly digest's bookkeeping."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from ridealong.core.choices import Sentiment


class SentimentFields(models.Model):
    """Filled by sentiment scoring on every write; NULL until scored."""

    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, null=True, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True, help_text="From -1 to 1.")

    class Meta:
        abstract = True


def _score_in_range(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(sentiment_score__isnull=True)
        | (models.Q(sentiment_score__gte=-1) & models.Q(sentiment_score__lte=1)),
        name=name,
    )


class QuestionGuide(models.Model):
    """The questions to ask in one kind of contact (one guide per kind)."""

    kind = models.OneToOneField(
        "engagements.ContactKind", on_delete=models.CASCADE, related_name="guide"
    )
    intro = models.TextField(blank=True, help_text="A line on how to use the questions.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind__position", "kind__name"]

    def __str__(self) -> str:
        return f"Guide for {self.kind}"


class GuideQuestion(models.Model):
    guide = models.ForeignKey(QuestionGuide, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["guide", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Note(SentimentFields):
    """A participant's notes on an engagement: the guide's answers plus free notes.

    One per participant per engagement; saved as a draft while typed (autosave)."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="insight_notes"
    )
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="notes")
    free_text = models.TextField("free notes", blank=True)
    is_draft = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint("engagement", "author", name="note_once_per_participant"),
            _score_in_range("note_sentiment_score_in_range"),
        ]

    def __str__(self) -> str:
        return f"Notes by {self.author} on {self.engagement}"

    @property
    def text(self) -> str:
        """Everything written, for search and sentiment: answers then free notes."""
        parts = [f"{a.question_text}\n{a.answer}" for a in self.answers.all() if a.answer]
        if self.free_text:
            parts.append(self.free_text)
        return "\n\n".join(parts)


class NoteAnswer(models.Model):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        GuideQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The question as it was asked: guides change, notes keep their wording.
    question_text = models.CharField(max_length=300)
    answer = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["note", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                "note",
                "question",
                condition=models.Q(question__isnull=False),
                name="note_answer_once_per_question",
            ),
        ]

    def __str__(self) -> str:
        return self.question_text


class NotePhoto(models.Model):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="notes/")
    caption = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["note", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class ProductArea(models.Model):
    """A small catalog of product areas an insight may be about."""

    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="product_area_name_unique",
                violation_error_message="A product area with this name already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)  # stored lower-case

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InsightType(models.TextChoices):
    PAIN = "pain", "Pain"
    GAIN = "gain", "Gain"
    OBJECTION = "objection", "Objection"
    IDEA = "idea", "Idea"
    PRAISE = "praise", "Praise"
    QUESTION = "question", "Question"
    REQUEST = "request", "Request"


# Types that count as a negative signal from a customer (the unhappy-customers ranking).
NEGATIVE_TYPES = (InsightType.PAIN, InsightType.OBJECTION)


class InsightQuerySet(models.QuerySet["Insight"]):
    def with_related(self) -> "InsightQuerySet":
        return self.select_related(
            "customer", "contact", "author", "product_area", "engagement__kind"
        ).prefetch_related("tags")


class Insight(SentimentFields):
    """A quotable piece of what a customer said, with its type and where it came from."""

    text = models.TextField("quote")
    type = models.CharField(max_length=20, choices=InsightType.choices)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="insights"
    )
    contact = models.ForeignKey(
        "customers.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="insights",
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="insights",
    )
    note = models.ForeignKey(
        Note, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    product_area = models.ForeignKey(
        ProductArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="insights")
    author = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = InsightQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=InsightType.values), name="insight_type_known"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="insight_text_not_empty"),
            _score_in_range("insight_sentiment_score_in_range"),
        ]
        indexes = [models.Index(fields=["customer", "created_at"])]

    def __str__(self) -> str:
        return self.text[:80]


class Reflection(models.Model):
    """What a participant learned, and what they will do differently (one per engagement)."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="reflections"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="reflections"
    )
    learned = models.TextField("what I learned")
    do_differently = models.TextField("what I will do differently")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint("engagement", "person", name="reflection_once_per_participant"),
        ]

    def __str__(self) -> str:
        return f"Reflection by {self.person} on {self.engagement}"

    @property
    def text(self) -> str:
        return f"{self.learned}\n\n{self.do_differently}"


class ReflectionReminder(models.Model):
    """A reminder sent for a missing reflection: at most one per participant per engagement."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("engagement", "person", name="reflection_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.person_id} about {self.engagement_id}"


class HostQuestion(models.Model):
    """An observer asks the host why something was done the way it was."""

    engagement = models.ForeignKey(
        "engagements.Engagement", on_delete=models.CASCADE, related_name="host_questions"
    )
    asked_by = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="host_questions_asked"
    )
    host = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="host_questions_received"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(asked_by=models.F("host")), name="host_question_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class HostReply(models.Model):
    """A message in a host question's thread (the host's answer, or a follow-up)."""

    question = models.ForeignKey(HostQuestion, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def new_wall_token() -> str:
    return secrets.token_urlsafe(24)


class WallLink(models.Model):
    """A revocable read-only link to the customer wall, for an office or plant TV."""

    name = models.CharField(max_length=100, help_text="Where the screen is, e.g. Canteen TV.")
    token = models.CharField(max_length=64, unique=True, default=new_wall_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class LearningTask(models.Model):
    """Someone outside sales and support calls or visits an unhappy customer and logs it."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="learning_tasks"
    )
    assignee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="learning_tasks"
    )
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_on = models.DateField()
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_tasks",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(engagement__isnull=False),
                name="learning_task_done_has_engagement",
                violation_error_message="A done learning task names the contact it led to.",
            ),
        ]

    def __str__(self) -> str:
        return f"Learn from {self.customer}"


class DigestOptOut(models.Model):
    """A person who does not want the weekly team digest."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="digest_opt_out"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.person_id)


class DigestSent(models.Model):
    """One digest per team per week: the record that makes sending idempotent."""

    department = models.ForeignKey("people.Department", on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("department", "week_start", name="digest_once_per_team_week"),
        ]

    def __str__(self) -> str:
        return f"Digest {self.department_id} {self.week_start}"
