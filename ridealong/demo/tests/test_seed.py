"""`ridealong seed`: synthetic data at scale, in the numbers asked for, the same every time."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import Engagement, Part, Participation
from ridealong.people.models import Department, Person


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_adds_the_numbers_asked_for(db):
    output = seed("--people", "120", "--customers", "15", "--engagements", "300")
    assert Person.objects.count() == 120
    assert Customer.objects.count() == 15
    assert Engagement.objects.count() == 300
    assert "120 people" in output
    assert "300 engagements" in output


def test_every_engagement_has_one_to_three_participants_and_one_host(db):
    seed("--people", "60", "--customers", "10", "--engagements", "200")
    per_engagement = Engagement.objects.annotate(
        n=Count("participations"),
        hosts=Count("participations", filter=Q(participations__part=Part.HOST)),
    ).values_list("n", "hosts")
    assert {n for n, _ in per_engagement} <= {1, 2, 3}
    assert {hosts for _, hosts in per_engagement} == {1}
    assert Participation.objects.count() > 200


def test_it_builds_a_department_tree_with_managers(db):
    seed("--people", "200", "--customers", "0", "--engagements", "0")
    roots = Department.objects.filter(parent__isnull=True)
    assert roots.count() == 10
    assert all(root.children.exists() for root in roots)
    assert not Person.objects.filter(department__parent__isnull=True).exists()  # in teams
    without_manager = Person.objects.filter(manager__isnull=True).count()
    assert without_manager == roots.count()  # one head per root department
    assert Person.objects.filter(reports__isnull=False).distinct().count() > 10


def test_customers_have_contacts_and_contacts_met_are_at_the_customer(db):
    seed("--people", "30", "--customers", "20", "--engagements", "300")
    per_customer = Customer.objects.annotate(n=Count("contacts")).values_list("n", flat=True)
    assert min(per_customer) >= 1
    assert max(per_customer) <= 4
    links = Engagement.contacts.through.objects.select_related("engagement", "contact")
    assert links.exists()
    for link in links:
        assert link.contact.customer_id == link.engagement.customer_id


def test_the_same_seed_gives_the_same_people_under_a_new_domain(db):
    seed("--people", "40", "--customers", "5", "--engagements", "20", "--seed", "7")
    seed("--people", "40", "--customers", "5", "--engagements", "20", "--seed", "7")
    first = Person.objects.filter(email__endswith="@run1.seed.example").order_by("pk")
    second = Person.objects.filter(email__endswith="@run2.seed.example").order_by("pk")
    names = ("first_name", "last_name", "title")
    assert list(first.values_list(*names)) == list(second.values_list(*names))
    assert first.count() == 40
    assert Customer.objects.count() == 10


def test_it_adds_to_a_company_that_already_has_people(cast):
    before = (Person.objects.count(), Customer.objects.count(), Engagement.objects.count())
    seed("--people", "25", "--customers", "3", "--engagements", "40")
    assert Person.objects.count() == before[0] + 25
    assert Customer.objects.count() == before[1] + 3
    assert Engagement.objects.count() == before[2] + 40
    # The cast's Engineering department is reused, not duplicated.
    assert Department.objects.filter(name__iexact="Engineering").count() == 1


def test_engagements_alone_use_the_people_and_customers_already_there(cast):
    seed("--people", "0", "--customers", "0", "--engagements", "30")
    assert Engagement.objects.count() == 31
    assert Contact.objects.count() == 2


def test_engagements_need_people(db):
    with pytest.raises(CommandError, match="need people"):
        seed("--people", "0", "--customers", "0", "--engagements", "5")


def test_it_refuses_negative_numbers(db):
    with pytest.raises(CommandError):
        seed("--people", "-1")
