import datetime
import zoneinfo

import pytest
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.demo.loader import load_demo
from ridealong.seats.models import Assignment, Opportunity


@pytest.mark.django_db
def test_the_demo_offers_believable_seats_with_sign_ups_a_waitlist_and_logged_ones():
    summary = load_demo(today=timezone.localdate())
    listening = Opportunity.objects.get(title="Support line listening")
    assert listening.recurrence == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert listening.occurrences.count() >= 50
    zone = zoneinfo.ZoneInfo(Organisation.current().time_zone)
    starts = {o.starts_at.astimezone(zone).time() for o in listening.occurrences.all()}
    assert starts == {datetime.time(9)}
    assert Opportunity.objects.filter(customer__isnull=False).count() >= 12
    assert Assignment.objects.filter(status="waitlisted").exists()
    assert Assignment.objects.filter(engagement__isnull=False).count() >= 3
    jonas = Assignment.objects.filter(person__email="jonas.weber@falkenrath.example")
    assert jonas.filter(status="confirmed", engagement__isnull=True).count() >= 2
    assert (
        any(key.startswith("seat") for key in summary.extras)
        if hasattr(summary, "extras")
        else True
    )


@pytest.mark.django_db
def test_the_demo_loads_for_a_day_in_the_past_too():
    load_demo(today=datetime.date(2026, 3, 2))
    assert Opportunity.objects.filter(title="Support line listening").exists()
