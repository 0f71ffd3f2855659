"""Seats: signing up, the waitlist, approvals, swaps, cancelling, logging the contact."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ridealong.core.models import AuditEvent
from ridealong.engagements.models import Part
from ridealong.seats import services
from ridealong.seats.models import Assignment, AssignmentStatus, Eligibility, SwapStatus
from ridealong.seats.services import SeatRefused
from ridealong.seats.tests.factories import PersonFactory, next_week_at, occurrence, opportunity
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_gives_the_free_seat_and_then_offers_the_waitlist():
    slot = occurrence(seats=1)
    first, second = PersonFactory(), PersonFactory()
    taken = services.signup(occurrence=slot, person=first, by=None)
    assert (taken.status, taken.seat_number) == (AssignmentStatus.CONFIRMED, 1)
    with pytest.raises(SeatRefused) as refused:
        services.signup(occurrence=slot, person=second, by=None)
    assert refused.value.code == "full"
    assert "Join the waitlist" in refused.value.messages[0]
    waiting = services.join_waitlist(occurrence=slot, person=second, by=None)
    assert (waiting.status, waiting.waitlist_position) == (AssignmentStatus.WAITLISTED, 1)


def test_it_gives_the_same_person_one_seat_and_says_so():
    slot = occurrence(seats=3)
    person = PersonFactory()
    services.signup(occurrence=slot, person=person, by=None)
    with pytest.raises(SeatRefused) as refused:
        services.signup(occurrence=slot, person=person, by=None)
    assert refused.value.code == "twice"
    assert refused.value.messages == ["You already have a seat on this one."]
    assert Assignment.objects.filter(person=person).count() == 1


def test_it_gives_a_freed_seat_to_the_first_on_the_waitlist_and_tells_them(
    heard, django_capture_on_commit_callbacks
):
    slot = occurrence(seats=1)
    holder, first, second = PersonFactory(), PersonFactory(), PersonFactory()
    seat = services.signup(occurrence=slot, person=holder, by=None)
    one = services.join_waitlist(occurrence=slot, person=first, by=None)
    two = services.join_waitlist(occurrence=slot, person=second, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_cancel(assignment=seat, by=None)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, one.seat_number, one.waitlist_position) == ("confirmed", 1, None)
    assert (two.status, two.waitlist_position) == ("waitlisted", 2)
    assert heard == [(seat.pk, "cancelled"), (one.pk, "confirmed")]
    assert one.sequence == 1


def test_it_refuses_to_cancel_what_has_started():
    slot = occurrence(seats=1)
    seat = services.signup(occurrence=slot, person=PersonFactory(), by=None)
    slot.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    slot.save()
    with pytest.raises(SeatRefused, match="already started"):
        services.assignment_cancel(assignment=seat, by=None)


def test_it_holds_a_seat_until_the_host_approves_or_declines():
    slot = occurrence(seats=1, requires_approval=True)
    asker, waiting = PersonFactory(), PersonFactory()
    pending = services.signup(occurrence=slot, person=asker, by=None)
    assert (pending.status, pending.seat_number) == ("pending", 1)
    queued = services.join_waitlist(occurrence=slot, person=waiting, by=None)
    services.assignment_decline(assignment=pending, by=None)
    queued.refresh_from_db()
    # The waitlist moves up, and the host approves this one too.
    assert (queued.status, queued.seat_number) == ("pending", 1)
    approved = services.assignment_approve(assignment=queued, by=None)
    assert approved.status == "confirmed"


@pytest.mark.parametrize(
    ("rule", "person_kwargs", "reason"),
    [
        ("new_hires", {"hire_date": datetime.date(2019, 1, 1)}, "New hires only"),
        ("not_host_team", {"same_department": True}, "Not for the host's own team"),
        ("departments", {}, "Not for your department"),
    ],
)
def test_it_says_why_a_person_may_not_take_a_seat(rule, person_kwargs, reason):
    sales = f.DepartmentFactory(name="Sales")
    host = f.PersonFactory(department=sales)
    engineering = f.DepartmentFactory(name="Engineering")
    extra = {}
    if rule == "departments":
        extra["departments"] = [engineering]
    slot = occurrence(host=host, eligibility=rule, **extra)
    department = sales if person_kwargs.pop("same_department", False) else None
    person = PersonFactory(department=department, **person_kwargs)
    with pytest.raises(SeatRefused) as refused:
        services.signup(occurrence=slot, person=person, by=None)
    assert refused.value.code == "ineligible"
    assert refused.value.messages[0].startswith(reason)


def test_it_lets_sub_departments_and_recent_hires_in():
    engineering = f.DepartmentFactory(name="Engineering")
    software = f.DepartmentFactory(name="Software", parent=engineering)
    listed = occurrence(eligibility=Eligibility.DEPARTMENTS, departments=[engineering], seats=2)
    assert services.signup(occurrence=listed, person=PersonFactory(department=software), by=None)
    new = occurrence(eligibility=Eligibility.NEW_HIRES, kind="support-listening")
    hired = timezone.localdate() - datetime.timedelta(days=20)
    assert services.signup(occurrence=new, person=PersonFactory(hire_date=hired), by=None)


def test_it_does_not_let_the_host_sign_up_for_their_own_seat():
    slot = occurrence()
    with pytest.raises(SeatRefused, match="You host this one"):
        services.signup(occurrence=slot, person=slot.opportunity.host, by=None)


def test_it_moves_the_seat_when_the_colleague_accepts_a_swap(
    heard, django_capture_on_commit_callbacks
):
    slot = occurrence(seats=2)
    giver, taker = PersonFactory(), PersonFactory()
    seat = services.signup(occurrence=slot, person=giver, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        swap = services.swap_request(assignment=seat, to_person=taker, by=None, message="Clash")
    seat.refresh_from_db()
    assert seat.status == "confirmed"  # nothing moves before the answer
    with django_capture_on_commit_callbacks(execute=True):
        taken = services.swap_accept(swap=swap, by=None)
    seat.refresh_from_db()
    swap.refresh_from_db()
    assert (seat.status, taken.person, taken.seat_number) == ("cancelled", taker, 1)
    assert (swap.status, swap.new_assignment) == (SwapStatus.ACCEPTED, taken)
    assert heard == [(seat.pk, "swap_requested"), (seat.pk, "cancelled"), (taken.pk, "confirmed")]


def test_it_refuses_a_swap_to_someone_already_on_it_and_keeps_the_seat_on_decline():
    slot = occurrence(seats=2)
    giver, other = PersonFactory(), PersonFactory()
    seat = services.signup(occurrence=slot, person=giver, by=None)
    services.signup(occurrence=slot, person=other, by=None)
    with pytest.raises(SeatRefused, match="already on this one"):
        services.swap_request(assignment=seat, to_person=other, by=None)
    swap = services.swap_request(assignment=seat, to_person=PersonFactory(), by=None)
    services.swap_decline(swap=swap, by=None)
    seat.refresh_from_db()
    assert seat.status == "confirmed"


def test_it_turns_an_assignment_into_an_engagement_once():
    host = f.PersonFactory(first_name="Hanna")
    start = timezone.now() - datetime.timedelta(days=2)
    slot = occurrence(
        host=host, starts_at=start, ends_at=start + datetime.timedelta(minutes=90), seats=2
    )
    a, b = PersonFactory(), PersonFactory()
    # Seats on the past are placed directly (the board refuses them).
    one = Assignment.objects.create(occurrence=slot, person=a, status="confirmed", seat_number=1)
    two = Assignment.objects.create(occurrence=slot, person=b, status="confirmed", seat_number=2)
    engagement, created = services.assignment_to_engagement(assignment=one, by=None)
    assert created
    assert engagement.kind == slot.opportunity.kind
    assert engagement.customer == slot.opportunity.customer
    assert (engagement.started_at, engagement.duration_minutes) == (slot.starts_at, 90)
    parts = {(p.person, p.part) for p in engagement.participations.all()}
    assert parts == {(host, Part.HOST), (a, Part.OBSERVER)}
    again, created_again = services.assignment_to_engagement(assignment=one, by=None)
    assert (again, created_again) == (engagement, False)
    # The second observer joins the same engagement.
    shared, _ = services.assignment_to_engagement(assignment=two, by=None)
    assert shared == engagement
    assert engagement.participations.count() == 3


def test_it_refuses_to_log_what_has_not_happened():
    seat = services.signup(occurrence=occurrence(), person=PersonFactory(), by=None)
    with pytest.raises(SeatRefused, match="once it has happened"):
        services.assignment_to_engagement(assignment=seat, by=None)


def test_it_asks_for_a_customer_on_a_sales_call_but_not_on_a_support_shift():
    with pytest.raises(ValidationError) as error:
        opportunity(customer=None)
    assert "customer" in error.value.message_dict
    assert opportunity(kind="support-shift").customer is None


def test_it_audits_sign_ups_and_cancellations():
    seat = services.signup(occurrence=occurrence(seats=1), person=PersonFactory(), by=None)
    services.assignment_cancel(assignment=seat, by=None)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"seats.assignment.created", "seats.assignment.cancelled"} <= actions


def test_it_tells_people_when_their_date_moves_and_keeps_their_seat(
    heard, django_capture_on_commit_callbacks
):
    opp = opportunity(seats=2)
    seat = services.signup(occurrence=opp.occurrences.get(), person=PersonFactory(), by=None)
    later = next_week_at(hour=14)
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_update(
            opportunity=opp,
            by=None,
            host=opp.host,
            kind=opp.kind,
            customer=opp.customer,
            title=opp.title,
            starts_at=later,
            ends_at=later + datetime.timedelta(hours=1),
            seats=2,
        )
    seat.refresh_from_db()
    assert seat.occurrence.starts_at == later
    assert (seat.status, seat.sequence) == ("confirmed", 1)
    assert heard == [(seat.pk, "changed")]


def test_it_refuses_fewer_seats_than_people_holding_them():
    opp = opportunity(seats=2)
    slot = opp.occurrences.get()
    services.signup(occurrence=slot, person=PersonFactory(), by=None)
    services.signup(occurrence=slot, person=PersonFactory(), by=None)
    with pytest.raises(ValidationError) as error:
        services.opportunity_update(
            opportunity=opp,
            by=None,
            host=opp.host,
            kind=opp.kind,
            customer=opp.customer,
            title=opp.title,
            starts_at=opp.starts_at,
            ends_at=opp.ends_at,
            seats=1,
        )
    assert "2 people already hold seats" in error.value.message_dict["seats"][0]


def test_it_cancels_an_opportunity_and_everyone_on_it(heard, django_capture_on_commit_callbacks):
    opp = opportunity(seats=1)
    seat = services.signup(occurrence=opp.occurrences.get(), person=PersonFactory(), by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_cancel(opportunity=opp, by=None)
    seat.refresh_from_db()
    assert seat.status == "cancelled"
    assert heard == [(seat.pk, "cancelled")]


def test_it_keeps_scheduler_proposals_quiet_until_published(
    heard, django_capture_on_commit_callbacks
):
    slot = occurrence(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.assignment_place(occurrence=slot, person=PersonFactory(), by=None)
    assert (proposal.status, proposal.source, proposal.is_published) == (
        "confirmed",
        "scheduler",
        False,
    )
    assert heard == []
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_publish(assignment=proposal, by=None)
    assert heard == [(proposal.pk, "confirmed")]
