"""Scheduler runs and the assignments they propose.

A program lead runs the scheduler for a period; the run records its progress and outcome
(objective, proven lower bound, gap, a plain-language explanation) and the proposed
assignments with a reason each. Nothing reaches people until the run is published, which
goes through the seats app's services (and so through its notifications).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ridealong.core.choices import RunStatus, choices_of

# The statuses a scheduler run passes through (the shared RunStatus has more).
SCHEDULER_RUN_STATUSES = choices_of(
    RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.READY, RunStatus.PUBLISHED, RunStatus.FAILED
)


class SchedulerRun(models.Model):
    """One run of the scheduler over a period (a week or a month)."""

    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    label = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=20, choices=SCHEDULER_RUN_STATUSES, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    customer_cap = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Visitors per customer per week; empty: no cap."
    )
    department_share = models.PositiveSmallIntegerField(
        default=50, help_text="Largest share of one department in one seat group, in %."
    )
    objective = models.BigIntegerField(null=True, blank=True)
    bound = models.BigIntegerField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    people_count = models.PositiveIntegerField(default=0)
    seats_count = models.PositiveIntegerField(default=0)
    explanation = models.TextField(blank=True)
    # What publishing did: {"added": n, "removed": n, "unchanged": n, "refused": [...]}.
    outcome = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="scheduler_run_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="scheduler_run_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(department_share__gte=1, department_share__lte=100),
                name="scheduler_run_department_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[value for value, _ in SCHEDULER_RUN_STATUSES]),
                name="scheduler_run_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"Scheduler run {self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def can_publish(self) -> bool:
        return self.status == RunStatus.READY

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else 100 * self.gap


class ProposedAssignment(models.Model):
    """A person the run proposes for an occurrence, and why."""

    run = models.ForeignKey(SchedulerRun, on_delete=models.CASCADE, related_name="proposals")
    occurrence = models.ForeignKey("seats.Occurrence", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    kept = models.BooleanField(default=False, help_text="Already published; the run keeps it.")

    class Meta:
        ordering = ["occurrence__starts_at", "occurrence_id", "person__last_name", "id"]
        constraints = [
            models.UniqueConstraint(
                "run", "occurrence", "person", name="proposal_once_per_run_occurrence_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.occurrence}"
