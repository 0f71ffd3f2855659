"""Seats in a real browser on a phone: the board, signing up, my seats, cancelling."""

import datetime
import re

from django.utils import timezone

from ridealong.seats import services
from ridealong.seats.models import Assignment
from tests import factories as f
from tests.browser.conftest import sign_in, watch_console


def _offer(data, *, title: str, seats: int, days: int):
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return services.opportunity_create(
        by=data.other_manager,
        host=data.other_manager.person,
        kind=f.kind("sales-ride-along"),
        customer=data.globex,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        seats=seats,
        place="Globex plant, Lyon",
    ).occurrences.get()


def test_a_member_signs_up_on_the_board_and_finds_the_seat_in_my_seats(
    phone, live_server, data, screenshot
):
    problems = watch_console(phone)
    slot = _offer(data, title="Sales call with Globex", seats=1, days=3)
    full = _offer(data, title="Globex quarterly review", seats=1, days=5)
    services.signup(occurrence=full, person=data.other_member.person, by=None)

    sign_in(phone, live_server, "max@example.com")
    phone.goto(f"{live_server.url}/seats/")
    card = phone.locator(f"#occurrence-{slot.pk}")
    assert "1 of 1 seat left" in re.sub(r"\s+", " ", card.inner_text())
    assert "Join waitlist" in phone.locator(f"#occurrence-{full.pk}").inner_text()
    screenshot(phone, "seats-board")

    card.get_by_role("button", name="Sign up").click()
    phone.wait_for_selector(".message")
    assert "You have a seat" in phone.locator(".messages").inner_text()
    assert "Your seat" in phone.locator(f"#occurrence-{slot.pk}").inner_text()
    assert "Full" in phone.locator(f"#occurrence-{slot.pk}").inner_text()

    phone.goto(f"{live_server.url}/seats/mine/")
    mine = phone.locator("main").inner_text()
    assert "Sales call with Globex" in mine
    assert "Confirmed" in mine
    screenshot(phone, "seats-mine")
    seat = Assignment.objects.get(occurrence=slot, person=data.member.person)
    assert seat.status == "confirmed"

    # The page fits a phone: nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    phone.locator(f"#assignment-{seat.pk}").get_by_role("button", name="Cancel").click()
    phone.wait_for_selector(".message")
    seat.refresh_from_db()
    assert seat.status == "cancelled"
    assert problems == []
