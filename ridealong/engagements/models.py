"""Kinds of contact (an extendable catalog) and engagements: contacts that happened."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Practice(models.TextChoices):
    """The practices of PRODUCT.md a kind of contact belongs to."""

    RIDE_ALONG = "ride_along", "Ride-along"
    SUPPORT = "support", "Support listening and shifts"
    VISIT = "visit", "Visit"
    CONVERSATION = "conversation", "Conversation"
    SURVEY = "survey", "Survey follow-up"
    SECRET_SHOPPER = "secret_shopper", "Secret-shopper call"
    ROLE_PLAY = "role_play", "Role-play"
    WORKSHOP = "workshop", "Workshop"
    OTHER = "other", "Other"


class ContactKind(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    practice = models.CharField(max_length=20, choices=Practice.choices, default=Practice.OTHER)
    is_live = models.BooleanField(
        "live customer contact",
        default=True,
        help_text="Real customers, in real time (not a role-play or a workshop).",
    )
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="contact_kind_name_unique",
                violation_error_message="A kind of contact with this name already exists.",
                violation_error_code="unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EngagementChannel(models.TextChoices):
    ON_SITE = "on_site", "On site"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"


class Part(models.TextChoices):
    HOST = "host", "Host"
    LEAD = "lead", "Lead"
    OBSERVER = "observer", "Observer"


MAX_DURATION_MINUTES = 24 * 60


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def with_related(self) -> "EngagementQuerySet":
        return self.select_related("kind", "customer").prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person").order_by("part", "id"),
            )
        )

    def involving(self, person_ids: set[int] | list[int]) -> "EngagementQuerySet":
        return self.filter(participations__person_id__in=person_ids).distinct()


class Engagement(models.Model):
    """A customer contact that happened: who, which customer, what kind, when, how long."""

    kind = models.ForeignKey(ContactKind, on_delete=models.PROTECT, related_name="engagements")
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    contacts = models.ManyToManyField("customers.Contact", blank=True, related_name="engagements")
    started_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveIntegerField()
    channel = models.CharField(
        max_length=20, choices=EngagementChannel.choices, default=EngagementChannel.ON_SITE
    )
    place = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1)
                & models.Q(duration_minutes__lte=MAX_DURATION_MINUTES),
                name="engagement_duration_between_1_minute_and_24_hours",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def ended_at(self) -> datetime.datetime:
        return self.started_at + datetime.timedelta(minutes=self.duration_minutes)


class Participation(models.Model):
    """A person's part in an engagement. Their exposure time is the engagement's duration."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="participations"
    )
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.OBSERVER)

    class Meta:
        ordering = ["engagement", "part", "id"]
        constraints = [
            models.UniqueConstraint(
                "engagement", "person", name="participation_once_per_engagement"
            ),
        ]
        indexes = [models.Index(fields=["person", "engagement"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_part_display()})"
