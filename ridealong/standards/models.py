"""Engagement standards, named groups, the new-hire rule, and people's availability.

A Standard asks for a minimum of customer exposure in a rolling period ("everyone: 2 hours
every 6 weeks"), counted in minutes and/or contacts, optionally only of some kinds and with
"at least N live". It applies to everyone, a department (and the departments below it), a
kind of role, or a named group (PeopleGroup). Progress against it is computed by
ridealong.standards.progress (pure) through ridealong.standards.selectors.

Availability says when the scheduler may place a person: working weekdays, out-of-office
date ranges, a weekly maximum of customer activities, and preferred kinds of contact.
Read it through selectors.availability_for(), never from these models directly.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

# Weekdays as bits (Monday = bit 0 … Sunday = bit 6): Monday to Friday.
WEEKDAYS_MON_TO_FRI = 0b0011111
ALL_WEEKDAYS = 0b1111111
DEFAULT_WEEKLY_MAX = 2
MAX_WEEKLY_MAX = 50
MAX_PERIOD_DAYS = 366


class PeopleGroup(models.Model):
    """A named set of people a standard can apply to ("Leadership team"); the product says
    "group" (standards apply per role, department or group). Not Django's auth Group."""

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField("people.Person", blank=True, related_name="standard_groups")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "group"  # what people read in messages
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="standards_group_name_unique",
                violation_error_message="A group with this name already exists.",
                violation_error_code="unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Scope(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    DEPARTMENT = "department", "A department (and the ones below it)"
    ROLE_KIND = "role_kind", "A kind of role"
    GROUP = "group", "A named group"


class PeriodUnit(models.TextChoices):
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"


class StandardQuerySet(models.QuerySet["Standard"]):
    def active(self) -> "StandardQuerySet":
        return self.filter(is_active=True)


class Standard(models.Model):
    """A minimum of customer exposure in a rolling period, for some people.

    At least one of `min_minutes` / `min_contacts` is set. `kinds` empty means every kind of
    contact counts; otherwise only those kinds. `min_live` counts the counted contacts whose
    kind is live (ContactKind.is_live).
    """

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.EVERYONE)
    department = models.ForeignKey(
        "people.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="standards",
    )
    role_kind = models.CharField(max_length=20, blank=True)
    group = models.ForeignKey(
        PeopleGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="standards"
    )
    period_length = models.PositiveSmallIntegerField(default=6)
    period_unit = models.CharField(
        max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.WEEKS
    )
    min_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Minimum exposure in minutes (shown as hours)."
    )
    min_contacts = models.PositiveSmallIntegerField(null=True, blank=True)
    min_live = models.PositiveSmallIntegerField(
        default=0, help_text="At least this many of the counted contacts are live."
    )
    kinds = models.ManyToManyField(
        "engagements.ContactKind",
        blank=True,
        related_name="standards",
        help_text="Only these kinds count. None chosen: every kind counts.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["-is_active", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_minutes__isnull=False)
                | models.Q(min_contacts__isnull=False),
                name="standard_asks_for_hours_or_contacts",
                violation_error_message="Ask for a number of hours, of contacts, or both.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_length__gte=1),
                name="standard_period_positive",
                violation_error_message="The period must be at least one day.",
            ),
            models.CheckConstraint(
                condition=models.Q(period_unit__in=PeriodUnit.values),
                name="standard_period_unit_known",
            ),
            models.CheckConstraint(
                condition=models.Q(min_minutes__isnull=True) | models.Q(min_minutes__gte=1),
                name="standard_min_minutes_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(min_contacts__isnull=True) | models.Q(min_contacts__gte=1),
                name="standard_min_contacts_positive",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        scope=Scope.EVERYONE,
                        department__isnull=True,
                        group__isnull=True,
                        role_kind="",
                    )
                    | models.Q(
                        scope=Scope.DEPARTMENT,
                        department__isnull=False,
                        group__isnull=True,
                        role_kind="",
                    )
                    | models.Q(
                        scope=Scope.GROUP,
                        department__isnull=True,
                        group__isnull=False,
                        role_kind="",
                    )
                    | (
                        models.Q(scope=Scope.ROLE_KIND, department__isnull=True, group__isnull=True)
                        & ~models.Q(role_kind="")
                    )
                ),
                name="standard_scope_has_its_target",
                violation_error_message="Choose the department, role kind or group.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_days(self) -> int:
        return self.period_length * (7 if self.period_unit == PeriodUnit.WEEKS else 1)

    @property
    def period_label(self) -> str:
        unit = self.period_unit if self.period_length != 1 else self.period_unit.rstrip("s")
        return f"{self.period_length} {unit}"

    @property
    def min_hours(self) -> float | None:
        return None if self.min_minutes is None else self.min_minutes / 60

    def applies_to_label(self) -> str:
        if self.scope == Scope.DEPARTMENT and self.department_id:
            return f"{self.department} (and below)"
        if self.scope == Scope.ROLE_KIND:
            from ridealong.people.models import RoleKind

            return f"{RoleKind(self.role_kind).label} roles" if self.role_kind else "—"
        if self.scope == Scope.GROUP and self.group_id:
            return str(self.group)
        return "Everyone"


class NewHireRule(models.Model):
    """The organisation's new-hire rule (a singleton, pk=1): technical people hired in the
    last `days` days must get at least one support listening or support shift contact."""

    days = models.PositiveSmallIntegerField(default=30)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="new_hire_rule_is_singleton"),
            models.CheckConstraint(
                condition=models.Q(days__gte=1) & models.Q(days__lte=MAX_PERIOD_DAYS),
                name="new_hire_rule_days_between_1_and_366",
            ),
        ]

    def __str__(self) -> str:
        return f"New technical hires: a support seat within {self.days} days"

    @classmethod
    def current(cls) -> "NewHireRule":
        rule, _ = cls.objects.get_or_create(pk=1)
        return rule


class Availability(models.Model):
    """When and how often the scheduler may place a person. No row means the defaults."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="availability"
    )
    working_days = models.PositiveSmallIntegerField(
        default=WEEKDAYS_MON_TO_FRI, help_text="Weekdays as bits: Monday is 1, Sunday 64."
    )
    weekly_max = models.PositiveSmallIntegerField(
        default=DEFAULT_WEEKLY_MAX, help_text="At most this many customer activities a week."
    )
    preferred_kinds = models.ManyToManyField(
        "engagements.ContactKind", blank=True, related_name="preferred_by"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "availabilities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(working_days__gte=0) & models.Q(working_days__lte=ALL_WEEKDAYS),
                name="availability_working_days_are_weekdays",
            ),
            models.CheckConstraint(
                condition=models.Q(weekly_max__lte=MAX_WEEKLY_MAX),
                name="availability_weekly_max_at_most_50",
            ),
        ]

    def __str__(self) -> str:
        return f"Availability of {self.person}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(day for day in range(7) if self.working_days & (1 << day))


class OutOfOffice(models.Model):
    """A range of days (inclusive) a person is away: holiday, training, parental leave."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "ends_on", "id"]
        verbose_name = "out-of-office range"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="out_of_office_ends_after_it_starts",
                violation_error_message="The last day cannot be before the first.",
            ),
        ]
        indexes = [models.Index(fields=["person", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.starts_on} – {self.ends_on}"
