"""Reads about scheduler runs: access, the list, the preview and its diff with what is live."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.roles import can_manage_program, require
from ridealong.scheduling.models import ProposedAssignment, SchedulerRun
from ridealong.seats.models import Assignment, AssignmentSource


def can_run_scheduler(user: Any) -> bool:
    """Program leads and admins run, read and publish the scheduler."""
    return can_manage_program(user)


def get_run_for_user(user: Any, pk: int) -> SchedulerRun:
    """403 for everyone but program leads and admins (before looking), 404 when missing."""
    require(can_run_scheduler(user))
    return get_object_or_404(
        SchedulerRun.objects.select_related("created_by__person", "published_by__person"), pk=pk
    )


def run_list() -> QuerySet[SchedulerRun]:
    return SchedulerRun.objects.select_related(
        "created_by__person", "published_by__person"
    ).order_by("-created_at", "-id")


def run_proposals(run: SchedulerRun) -> QuerySet[ProposedAssignment]:
    return run.proposals.select_related(
        "person",
        "occurrence__opportunity__kind",
        "occurrence__opportunity__customer",
    ).order_by("occurrence__starts_at", "occurrence_id", "person__last_name", "id")


def published_assignments(
    *, start: datetime.datetime, end: datetime.datetime, after: datetime.datetime | None = None
) -> QuerySet[Assignment]:
    """What the scheduler published before for occurrences starting in [start, end) and after
    `after` (those already started are history, not something a run may change)."""
    return (
        Assignment.objects.active()
        .filter(
            source=AssignmentSource.SCHEDULER,
            is_published=True,
            occurrence__starts_at__gte=max(start, after or start),
            occurrence__starts_at__lt=end,
        )
        .with_related()
    )


@dataclass
class RunDiff:
    added: list[ProposedAssignment] = field(default_factory=list)
    unchanged: list[ProposedAssignment] = field(default_factory=list)
    removed: list[Assignment] = field(default_factory=list)


def run_diff(run: SchedulerRun, *, now: datetime.datetime | None = None) -> RunDiff:
    """The proposal against what is published: added, unchanged, removed (two queries)."""
    proposals = list(run_proposals(run))
    published = list(
        published_assignments(
            start=run.period_start, end=run.period_end, after=now or timezone.now()
        )
    )
    current = {(a.occurrence_id, a.person_id) for a in published}
    proposed = {(p.occurrence_id, p.person_id) for p in proposals}
    diff = RunDiff()
    for proposal in proposals:
        key = (proposal.occurrence_id, proposal.person_id)
        (diff.unchanged if key in current else diff.added).append(proposal)
    diff.removed = [a for a in published if (a.occurrence_id, a.person_id) not in proposed]
    return diff
