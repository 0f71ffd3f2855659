"""The demo company: believable, complete, uneven on purpose, and the same every time."""

import datetime
import statistics
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from ridealong.accounts.models import Role, User
from ridealong.core.models import AuditEvent, Organisation
from ridealong.customers.models import Contact, Customer, Relationship
from ridealong.demo.company import DEMO_PASSWORD, ORGANISATION_NAME, DemoNotLoadable
from ridealong.demo.loader import demo_logins, load_demo
from ridealong.demo.people import DEPARTMENTS
from ridealong.engagements.catalog import DEFAULT_KINDS
from ridealong.engagements.models import Engagement, Part, Participation
from ridealong.people.models import Department, Person, RoleKind

TODAY = datetime.date(2025, 3, 14)


@pytest.fixture(scope="module")
def _demo_company(django_db_setup, django_db_blocker):
    """The company is loaded once for this module's tests, inside a transaction that is rolled
    back afterwards (each test runs in a savepoint within it): nothing is left behind, whatever
    other apps add to the demo."""
    # The tests check passwords with the fast hasher conftest sets for each test.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with fast:
                summary = load_demo(today=TODAY)
            yield summary
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_company, db):
    return _demo_company


def _snapshot() -> dict:
    return {
        "counts": (
            Department.objects.count(),
            Person.objects.count(),
            Customer.objects.count(),
            Contact.objects.count(),
            Engagement.objects.count(),
            Participation.objects.count(),
        ),
        "first_names": list(Person.objects.order_by("pk").values_list("first_name", flat=True)),
        "customers": list(Customer.objects.order_by("pk").values_list("name", "owner__email")),
        "summaries": list(Engagement.objects.order_by("pk").values_list("summary", flat=True)),
    }


def participations_by_department() -> Counter:
    return Counter(
        dict(Participation.objects.values_list("person__department__name").annotate(n=Count("id")))
    )


def test_it_loads_a_mid_sized_manufacturing_company(demo):
    org = Organisation.current()
    assert (org.name, org.time_zone) == (ORGANISATION_NAME, "Europe/Berlin")
    assert 140 <= Person.objects.count() == demo.people <= 160
    assert 55 <= Customer.objects.count() == demo.customers <= 65
    assert set(Department.objects.values_list("name", flat=True)) == {
        name for name, _ in DEPARTMENTS.values()
    }
    engineering = Department.objects.get(name="Engineering")
    assert set(engineering.children.values_list("name", flat=True)) == {
        "Mechanical Engineering",
        "Controls & Firmware",
        "Software",
    }


def test_every_department_has_a_manager_and_leaders_lead(demo):
    for department in Department.objects.filter(people__isnull=False).distinct():
        people = department.people.all()
        # Someone in the department has reports (or it is a one-person department).
        assert people.count() == 1 or people.filter(reports__isnull=False).exists(), department
    ceo = Person.objects.get(title="Chief Executive Officer")
    assert ceo.manager is None
    assert ceo.role_kind == RoleKind.LEADER
    assert Person.objects.filter(role_kind=RoleKind.LEADER, title__startswith="VP").count() >= 3
    assert Person.objects.exclude(manager__isnull=False).count() == 1  # only the CEO


def test_it_has_new_hires_and_people_from_several_countries(demo):
    recent = Person.objects.filter(hire_date__gt=TODAY - datetime.timedelta(days=30))
    assert 3 <= recent.count() <= 10
    assert Person.objects.values("location").distinct().count() >= 5
    assert Person.objects.filter(is_active=False).exists()


def test_customers_are_current_prospects_and_competitors_clients(demo):
    relationships = Counter(Customer.objects.values_list("relationship", flat=True))
    assert relationships[Relationship.CURRENT] > 35
    assert relationships[Relationship.PROSPECT] >= 5
    assert 2 <= relationships[Relationship.COMPETITOR_CLIENT] <= 8
    assert set(Customer.objects.values_list("segment", flat=True)) == {
        "Enterprise",
        "Mid-market",
        "Small business",
    }
    assert {"Dairy", "Pharma", "Cosmetics", "Bakery", "Pet food", "Food & beverage"} <= set(
        Customer.objects.values_list("industry", flat=True)
    )
    assert {"Germany", "France", "United States", "Canada"} <= set(
        Customer.objects.values_list("country", flat=True)
    )
    owners = Person.objects.filter(owned_customers__isnull=False).distinct()
    assert set(owners.values_list("department__name", flat=True)) == {"Sales"}
    assert not Customer.objects.filter(notes="").exists()


def test_every_customer_has_one_to_four_contacts(demo):
    per_customer = Customer.objects.annotate(n=Count("contacts")).values_list("n", flat=True)
    assert min(per_customer) >= 1
    assert max(per_customer) <= 4
    assert Contact.objects.filter(do_not_contact=True).exists()
    assert not Contact.objects.filter(email="").exists()
    assert all(e.endswith(".example") for e in Contact.objects.values_list("email", flat=True))
    assert Contact.objects.filter(title="Plant Manager").count() == Customer.objects.count()


def test_it_uses_every_kind_of_contact_in_the_last_six_months(demo):
    used = set(Engagement.objects.values_list("kind__slug", flat=True))
    assert used == {slug for slug, *_ in DEFAULT_KINDS}
    first = Engagement.objects.order_by("started_at").first().started_at.date()
    last = Engagement.objects.order_by("started_at").last().started_at.date()
    assert TODAY - datetime.timedelta(days=190) <= first
    assert last < TODAY
    assert not Engagement.objects.filter(participations__isnull=True).exists()


def test_nobody_meets_a_customer_before_they_were_hired(demo):
    for started_at, hired in Participation.objects.values_list(
        "engagement__started_at", "person__hire_date"
    ):
        assert started_at.date() >= hired


def test_hosts_have_been_here_a_month_and_new_hires_start_on_the_support_line(demo):
    for started_at, hired in Participation.objects.filter(part=Part.HOST).values_list(
        "engagement__started_at", "person__hire_date"
    ):
        assert started_at.date() > hired + datetime.timedelta(days=30)
    new_hires = Person.objects.filter(hire_date__gt=TODAY - datetime.timedelta(days=30)).exclude(
        department__name__in=["Customer Support", "Sales"]
    )
    on_support = new_hires.filter(participations__engagement__kind__slug="support-shift")
    assert on_support.distinct().count() >= new_hires.count() / 2


def test_contacts_met_work_at_the_engagements_customer(demo):
    for engagement in Engagement.objects.prefetch_related("contacts"):
        for contact in engagement.contacts.all():
            assert contact.customer_id == engagement.customer_id
            assert not contact.do_not_contact


def test_summaries_and_notes_are_specific_and_varied(demo):
    summaries = list(Engagement.objects.values_list("summary", flat=True))
    notes = [n for n in Engagement.objects.values_list("notes", flat=True) if n]
    assert len(set(summaries)) > 0.6 * len(summaries)
    assert len(notes) > 0.4 * len(summaries)
    for text in summaries + notes:
        assert "{" not in text
        assert "}" not in text
        assert "  " not in text
        assert " at :" not in text
        assert "from  " not in text
    assert any("changeover" in s for s in summaries)


def test_the_contacts_are_spread_unevenly_so_dashboards_tell_a_story(demo):
    by_department = participations_by_department()
    people = Counter(dict(Person.objects.values_list("department__name").annotate(n=Count("id"))))

    def per_head(name: str) -> float:
        return by_department[name] / people[name]

    for customer_facing in ("Sales", "Customer Support", "Field Service"):
        assert per_head(customer_facing) > 10
    assert per_head("Software") > 3 * per_head("Mechanical Engineering")
    assert by_department["Legal"] <= 3
    assert by_department["HR"] <= 10
    lena = Person.objects.get(email="lena.hoffmann@falkenrath.example")
    assert lena.participations.count() >= 0.8 * by_department["Finance"]
    ceo = Person.objects.get(title="Chief Executive Officer")
    assert ceo.participations.count() >= 15  # the leader who models it
    assert not Person.objects.get(title="VP Operations").participations.exists()  # never goes


def test_a_few_customers_get_far_more_visitors(demo):
    counts = sorted(
        Customer.objects.annotate(n=Count("engagements")).values_list("n", flat=True),
        reverse=True,
    )
    assert counts[2] >= 2 * statistics.median(counts)


def test_the_demo_sign_ins_work_for_every_role(demo, client):
    logins = demo_logins()
    assert [login.role for login in logins] == [
        Role.ADMIN,
        Role.PROGRAM_LEAD,
        Role.MANAGER,
        Role.MANAGER,
        Role.MEMBER,
        Role.MEMBER,
    ]
    assert logins == demo.logins
    for login in logins:
        assert client.login(username=login.email, password=DEMO_PASSWORD), login
        client.logout()
    assert User.objects.get(role=Role.ADMIN).is_superuser
    assert User.objects.count() == 6  # everyone else has no login
    assert User.objects.get(role=Role.PROGRAM_LEAD).person.title == "Head of Customer Experience"


def test_the_demo_password_passes_the_password_validators():
    from django.contrib.auth.password_validation import validate_password

    validate_password(DEMO_PASSWORD)


def test_it_writes_one_audit_event(demo):
    event = AuditEvent.objects.get(action="core.demo.loaded")
    assert event.changes["people"] == demo.people


def test_it_loads_only_into_an_empty_company(demo):
    with pytest.raises(DemoNotLoadable):
        load_demo(today=TODAY)
    assert Person.objects.count() == demo.people
