"""Writes for the scheduler: start a run, execute it (in the worker), publish its proposal.

The algorithm is ridealong.scheduling.solver (no Django); this module loads seats, people,
deficits and availability from the database, calls it, stores the proposal with its reasons,
and publishes through ridealong.seats.services, which tells people (invites, cancellations).
"""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.choices import RunStatus
from ridealong.core.models import Organisation
from ridealong.engagements.models import Participation
from ridealong.people.models import Person
from ridealong.people.selectors import department_descendant_ids
from ridealong.scheduling import solver
from ridealong.scheduling.models import ProposedAssignment, SchedulerRun
from ridealong.scheduling.selectors import run_diff
from ridealong.seats import services as seats
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    Assignment,
    AssignmentSource,
    Eligibility,
    Occurrence,
)
from ridealong.standards.selectors import availability_for, deficits

logger = logging.getLogger(__name__)

PERIODS = {"week": "Next week", "month": "Next month"}


class RunStateError(ValidationError):
    """The run is not in a state that allows this (e.g. publishing twice)."""


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(Organisation.current().time_zone)


def _midnight(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def period_bounds(
    period: str, *, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, datetime.datetime, str]:
    """Next week (from the organisation's next week start) or next calendar month, as aware
    local midnights, with a label ("Week of 14 December 2026", "January 2027")."""
    zone = _zone()
    today = timezone.localtime(now or timezone.now(), zone).date()
    if period == "week":
        week_start = Organisation.current().week_start
        first = today + datetime.timedelta(days=(week_start - today.weekday()) % 7 or 7)
        last = first + datetime.timedelta(days=7)
        label = f"Week of {first.day} {first:%B %Y}"
    elif period == "month":
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1)
        label = f"{first:%B %Y}"
    else:
        raise ValidationError("Choose next week or next month.", code="period")
    return _midnight(first, zone), _midnight(last, zone), label


def _week_starts(start: datetime.datetime, end: datetime.datetime) -> list[datetime.datetime]:
    """The organisation's week boundaries covering [start, end), local midnights."""
    zone = _zone()
    week_start = Organisation.current().week_start
    day = timezone.localtime(start, zone).date()
    day -= datetime.timedelta(days=(day.weekday() - week_start) % 7)
    weeks = []
    while _midnight(day, zone) < end:
        weeks.append(_midnight(day, zone))
        day += datetime.timedelta(days=7)
    return weeks


@transaction.atomic
def run_create(
    *,
    period: str,
    by: User,
    customer_cap: int | None = 3,
    department_share: int = 50,
    now: datetime.datetime | None = None,
) -> SchedulerRun:
    """Queue a run for next week or next month; the worker executes it after commit."""
    start, end, label = period_bounds(period, now=now)
    run = SchedulerRun.objects.create(
        period_start=start,
        period_end=end,
        label=label,
        customer_cap=customer_cap,
        department_share=department_share,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(
        "scheduling.run.created",
        actor=by,
        target=run,
        changes={"period": label, "customer_cap": customer_cap, "share": department_share},
    )
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from ridealong.scheduling.tasks import run_scheduler

    try:
        run_scheduler.enqueue(run_id=run_id)
    except Exception as exc:
        logger.exception("Could not queue scheduler run %s", run_id)
        SchedulerRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            explanation=f"The run could not be queued ({exc.__class__.__name__}).",
        )


def _progress(run: SchedulerRun, percent: int, **fields: Any) -> None:
    # Written outside any transaction so the page's polling sees it at once.
    SchedulerRun.objects.filter(pk=run.pk).update(progress=percent, **fields)


def problem_for(run: SchedulerRun, *, now: datetime.datetime | None = None) -> solver.Problem:
    """The run's period as the solver's plain data: open seats, people, deficits, availability."""
    now = now or timezone.now()
    zone = _zone()
    start = max(run.period_start, now)
    occurrences = list(
        Occurrence.objects.upcoming(now)
        .filter(starts_at__gte=start, starts_at__lt=run.period_end)
        .select_related("opportunity__kind", "opportunity__customer", "opportunity__host")
        .prefetch_related("opportunity__departments")
        .order_by("starts_at", "id")
    )
    held = list(
        Assignment.objects.filter(
            status__in=ACTIVE_STATUSES,
            occurrence__starts_at__lt=run.period_end,
            occurrence__ends_at__gt=run.period_start - datetime.timedelta(days=1),
            occurrence__is_cancelled=False,
        ).values_list(
            "occurrence_id",
            "person_id",
            "source",
            "is_published",
            "occurrence__starts_at",
            "occurrence__ends_at",
        )
    )
    seat_ids = {o.pk for o in occurrences}
    reconsidered: dict[int, list[int]] = defaultdict(list)  # published by the scheduler
    fixed_count: dict[int, int] = defaultdict(int)  # sign-ups and the like: not ours to move
    booked: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    for occurrence_id, person_id, source, published, starts, ends in held:
        if occurrence_id in seat_ids and source == AssignmentSource.SCHEDULER and published:
            reconsidered[occurrence_id].append(person_id)
            continue
        if occurrence_id in seat_ids:
            fixed_count[occurrence_id] += 1
        booked[person_id].append((starts, ends))

    people = list(
        Person.objects.filter(is_active=True).only("id", "first_name", "last_name", "department_id")
    )
    ids = [p.pk for p in people]
    missing = deficits(at=now, person_ids=ids)
    available = availability_for(ids, run.period_start, run.period_end - datetime.timedelta(days=1))
    met: dict[int, set[int]] = defaultdict(set)
    for person_id, customer_id in (
        Participation.objects.filter(person_id__in=ids, engagement__customer__isnull=False)
        .values_list("person_id", "engagement__customer_id")
        .distinct()
    ):
        met[person_id].add(customer_id)

    days = []
    day = timezone.localtime(run.period_start, zone).date()
    while _midnight(day, zone) < run.period_end:
        days.append(day)
        day += datetime.timedelta(days=1)

    descendants: dict[int, set[int]] = {}
    seats_out = []
    for occurrence in occurrences:
        opportunity = occurrence.opportunity
        departments = None
        if opportunity.eligibility == Eligibility.DEPARTMENTS:
            departments = set()
            for department in opportunity.departments.all():
                if department.pk not in descendants:
                    descendants[department.pk] = department_descendant_ids(department.pk)
                departments |= descendants[department.pk]
        kind = opportunity.kind
        fixed = fixed_count.get(occurrence.pk, 0)
        seats_out.append(
            solver.Seat(
                id=occurrence.pk,
                start=occurrence.starts_at,
                end=occurrence.ends_at,
                capacity=max(0, occurrence.seats - fixed),
                kind=str(kind.pk),
                kind_name=kind.name.lower(),
                practice=kind.practice,
                live=kind.is_live,
                customer_id=opportunity.customer_id,
                customer_name=opportunity.customer.name if opportunity.customer else "",
                opportunity_id=opportunity.pk,
                host_id=opportunity.host_id,
                host_department=opportunity.host.department_id,
                exclude_host_department=opportunity.eligibility == Eligibility.NOT_HOST_TEAM,
                departments=frozenset(departments) if departments is not None else None,
                new_hires_only=opportunity.eligibility == Eligibility.NEW_HIRES,
                published=tuple(reconsidered.get(occurrence.pk, ())),
                signed_up=fixed,
            )
        )

    people_out = []
    for person in people:
        deficit = missing.get(person.pk)
        availability = available.get(person.pk)
        busy = tuple(
            (_midnight(d, zone), _midnight(d + datetime.timedelta(days=1), zone))
            for d in days
            if availability is not None and not availability.is_available_on(d)
        )
        standard = (
            f"standard “{deficit.standard_name}”"
            if deficit and deficit.standard_name
            else ("standard")
        )
        people_out.append(
            solver.Person(
                id=person.pk,
                name=str(person),
                department=person.department_id,
                new_hire=bool(deficit and deficit.needs_support_seat),
                deficit_minutes=deficit.minutes_missing if deficit else 0,
                deficit_contacts=max(deficit.contacts_missing, deficit.live_missing)
                if deficit
                else 0,
                standard_name=standard,
                preferred_kinds=frozenset(
                    str(k) for k in (availability.preferred_kind_ids if availability else ())
                ),
                weekly_max=availability.weekly_max if availability else 2,
                busy=busy,
                booked=tuple(booked.get(person.pk, ())),
                met_customers=frozenset(met.get(person.pk, ())),
            )
        )
    return solver.Problem(
        seats=seats_out,
        people=people_out,
        period_start=run.period_start,
        period_end=run.period_end,
        week_starts=_week_starts(run.period_start, run.period_end),
        rules=solver.Rules(
            customer_cap=run.customer_cap, department_share=run.department_share / 100
        ),
    )


def run_execute(*, run: SchedulerRun, now: datetime.datetime | None = None) -> SchedulerRun:
    """Load, solve, store the proposal. Not atomic on purpose: progress must be visible, and
    a failure is recorded on the run rather than raised at the worker."""
    _progress(run, 5, status=RunStatus.RUNNING)
    try:
        problem = problem_for(run, now=now)
        _progress(run, 40, people_count=len(problem.people), seats_count=len(problem.seats))
        solution = solver.solve(problem)
        _progress(run, 80)
        with transaction.atomic():
            ProposedAssignment.objects.filter(run=run).delete()
            ProposedAssignment.objects.bulk_create(
                ProposedAssignment(
                    run=run,
                    occurrence_id=placement.seat_id,
                    person_id=placement.person_id,
                    reason=placement.reason,
                    kept=placement.kept,
                )
                for placement in solution.assignments
            )
            _progress(
                run,
                100,
                status=RunStatus.READY,
                objective=solution.objective,
                bound=solution.bound,
                gap=solution.gap,
                seconds=solution.seconds,
                explanation=solution.explanation,
                finished_at=timezone.now(),
            )
    except Exception as exc:
        logger.exception("Scheduler run %s failed", run.pk)
        _progress(
            run,
            100,
            status=RunStatus.FAILED,
            explanation=f"The run failed ({exc.__class__.__name__}); nothing was proposed.",
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def run_publish(*, run: SchedulerRun, by: User) -> SchedulerRun:
    """Make the proposal real: withdraw what it drops, place what it adds (people are told by
    the seats app). A seat taken meanwhile, or a person no longer eligible, is skipped and
    listed in the outcome rather than failing the whole publication."""
    run = SchedulerRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.READY:
        raise RunStateError(
            f"This run cannot be published: it is {run.get_status_display().lower()}.",
            code="state",
        )
    diff = run_diff(run)
    refused: list[str] = []
    removed = added = 0
    for assignment in diff.removed:
        try:
            seats.assignment_cancel(assignment=assignment, by=by)
            removed += 1
        except ValidationError as exc:
            refused.append(f"{assignment.person} on {assignment.occurrence}: {exc.messages[0]}")
    for proposal in diff.added:
        try:
            seats.assignment_place(
                occurrence=proposal.occurrence, person=proposal.person, by=by, publish=True
            )
            added += 1
        except ValidationError as exc:
            refused.append(f"{proposal.person} on {proposal.occurrence}: {exc.messages[0]}")
    run.status = RunStatus.PUBLISHED
    run.published_by = by if getattr(by, "is_authenticated", False) else None
    run.published_at = timezone.now()
    run.outcome = {
        "added": added,
        "removed": removed,
        "unchanged": len(diff.unchanged),
        "refused": refused,
    }
    run.save(update_fields=["status", "published_by", "published_at", "outcome"])
    log_action("scheduling.run.published", actor=by, target=run, changes=run.outcome)
    return run
