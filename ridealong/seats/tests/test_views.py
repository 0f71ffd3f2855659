"""Seats pages: the board, signing up from it, posting an opportunity, my seats."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.seats import services
from ridealong.seats.models import Assignment, Opportunity
from ridealong.seats.tests.factories import PersonFactory, next_week_at, occurrence, opportunity
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_shows_upcoming_seats_with_seats_left_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.member)
    for n in range(3):
        slot = occurrence(title=f"Call {n}", seats=2)
        services.signup(occurrence=slot, person=PersonFactory(), by=None)
    with django_assert_max_num_queries(12):
        few = client.get(reverse("seats:board"))
    for n in range(12):
        occurrence(title=f"More {n}", seats=3)
    with django_assert_max_num_queries(12):
        many = client.get(reverse("seats:board"))
    assert few.status_code == many.status_code == 200
    assert few.content.decode().count('data-seats-left="1"') == 3
    assert many.content.decode().count("Sign up") >= 15


def test_it_signs_up_from_the_board_and_shows_it_in_my_seats(client, cast):
    slot = occurrence(title="Install at Acme", seats=1)
    client.force_login(cast.member)
    response = client.post(
        reverse("seats:signup", args=[slot.pk]), {"next": reverse("seats:board")}, follow=True
    )
    assert "You have a seat" in response.content.decode()
    mine = client.get(reverse("seats:mine")).content.decode()
    assert "Install at Acme" in mine
    assert Assignment.objects.get(occurrence=slot).person == cast.member.person


def test_it_offers_the_waitlist_when_full_and_explains_a_second_sign_up(client, cast):
    slot = occurrence(seats=1)
    services.signup(occurrence=slot, person=PersonFactory(), by=None)
    client.force_login(cast.member)
    board = client.get(reverse("seats:board")).content.decode()
    assert "Join waitlist" in board
    full = client.post(reverse("seats:signup", args=[slot.pk]), follow=True).content.decode()
    assert "All 1 seats are taken" in full
    client.post(reverse("seats:signup", args=[slot.pk]), {"waitlist": "1"})
    again = client.post(
        reverse("seats:signup", args=[slot.pk]), {"waitlist": "1"}, follow=True
    ).content.decode()
    assert "already on the waitlist (number 1)" in again


def test_it_ignores_a_next_that_leaves_the_site(client, cast):
    slot = occurrence()
    client.force_login(cast.member)
    response = client.post(
        reverse("seats:signup", args=[slot.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("seats:board")


def test_it_filters_the_board_by_kind_and_returns_only_results_to_htmx(client, cast):
    occurrence(title="Listening", kind="support-listening")
    occurrence(title="Sales call")
    client.force_login(cast.member)
    kind = f.kind("support-listening")
    response = client.get(reverse("seats:board"), {"kind": kind.pk}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Listening" in body
    assert "Sales call" not in body
    assert "<html" not in body


def _form(cast, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=3)
    return {
        "title": "Support line listening",
        "host": cast.member.person.pk,
        "kind": f.kind("support-listening").pk,
        "customer": "",
        "date": day.isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "channel": "phone",
        "seats": "2",
        "eligibility": "everyone",
        "new_hire_days": "30",
        "repeat": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    } | overrides


def test_it_posts_a_recurring_opportunity_from_the_form(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("seats:opportunity_create"), _form(cast))
    opp = Opportunity.objects.get()
    assert response["Location"] == reverse("seats:opportunity_detail", args=[opp.pk])
    assert opp.recurrence == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert opp.occurrences.count() >= 50  # about 12 weeks of weekdays
    assert {timezone.localtime(o.starts_at).hour for o in opp.occurrences.all()} == {9}


def test_it_keeps_what_was_typed_and_says_what_is_wrong(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("seats:opportunity_create"),
        _form(cast, repeat="custom", rule="FREQ=HOURLY", kind=f.kind("sales-ride-along").pk),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "at most daily" in body
    assert "pick which one" in body  # a sales call needs a customer
    assert 'value="Support line listening"' in body
    assert not Opportunity.objects.exists()


def test_it_lets_members_host_only_themselves(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("seats:opportunity_create"), _form(cast, host=cast.other_member.person.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    client.force_login(cast.program_lead)
    client.post(reverse("seats:opportunity_create"), _form(cast, host=cast.other_member.person.pk))
    assert Opportunity.objects.get().host == cast.other_member.person


def test_it_shows_the_host_who_signed_up_with_approve_buttons(client, cast):
    opp = opportunity(host=cast.member.person, requires_approval=True, seats=2)
    services.signup(occurrence=opp.occurrences.get(), person=cast.other_member.person, by=None)
    client.force_login(cast.member)
    body = client.get(reverse("seats:opportunity_detail", args=[opp.pk])).content.decode()
    assert "Fay Finance" in body
    assert "Approve" in body
    mine = client.get(reverse("seats:mine")).content.decode()
    assert "Sign-ups waiting for you" in mine


def test_it_logs_a_past_seat_with_one_click_and_opens_it_the_second_time(client, cast):
    start = timezone.now() - datetime.timedelta(days=1)
    slot = occurrence(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    seat = Assignment.objects.create(
        occurrence=slot, person=cast.member.person, status="confirmed", seat_number=1
    )
    client.force_login(cast.member)
    assert "Log it" in client.get(reverse("seats:mine")).content.decode()
    first = client.post(reverse("seats:assignment_log", args=[seat.pk]))
    seat.refresh_from_db()
    assert first["Location"] == reverse("engagements:detail", args=[seat.engagement_id])
    second = client.post(reverse("seats:assignment_log", args=[seat.pk]))
    assert second["Location"] == first["Location"]


def test_it_swaps_a_seat_when_the_colleague_accepts_on_their_page(client, cast):
    slot = occurrence(seats=1, starts_at=next_week_at(hour=8))
    seat = services.signup(occurrence=slot, person=cast.member.person, by=None)
    client.force_login(cast.member)
    client.post(
        reverse("seats:swap_create", args=[seat.pk]),
        {"to_person": cast.other_member.person.pk, "message": "Clash with a review"},
    )
    client.force_login(cast.other_member)
    page = client.get(reverse("seats:mine")).content.decode()
    assert "asks you to take their seat" in page
    assert "Clash with a review" in page
    swap = seat.swap_requests.get()
    client.post(reverse("seats:swap_accept", args=[swap.pk]))
    assert Assignment.objects.get(occurrence=slot, status="confirmed").person == (
        cast.other_member.person
    )
