"""Choices more than one app stores, defined once so their values cannot drift apart."""

from django.db import models


class Sentiment(models.TextChoices):
    """What a customer's words say (notes, insights, survey answers). Not scored yet: NULL."""

    NEGATIVE = "negative", "Negative"
    NEUTRAL = "neutral", "Neutral"
    POSITIVE = "positive", "Positive"


class RunStatus(models.TextChoices):
    """The life of a background run: theme recomputation, search reindex, scheduler run.
    Each model stores only the statuses its runs pass through (see `choices_of`)."""

    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    READY = "ready", "Proposal ready"  # a scheduler proposal, waiting to be published
    PUBLISHED = "published", "Published"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


def choices_of(*members: models.TextChoices) -> list[tuple[str, str]]:
    """(value, label) pairs of some members, for a field that stores only those."""
    return [(member.value, member.label) for member in members]
