"""Factories for seats: an opportunity with one occurrence a week ahead, and assignments."""

import datetime

import factory
from django.utils import timezone

from ridealong.seats import services
from ridealong.seats.models import Occurrence, Opportunity
from tests import factories as f


def next_week_at(hour: int = 10, days: int = 7) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def opportunity(*, by=None, host=None, kind: str = "sales-ride-along", **overrides) -> Opportunity:
    """An opportunity made through the service, so its occurrences exist."""
    starts_at = overrides.pop("starts_at", None) or next_week_at()
    arguments = {
        "host": host or f.PersonFactory(first_name="Hanna", last_name="Host"),
        "kind": f.kind(kind),
        "title": "Sales call with Acme",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=1),
        "customer": f.CustomerFactory(name="Acme Seats")
        if kind not in {"support-listening", "support-shift"}
        else None,
        "seats": 1,
    } | overrides
    return services.opportunity_create(by=by, **arguments)


def occurrence(**overrides) -> Occurrence:
    return opportunity(**overrides).occurrences.get()


class PersonFactory(f.PersonFactory):
    first_name = factory.Sequence(lambda n: f"Seat{n}")
