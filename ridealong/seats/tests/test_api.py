"""Seats through the API: the same rules as the pages, refusals as 409 with the reason."""

import datetime

import pytest
from django.utils import timezone

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.seats.models import Assignment, Opportunity
from ridealong.seats.tests.factories import PersonFactory, occurrence

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, cast):
    raw = ApiToken.generate()
    ApiToken.objects.create(user=cast.member, name="t", prefix=raw[:10], digest=hash_token(raw))
    headers = {"authorization": f"Bearer {raw}"}

    def call(method: str, path: str, data=None):
        if method == "get":
            return client.get(path, data or {}, headers=headers)
        return getattr(client, method)(
            path, data or {}, content_type="application/json", headers=headers
        )

    return call


def test_it_signs_up_then_refuses_a_full_date_with_the_reason(api, cast):
    from ridealong.seats import services

    slot = occurrence(seats=1)
    taken = api("post", "/api/v1/signups", {"occurrence": slot.pk})
    assert taken.status_code == 201
    assert (taken.json()["status"], taken.json()["seat_number"]) == ("confirmed", 1)
    twice = api("post", "/api/v1/signups", {"occurrence": slot.pk})
    assert twice.status_code == 409
    assert twice.json()["detail"] == "You already have a seat on this one."
    other = occurrence(seats=1)
    services.signup(occurrence=other, person=PersonFactory(), by=None)
    full = api("post", "/api/v1/signups", {"occurrence": other.pk})
    assert full.status_code == 409
    assert "Join the waitlist" in full.json()["detail"]
    queued = api("post", "/api/v1/signups", {"occurrence": other.pk, "waitlist": True})
    assert queued.json()["waitlist_position"] == 1


def test_it_lists_dates_with_seats_left_and_my_assignments(api, cast):
    slot = occurrence(seats=3)
    api("post", "/api/v1/signups", {"occurrence": slot.pk})
    dates = api("get", "/api/v1/occurrences").json()
    assert dates["items"][0]["seats_left"] == 2
    mine = api("get", "/api/v1/assignments/mine").json()
    assert [a["occurrence"] for a in mine["items"]] == [slot.pk]


def test_it_posts_a_recurring_opportunity_and_refuses_a_naive_time(api, cast):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    body = {
        "kind": 3,
        "title": "Support line listening",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    }
    from tests import factories as f

    body["kind"] = f.kind("support-listening").pk
    created = api("post", "/api/v1/opportunities", body)
    assert created.status_code == 201, created.content
    assert Opportunity.objects.get().occurrences.count() >= 50
    naive = api("post", "/api/v1/opportunities", body | {"starts_at": "2026-12-01T09:00:00"})
    assert naive.status_code == 400
    assert "starts_at" in naive.json()["errors"]
    bad = api("post", "/api/v1/opportunities", body | {"recurrence": "FREQ=SECONDLY"})
    assert bad.status_code == 400
    assert "recurrence" in bad.json()["errors"]


def test_it_turns_a_seat_into_an_engagement_once(api, cast):
    start = timezone.now() - datetime.timedelta(days=1)
    slot = occurrence(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    seat = Assignment.objects.create(
        occurrence=slot, person=cast.member.person, status="confirmed", seat_number=1
    )
    first = api("post", f"/api/v1/assignments/{seat.pk}/engagement")
    second = api("post", f"/api/v1/assignments/{seat.pk}/engagement")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["engagement"] == second.json()["engagement"]
