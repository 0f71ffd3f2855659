"""An import of people (HR export) or customers (CRM export): the file, its mapping,
the preview, and how applying it went."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    PEOPLE = "people", "People"
    CUSTOMERS = "customers", "Customers"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    PREVIEWED = "previewed", "Previewed"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class DateOrder(models.TextChoices):
    AUTO = "", "Detect from the file"
    DAY_FIRST = "dmy", "Day/month (31/01/2024)"
    MONTH_FIRST = "mdy", "Month/day (01/31/2024)"


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def recent(self) -> "ImportJobQuerySet":
        return self.select_related("created_by__person").order_by("-created_at", "-id")

    def in_progress(self) -> "ImportJobQuerySet":
        return self.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING])


class ImportJob(models.Model):
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes.")
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # {column header: field key, or "" to ignore the column}
    mapping = models.JSONField(default=dict, blank=True)
    date_order = models.CharField(
        max_length=3, choices=DateOrder.choices, default=DateOrder.AUTO, blank=True
    )
    # What the preview showed: counts, and the first rows of each table (plan.summary()).
    preview = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    # What applying did: {"created": n, "updated": n, "unchanged": n, "rejected": n, …}
    result = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="importjob_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="importjob_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(processed_rows__lte=models.F("total_rows")),
                name="importjob_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}

    @property
    def can_confirm(self) -> bool:
        return self.status in {ImportStatus.PREVIEWED, ImportStatus.FAILED}

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
