"""Themes over insights, kept by people's edits across recomputation, and the runs that
compute them (background tasks with progress).

Edits are stored as rules that recomputation applies after clustering:
- a membership placed by a person (`manual`: pinned themes, merges, splits) is kept as it is;
- a theme that a new cluster mostly continues (Jaccard >= 0.5 of members) keeps its id, its
  pin and, when renamed by a person, its name;
- merges and splits are recorded on the theme (`merged_names`, `split_from`).
Sentiment lives on the scored objects themselves (insights.SentimentFields).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ridealong.core.choices import RunStatus, choices_of


class Theme(models.Model):
    name = models.CharField(max_length=200)
    auto_name = models.CharField(max_length=200, blank=True, help_text="The computed name.")
    renamed = models.BooleanField(default=False, help_text="Named by a person: kept.")
    pinned = models.BooleanField(default=False, help_text="Keeps its members on recomputation.")
    terms = models.JSONField(default=list, blank=True)
    size = models.PositiveIntegerField(default=0)
    representatives = models.JSONField(
        default=list, blank=True, help_text="Insight ids nearest the centre, best first."
    )
    merged_names = models.JSONField(default=list, blank=True)
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-pinned", "-size", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="theme_name_not_empty")
        ]

    def __str__(self) -> str:
        return self.name


class ThemeMembership(models.Model):
    """An insight belongs to at most one theme."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="memberships")
    insight = models.OneToOneField(
        "insights.Insight", on_delete=models.CASCADE, related_name="theme_membership"
    )
    manual = models.BooleanField(default=False, help_text="Placed by a person: kept.")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.insight_id} in {self.theme_id}"


# The statuses a theme run passes through (the shared RunStatus has more).
THEME_RUN_STATUSES = choices_of(
    RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.DONE, RunStatus.FAILED
)


class ThemeRun(models.Model):
    """One recomputation: full (cluster everything again) or incremental (place new insights)."""

    full = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=THEME_RUN_STATUSES, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    step = models.CharField(max_length=100, blank=True)
    model = models.CharField(max_length=50, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="themerun_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[value for value, _ in THEME_RUN_STATUSES]),
                name="themerun_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Theme run {self.pk} ({self.status})"

    @property
    def active(self) -> bool:
        return self.status in {RunStatus.QUEUED, RunStatus.RUNNING}
