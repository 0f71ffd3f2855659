"""The demo company's program lead runs the scheduler for next month and publishes it."""

import pytest

from ridealong.core.choices import RunStatus
from ridealong.scheduling import services
from ridealong.scheduling.models import SchedulerRun
from ridealong.scheduling.selectors import run_diff
from ridealong.seats.models import Assignment, AssignmentSource


@pytest.mark.django_db
def test_the_demo_company_gets_a_fair_proposal_for_next_month_and_can_publish_it():
    from ridealong.accounts.models import User
    from ridealong.demo.loader import load_demo

    load_demo()
    lead = User.objects.get(person__email="priya.raman@falkenrath.example")
    start, end, label = services.period_bounds("month")
    run = SchedulerRun.objects.create(
        period_start=start, period_end=end, label=label, customer_cap=3, created_by=lead
    )
    run = services.run_execute(run=run)
    assert run.status == RunStatus.READY
    assert run.seats_count > 0
    assert run.bound <= run.objective
    assert run.gap <= 0.005
    proposals = list(run.proposals.select_related("person"))
    assert proposals
    assert all(p.reason.endswith(".") for p in proposals)
    assert any("behind the standard" in p.reason for p in proposals)
    assert "seats filled for" in run.explanation
    added = len(run_diff(run).added)
    run = services.run_publish(run=run, by=lead)
    assert run.outcome["added"] + len(run.outcome["refused"]) == added
    assert (
        Assignment.objects.filter(
            source=AssignmentSource.SCHEDULER, is_published=True, occurrence__starts_at__gte=start
        ).count()
        >= run.outcome["added"]
    )
