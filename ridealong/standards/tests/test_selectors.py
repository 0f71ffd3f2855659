"""Progress and deficits for many people, as the pages and the scheduler read them."""

import datetime

import pytest
from django.utils import timezone

from ridealong.people.models import RoleKind
from ridealong.standards import selectors
from ridealong.standards.catalog import DEFAULT_STANDARD_NAME
from ridealong.standards.models import Scope, Standard
from ridealong.standards.tests.factories import (
    AvailabilityFactory,
    GroupFactory,
    OutOfOfficeFactory,
    StandardFactory,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


def contact(person, *, days_ago: float, minutes: int = 60, slug: str = "site-visit"):
    engagement = f.EngagementFactory(
        kind=f.kind(slug),
        started_at=NOW - datetime.timedelta(days=days_ago),
        duration_minutes=minutes,
    )
    return f.ParticipationFactory(engagement=engagement, person=person)


def test_it_ships_the_default_standard(default_standard):
    assert default_standard.name == DEFAULT_STANDARD_NAME
    assert default_standard.period_days == 42
    assert default_standard.min_minutes == 120
    assert default_standard.scope == Scope.EVERYONE


def test_it_reports_deficits_for_the_scheduler(default_standard):
    behind = f.PersonFactory(first_name="Behind")
    ahead = f.PersonFactory(first_name="Ahead")
    contact(behind, days_ago=3, minutes=90)
    contact(ahead, days_ago=3, minutes=150)
    contact(behind, days_ago=50, minutes=600)  # outside the 6 weeks

    found = selectors.deficits(at=NOW)

    assert found[behind.pk].minutes_missing == 30
    assert found[behind.pk].standard_id == default_standard.pk
    assert found[behind.pk].is_behind
    assert found[ahead.pk].minutes_missing == 0
    assert not found[ahead.pk].is_behind


def test_it_leaves_inactive_people_out_of_deficits(default_standard):
    gone = f.PersonFactory(is_active=False)
    assert gone.pk not in selectors.deficits(at=NOW)


def test_it_flags_new_technical_hires_without_a_support_contact(default_standard):
    new = f.PersonFactory(role_kind=RoleKind.TECHNICAL, hire_date=datetime.date(2026, 11, 2))
    supported = f.PersonFactory(role_kind=RoleKind.TECHNICAL, hire_date=datetime.date(2026, 11, 2))
    contact(supported, days_ago=2, slug="support-listening")
    old_hand = f.PersonFactory(role_kind=RoleKind.TECHNICAL, hire_date=datetime.date(2025, 1, 1))
    accountant = f.PersonFactory(role_kind=RoleKind.OTHER, hire_date=datetime.date(2026, 11, 2))

    found = selectors.deficits(at=NOW)

    assert found[new.pk].needs_support_seat
    assert not found[supported.pk].needs_support_seat
    assert not found[old_hand.pk].needs_support_seat
    assert not found[accountant.pk].needs_support_seat


def test_it_applies_standards_to_departments_below_roles_and_groups(default_standard):
    parent = f.DepartmentFactory(name="Engineering")
    child = f.DepartmentFactory(name="Controls", parent=parent)
    engineer = f.PersonFactory(department=child, role_kind=RoleKind.TECHNICAL)
    leader = f.PersonFactory(role_kind=RoleKind.LEADER)
    grouped = f.PersonFactory(role_kind=RoleKind.OTHER)
    group = GroupFactory(name="Leadership team")
    group.members.add(grouped)
    by_department = StandardFactory(scope=Scope.DEPARTMENT, department=parent, min_live=1)
    by_role = StandardFactory(scope=Scope.ROLE_KIND, role_kind=RoleKind.LEADER)
    by_group = StandardFactory(scope=Scope.GROUP, group=group, min_minutes=None, min_contacts=3)

    found = selectors.progress_for([engineer, leader, grouped], today=NOW.date())

    def names(person):
        return {item.standard.pk for item in found[person.pk].items}

    assert names(engineer) == {default_standard.pk, by_department.pk}
    assert names(leader) == {default_standard.pk, by_role.pk}
    assert names(grouped) == {default_standard.pk, by_group.pk}


def test_it_takes_the_tightest_standard_as_the_deficit(default_standard):
    person = f.PersonFactory(role_kind=RoleKind.TECHNICAL)
    contact(person, days_ago=1, minutes=120, slug="role-play")  # not live
    strict = StandardFactory(
        name="Engineering", scope=Scope.ROLE_KIND, role_kind=RoleKind.TECHNICAL, min_live=1
    )

    deficit = selectors.deficits(at=NOW)[person.pk]

    assert deficit.standard_id == strict.pk
    assert deficit.live_missing == 1
    assert deficit.minutes_missing == 0


def test_it_ignores_inactive_standards(default_standard):
    person = f.PersonFactory()
    default_standard.is_active = False
    default_standard.save()
    assert selectors.progress_for([person], today=NOW.date())[person.pk].items == []


def test_it_computes_many_people_in_constant_queries(
    default_standard, django_assert_max_num_queries
):
    StandardFactory(scope=Scope.ROLE_KIND, role_kind=RoleKind.TECHNICAL, min_live=1)
    selectors.deficits(at=NOW)  # creates the organisation and new-hire rule singletons
    people = [f.PersonFactory() for _ in range(15)]
    for person in people:
        contact(person, days_ago=2)
        contact(person, days_ago=9, slug="support-shift")
    with django_assert_max_num_queries(7):
        found = selectors.deficits(at=NOW)
    assert len(found) == 15
    with django_assert_max_num_queries(7):
        selectors.progress_for(people, today=NOW.date())


def test_it_gives_availability_with_defaults_and_absences():
    stored = AvailabilityFactory(working_days=0b0000111, weekly_max=1)
    stored.preferred_kinds.add(f.kind("support-shift"))
    OutOfOfficeFactory(
        person=stored.person,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 3),
    )
    OutOfOfficeFactory(
        person=stored.person, starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 3)
    )
    plain_person = f.PersonFactory()

    found = selectors.availability_for(
        [stored.person.pk, plain_person.pk],
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 31),
    )

    mine = found[stored.person.pk]
    assert mine.working_days == frozenset({0, 1, 2})
    assert mine.weekly_max == 1
    assert mine.preferred_kind_ids == frozenset({f.kind("support-shift").pk})
    assert mine.away == ((datetime.date(2026, 12, 1), datetime.date(2026, 12, 3)),)
    assert not mine.is_available_on(datetime.date(2026, 12, 2))
    assert mine.is_available_on(datetime.date(2026, 12, 8))  # a Tuesday
    assert not mine.is_available_on(datetime.date(2026, 12, 10))  # a Thursday
    default = found[plain_person.pk]
    assert default.working_days == frozenset(range(5))
    assert default.weekly_max == 2
    assert default.away == ()


def test_it_uses_the_organisations_calendar_day(default_standard, settings):
    from ridealong.core.models import Organisation

    org = Organisation.current()
    org.time_zone = "Pacific/Auckland"
    org.save()
    assert selectors.organisation_today(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
    ) == datetime.date(2026, 11, 21)
    assert timezone.is_aware(NOW)
    assert Standard.objects.count() == 1
