"""Scheduler runs end to end: queue, solve from the database, preview, diff, publish."""

import datetime
import json

import pytest
from django.urls import reverse

from ridealong.core.choices import RunStatus
from ridealong.scheduling import services
from ridealong.scheduling.models import SchedulerRun
from ridealong.scheduling.selectors import run_diff
from ridealong.scheduling.tests.factories import SchedulerRunFactory
from ridealong.seats.models import Assignment, AssignmentSource
from ridealong.seats.signals import assignment_event
from ridealong.seats.tests.factories import opportunity
from tests import factories as f


@pytest.fixture
def heard(monkeypatch):
    """Every event the seats app sends, as (assignment_id, event); the only receiver."""
    events: list[tuple[int, str]] = []

    def record(sender, *, assignment_id: int, event: str, **kwargs) -> None:
        events.append((assignment_id, event))

    monkeypatch.setattr(assignment_event, "receivers", [])
    monkeypatch.setattr(assignment_event, "sender_receivers_cache", {})
    assignment_event.connect(record, weak=False)
    return events


def next_week_seat(cast, *, day: int = 2, seats: int = 1, **overrides):
    start, _, _ = services.period_bounds("week")
    starts_at = start + datetime.timedelta(days=day, hours=10)
    return opportunity(
        host=overrides.pop("host", cast.manager.person),
        starts_at=starts_at,
        seats=seats,
        **overrides,
    ).occurrences.get()


def run_now(cast, django_capture_on_commit_callbacks, period: str = "week") -> SchedulerRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_create(period=period, by=cast.program_lead)
    run.refresh_from_db()
    return run


def test_it_computes_next_week_and_next_month_in_the_organisations_calendar(db):
    now = datetime.datetime(2026, 12, 9, 15, tzinfo=datetime.UTC)  # a Wednesday
    week = services.period_bounds("week", now=now)
    month = services.period_bounds("month", now=now)
    assert (week[0].date(), week[1].date(), week[2]) == (
        datetime.date(2026, 12, 14),
        datetime.date(2026, 12, 21),
        "Week of 14 December 2026",
    )
    assert (month[0].date(), month[1].date(), month[2]) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 2, 1),
        "January 2027",
    )


def test_it_proposes_the_seat_to_someone_behind_with_a_reason(
    cast, django_capture_on_commit_callbacks
):
    seat = next_week_seat(cast, customer=cast.globex)
    run = run_now(cast, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.READY
    assert run.progress == 100
    assert run.bound <= run.objective
    proposal = run.proposals.get()
    assert proposal.occurrence == seat
    assert proposal.person != cast.manager.person  # the host never observes their own seat
    assert "behind the standard “Everyone: 2 hours of customer exposure every 6 weeks”" in (
        proposal.reason
    )
    assert "1 seat filled for 1 person." in run.explanation
    # a proposal holds nothing yet: no assignment, nobody told
    assert not Assignment.objects.filter(occurrence=seat).exists()


def test_it_explains_an_empty_period_instead_of_failing(cast, django_capture_on_commit_callbacks):
    run = run_now(cast, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.READY
    assert run.proposals.count() == 0
    assert "no open seats" in run.explanation


def test_it_publishes_through_the_seats_app_which_tells_people(
    cast, heard, django_capture_on_commit_callbacks
):
    seat = next_week_seat(cast, seats=2)
    run = run_now(cast, django_capture_on_commit_callbacks)
    assert run.proposals.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_publish(run=run, by=cast.program_lead)
    placed = Assignment.objects.filter(occurrence=seat, source=AssignmentSource.SCHEDULER)
    assert placed.count() == 2
    assert all(a.is_published for a in placed)
    assert sorted(event for _, event in heard) == ["confirmed", "confirmed"]
    assert run.status == RunStatus.PUBLISHED
    assert run.outcome == {"added": 2, "removed": 0, "unchanged": 0, "refused": []}
    with pytest.raises(services.RunStateError):
        services.run_publish(run=run, by=cast.program_lead)


def test_a_rerun_keeps_what_is_published_and_the_diff_says_so(
    cast, django_capture_on_commit_callbacks
):
    next_week_seat(cast)
    first = run_now(cast, django_capture_on_commit_callbacks)
    services.run_publish(run=first, by=cast.program_lead)
    again = run_now(cast, django_capture_on_commit_callbacks)
    diff = run_diff(again)
    assert (len(diff.added), len(diff.removed), len(diff.unchanged)) == (0, 0, 1)
    assert again.proposals.get().kept
    assert "it was already published to you, so it stays" in again.proposals.get().reason


def test_publishing_withdraws_what_a_rerun_drops(cast, heard, django_capture_on_commit_callbacks):
    seat = next_week_seat(cast)
    first = run_now(cast, django_capture_on_commit_callbacks)
    services.run_publish(run=first, by=cast.program_lead)
    held = Assignment.objects.get(occurrence=seat, source=AssignmentSource.SCHEDULER)
    # the person goes on holiday: the re-run cannot keep them
    from ridealong.standards.tests.factories import OutOfOfficeFactory

    day = seat.starts_at.date()
    OutOfOfficeFactory(person=held.person, starts_on=day, ends_on=day)
    rerun = run_now(cast, django_capture_on_commit_callbacks)
    diff = run_diff(rerun)
    assert [a.pk for a in diff.removed] == [held.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.run_publish(run=rerun, by=cast.program_lead)
    held.refresh_from_db()
    assert held.status == "cancelled"
    assert (held.pk, "cancelled") in heard


def test_it_never_proposes_a_seat_taken_by_a_sign_up(cast, django_capture_on_commit_callbacks):
    from ridealong.seats.services import signup

    seat = next_week_seat(cast)
    signup(occurrence=seat, person=cast.member.person, by=cast.member)
    run = run_now(cast, django_capture_on_commit_callbacks)
    assert run.proposals.count() == 0


# --- pages -----------------------------------------------------------------------------------


def test_the_runs_page_starts_a_run_and_shows_the_preview(
    client, cast, django_capture_on_commit_callbacks
):
    next_week_seat(cast, customer=cast.globex)
    client.force_login(cast.program_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scheduling:runs"),
            {"period": "week", "customer_cap": "3", "department_share": "50"},
        )
    run = SchedulerRun.objects.get()
    assert response.url == reverse("scheduling:run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "+&nbsp;added" in page
    assert "behind the standard" in page
    assert "Publish: tell 1 person" in page


def test_the_runs_form_keeps_what_was_typed_when_it_is_wrong(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("scheduling:runs"), {"period": "year", "customer_cap": "7", "department_share": "0"}
    )
    assert response.status_code == 400
    assert SchedulerRun.objects.count() == 0
    page = response.content.decode()
    assert 'value="7"' in page
    assert "Select a valid choice" in page


def test_the_runs_list_runs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    SchedulerRunFactory.create_batch(25, created_by=cast.program_lead)
    client.force_login(cast.program_lead)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("scheduling:runs"))
    assert response.content.decode().count('href="/scheduling/runs/') == 20


def test_the_progress_fragment_polls_until_the_run_is_done(client, cast):
    run = SchedulerRunFactory(status=RunStatus.RUNNING, progress=40)
    client.force_login(cast.program_lead)
    running = client.get(reverse("scheduling:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert "Finding the fairest assignments" in running.content.decode()
    run.status = RunStatus.READY
    run.save()
    done = client.get(reverse("scheduling:progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"


def test_the_publish_button_publishes_and_says_what_happened(
    client, cast, django_capture_on_commit_callbacks
):
    next_week_seat(cast)
    run = run_now(cast, django_capture_on_commit_callbacks)
    client.force_login(cast.program_lead)
    response = client.post(reverse("scheduling:publish", args=[run.pk]), follow=True)
    assert "Published: 1 added, 0 withdrawn, 0 unchanged" in response.content.decode()
    again = client.post(reverse("scheduling:publish", args=[run.pk]), follow=True)
    assert "cannot be published: it is published" in again.content.decode()


# --- API ---------------------------------------------------------------------------------------


def api_call(client, cast, method: str, path: str, body=None):
    from ridealong.accounts.services import token_create

    raw = token_create(user=cast.program_lead, name="scheduler tests", by=None)[1]
    headers = {"authorization": f"Bearer {raw}"}
    if method == "get":
        return client.get("/api/v1" + path, headers=headers)
    return client.post(
        "/api/v1" + path, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_the_api_runs_reads_and_publishes(client, cast, django_capture_on_commit_callbacks):
    next_week_seat(cast)
    with django_capture_on_commit_callbacks(execute=True):
        created = api_call(client, cast, "post", "/scheduler-runs", {"period": "week"})
    assert created.status_code == 201
    run_id = created.json()["id"]
    run = api_call(client, cast, "get", f"/scheduler-runs/{run_id}").json()
    assert (run["status"], run["progress"], run["gap"]) == ("ready", 100, 0.0)
    proposals = api_call(client, cast, "get", f"/scheduler-runs/{run_id}/proposals").json()
    assert proposals["count"] == 1
    assert proposals["items"][0]["reason"].startswith("You are 2 h behind")
    published = api_call(client, cast, "post", f"/scheduler-runs/{run_id}/publish")
    assert published.json()["outcome"]["added"] == 1
    twice = api_call(client, cast, "post", f"/scheduler-runs/{run_id}/publish")
    assert twice.status_code == 409
    assert "cannot be published" in twice.json()["detail"]


def test_the_api_refuses_an_unknown_period_with_a_400(client, cast):
    response = api_call(client, cast, "post", "/scheduler-runs", {"period": "year"})
    assert response.status_code == 400
    assert SchedulerRun.objects.count() == 0


def test_the_preview_runs_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    from ridealong.scheduling.models import ProposedAssignment

    start, end, _ = services.period_bounds("week")
    run = SchedulerRunFactory(period_start=start, period_end=end)
    for day in range(5):
        seat = next_week_seat(cast, day=day, customer=cast.globex)
        ProposedAssignment.objects.create(
            run=run, occurrence=seat, person=f.PersonFactory(), reason="You are 2 h behind."
        )
    client.force_login(cast.program_lead)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("scheduling:run", args=[run.pk]))
    assert response.content.decode().count("You are 2 h behind.") == 5
