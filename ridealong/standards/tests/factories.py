"""Factories for standards, groups and availability."""

import datetime

import factory

from ridealong.standards.models import Availability, OutOfOffice, PeopleGroup, Standard
from tests import factories as f


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeopleGroup

    name = factory.Sequence(lambda n: f"Group {n}")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    name = factory.Sequence(lambda n: f"Standard {n}")
    scope = "everyone"
    period_length = 6
    period_unit = "weeks"
    min_minutes = 120


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Availability

    person = factory.SubFactory(f.PersonFactory)


class OutOfOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutOfOffice

    person = factory.SubFactory(f.PersonFactory)
    starts_on = datetime.date(2026, 12, 21)
    ends_on = datetime.date(2027, 1, 1)
    reason = "Holiday"
