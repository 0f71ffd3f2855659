"""Seats on real customer work: opportunities, their occurrences, and assignments to them.

An Opportunity is what a host offers ("sales call with Acme, 2 seats"), one-off or recurring
(an RFC 5545 RRULE read in the organisation's time zone). Each Occurrence is one dated
instance with its own seats. An Assignment places a person on an occurrence — by signing up
on the board or by the scheduler. Writes go through ridealong.seats.services only.

The last seat cannot be taken twice: services allocate seat numbers 1..seats while holding a
row lock on the occurrence, and the database refuses two active assignments with the same
seat number (or the same person) on one occurrence, whatever the code does.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from ridealong.engagements.models import EngagementChannel

MAX_SEATS = 50
DEFAULT_NEW_HIRE_DAYS = 30


class Eligibility(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    DEPARTMENTS = "departments", "Listed departments (and their sub-departments)"
    NEW_HIRES = "new_hires", "New hires only"
    NOT_HOST_TEAM = "not_host_team", "Everyone except the host's own team"


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def active(self) -> "OpportunityQuerySet":
        return self.filter(is_cancelled=False)


class Opportunity(models.Model):
    """A seat-bearing customer activity offered by a host (one-off or recurring)."""

    host = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="hosted_opportunities"
    )
    kind = models.ForeignKey(
        "engagements.ContactKind", on_delete=models.PROTECT, related_name="opportunities"
    )
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    title = models.CharField(max_length=200)
    # The first occurrence; a recurrence repeats its local wall-clock time.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    channel = models.CharField(
        max_length=20, choices=EngagementChannel.choices, default=EngagementChannel.ON_SITE
    )
    place = models.CharField(max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(default=1)
    eligibility = models.CharField(
        max_length=20, choices=Eligibility.choices, default=Eligibility.EVERYONE
    )
    departments = models.ManyToManyField(
        "people.Department",
        blank=True,
        related_name="+",
        help_text="For 'listed departments': these and every department below them.",
    )
    new_hire_days = models.PositiveSmallIntegerField(
        default=DEFAULT_NEW_HIRE_DAYS,
        help_text="For 'new hires only': hired within this many days.",
    )
    briefing = models.TextField("what to watch for", blank=True)
    requires_approval = models.BooleanField("host approves sign-ups", default=False)
    # RFC 5545 RRULE value without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".
    recurrence = models.CharField(max_length=500, blank=True)
    # EXDATE as local calendar dates ("2026-12-24"): no occurrence on these days.
    exception_dates = models.JSONField(default=list, blank=True)
    is_cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="opportunity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__gte=1) & models.Q(seats__lte=MAX_SEATS),
                name="opportunity_seats_between_1_and_50",
            ),
            models.CheckConstraint(
                condition=models.Q(new_hire_days__gte=1),
                name="opportunity_new_hire_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def upcoming(self, now: datetime.datetime | None = None) -> "OccurrenceQuerySet":
        """Not cancelled, of an opportunity that is not cancelled, not yet ended."""
        return self.filter(
            is_cancelled=False,
            opportunity__is_cancelled=False,
            ends_at__gt=now or timezone.now(),
        )

    def with_seats_taken(self) -> "OccurrenceQuerySet":
        """Annotate seats_taken (confirmed + pending) and waitlist_length."""
        return self.annotate(
            seats_taken=models.Count(
                "assignments", filter=models.Q(assignments__status__in=ACTIVE_STATUSES)
            ),
            waitlist_length=models.Count(
                "assignments", filter=models.Q(assignments__status=AssignmentStatus.WAITLISTED)
            ),
        )


class Occurrence(models.Model):
    """One dated instance of an opportunity, with its own seats."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="occurrences"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    seats = models.PositiveSmallIntegerField()
    is_cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            # Generating occurrences twice yields the same rows.
            models.UniqueConstraint("opportunity", "starts_at", name="occurrence_once_per_start"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__gte=1) & models.Q(seats__lte=MAX_SEATS),
                name="occurrence_seats_between_1_and_50",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.opportunity.title}, {local:%a %d %b %Y %H:%M}"

    @property
    def duration_minutes(self) -> int:
        return max(1, int((self.ends_at - self.starts_at).total_seconds() // 60))


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the host's approval"
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Declined by the host"


# Statuses that hold a seat, and statuses that keep a person "on" an occurrence.
ACTIVE_STATUSES = (AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED)
OPEN_STATUSES = (*ACTIVE_STATUSES, AssignmentStatus.WAITLISTED)


class AssignmentSource(models.TextChoices):
    SIGNUP = "signup", "Sign-up"
    SCHEDULER = "scheduler", "Scheduler"


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def active(self) -> "AssignmentQuerySet":
        """Holding a seat (confirmed or waiting for approval)."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def open(self) -> "AssignmentQuerySet":
        """Holding a seat or on the waitlist."""
        return self.filter(status__in=OPEN_STATUSES)

    def with_related(self) -> "AssignmentQuerySet":
        return self.select_related(
            "person",
            "occurrence__opportunity__kind",
            "occurrence__opportunity__customer",
            "occurrence__opportunity__host",
        )


class Assignment(models.Model):
    """A person placed on an occurrence, by signing up or by the scheduler."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(max_length=20, choices=AssignmentStatus.choices)
    source = models.CharField(
        max_length=20, choices=AssignmentSource.choices, default=AssignmentSource.SIGNUP
    )
    # 1..occurrence.seats while the assignment holds a seat (pending or confirmed).
    seat_number = models.PositiveSmallIntegerField(null=True, blank=True)
    # 1, 2, … while waitlisted; the lowest is promoted first.
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    # Scheduler proposals stay unpublished (no invite) until a program lead publishes them.
    is_published = models.BooleanField(default=True)
    # Bumped on every change the person should hear about (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # The contact logged from this seat; observers of one occurrence share one engagement.
    engagement = models.ForeignKey(
        "engagements.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["occurrence", "seat_number", "waitlist_position", "id"]
        constraints = [
            # The backstop: two transactions racing for one seat cannot both win it.
            models.UniqueConstraint(
                "occurrence",
                "seat_number",
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="assignment_one_person_per_seat",
                violation_error_message="Someone has just taken this seat.",
            ),
            models.UniqueConstraint(
                "occurrence",
                "person",
                condition=models.Q(status__in=OPEN_STATUSES),
                name="assignment_once_per_person_and_occurrence",
                violation_error_message="You already have a place on this one.",
            ),
            models.UniqueConstraint(
                "occurrence",
                "waitlist_position",
                condition=models.Q(status=AssignmentStatus.WAITLISTED),
                name="assignment_one_person_per_waitlist_position",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status__in=ACTIVE_STATUSES, seat_number__gte=1)
                    | (~models.Q(status__in=ACTIVE_STATUSES) & models.Q(seat_number__isnull=True))
                ),
                name="assignment_seat_number_iff_holding_a_seat",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=AssignmentStatus.WAITLISTED, waitlist_position__gte=1)
                    | (
                        ~models.Q(status=AssignmentStatus.WAITLISTED)
                        & models.Q(waitlist_position__isnull=True)
                    )
                ),
                name="assignment_waitlist_position_iff_waitlisted",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person} on {self.occurrence}"

    @property
    def holds_seat(self) -> bool:
        return self.status in ACTIVE_STATUSES


class SwapStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the colleague"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SwapRequest(models.Model):
    """Someone asks a colleague to take their seat; the colleague accepts or declines."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="swap_requests"
    )
    from_person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="swaps_asked"
    )
    to_person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="swaps_offered"
    )
    status = models.CharField(max_length=20, choices=SwapStatus.choices, default=SwapStatus.PENDING)
    message = models.CharField(max_length=300, blank=True)
    # The colleague's assignment once accepted.
    new_assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "assignment",
                condition=models.Q(status="pending"),
                name="swap_one_pending_per_assignment",
                violation_error_message="A swap for this seat is already waiting for an answer.",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")),
                name="swap_not_with_oneself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person} → {self.to_person}: {self.assignment.occurrence}"
