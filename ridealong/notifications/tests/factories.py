"""Seats for notification tests, made directly (the seats app's services are not needed)."""

import datetime
import zoneinfo

from ridealong.seats.models import Assignment, AssignmentStatus, Occurrence, Opportunity
from tests import factories as f

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def seat(
    *,
    person,
    host=None,
    customer=None,
    starts_at: datetime.datetime | None = None,
    minutes: int = 120,
    status: str = AssignmentStatus.CONFIRMED,
    sequence: int = 0,
    is_published: bool = True,
    title: str = "Service visit at Müller Süßwaren",
    briefing: str = "Watch how the night shift changes formats 🍫",
    place: str = "Werk 2, Dresden",
) -> Assignment:
    host = host or f.PersonFactory(first_name="Hanna", last_name="Höst")
    starts_at = starts_at or datetime.datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    opportunity = Opportunity.objects.create(
        host=host,
        kind=f.kind(),
        customer=customer,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        seats=2,
        briefing=briefing,
    )
    occurrence = Occurrence.objects.create(
        opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, seats=2
    )
    holds = status in {AssignmentStatus.CONFIRMED, AssignmentStatus.PENDING}
    return Assignment.objects.create(
        occurrence=occurrence,
        person=person,
        status=status,
        seat_number=1 if holds else None,
        waitlist_position=1 if status == AssignmentStatus.WAITLISTED else None,
        sequence=sequence,
        is_published=is_published,
    )
