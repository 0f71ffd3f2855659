"""The search index: one SearchDocument per indexed object, and saved searches.

The text lives in the database's own full-text engine beside this table, kept in sync by the
database itself inside the writing transaction: on SQLite an FTS5 external-content table
(`search_fts`) fed by triggers, on PostgreSQL a stored generated tsvector column
(`search_vector`) with a GIN index. Both are created by migration 0002 for the active vendor
only, so neither appears on the model.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils import timezone

from ridealong.core.choices import RunStatus, choices_of


class DocumentKind(models.TextChoices):
    NOTE = "note", "Note"
    INSIGHT = "insight", "Insight"
    REFLECTION = "reflection", "Reflection"
    ANSWER = "answer", "Answer to a host question"
    ENGAGEMENT = "engagement", "Engagement"


class SearchDocument(models.Model):
    """What the search finds: a title, a body, a moment and the columns filters use."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    at = models.DateTimeField(help_text="When it happened (the engagement's start, or written).")
    # Filter columns: plain ids, no foreign keys, so indexing never ties other apps' deletes.
    customer_id = models.BigIntegerField(null=True, blank=True)
    # The engagement it belongs to: where a result links when its kind has no page of its own.
    engagement_id = models.BigIntegerField(null=True, blank=True)
    segment = models.CharField(max_length=100, blank=True)
    relationship = models.CharField(max_length=20, blank=True)
    contact_kind_id = models.BigIntegerField(null=True, blank=True)
    insight_type = models.CharField(max_length=20, blank=True)
    product_area = models.CharField(max_length=100, blank=True)
    sentiment = models.CharField(max_length=10, null=True, blank=True)
    tags = models.JSONField(default=list, blank=True)
    department_ids = models.JSONField(default=list, blank=True)
    # The lists again as "|a|b|" so one LIKE filters them the same way on both engines.
    tag_keys = models.TextField(blank=True, default="")
    department_keys = models.TextField(blank=True, default="")
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("kind", "object_id", name="search_document_once_per_object"),
        ]
        indexes = [
            models.Index(fields=["customer_id", "at"], name="search_doc_customer_at"),
            models.Index(fields=["at"], name="search_doc_at"),
            models.Index(fields=["kind", "at"], name="search_doc_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SavedSearch(models.Model):
    """A query and its filters, kept by one user to run again."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint("owner", "name", name="saved_search_name_unique_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def querystring(self) -> str:
        """The search page's GET parameters that run this search again."""
        params = {"q": self.query, **{k: v for k, v in self.filters.items() if v}}
        return urlencode({k: v for k, v in params.items() if v})


# The statuses a reindex passes through (the shared RunStatus has more).
REINDEX_STATUSES = choices_of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.DONE, RunStatus.FAILED)


class ReindexRun(models.Model):
    """One rebuild of the whole index (`ridealong search_reindex`), with its progress."""

    status = models.CharField(max_length=10, choices=REINDEX_STATUSES, default=RunStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reindex {self.pk}: {self.status} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0
