"""factory_boy factories for every model of the foundation (tests and `ridealong seed`)."""

import datetime

import factory
from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.customers.models import Contact, Customer, Relationship
from ridealong.engagements.catalog import install_default_kinds
from ridealong.engagements.models import ContactKind, Engagement, Part, Participation
from ridealong.people.models import Department, Person, RoleKind

PASSWORD = "correct horse battery staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    title = "Engineer"
    department = factory.SubFactory(DepartmentFactory)
    role_kind = RoleKind.TECHNICAL
    hire_date = datetime.date(2022, 3, 1)


class UserFactory(factory.django.DjangoModelFactory):
    """A login with a person behind it (as every real user of Ridealong has)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    email = factory.LazyAttribute(lambda u: u.person.email if u.person else "user@example.com")
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"Customer {n} GmbH")
    relationship = Relationship.CURRENT
    segment = "Mid-market"
    industry = "Food processing"
    city = "Lyon"
    country = "France"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    customer = factory.SubFactory(CustomerFactory)
    name = factory.Faker("name")
    title = "Plant manager"
    email = factory.Sequence(lambda n: f"contact{n}@customer.example")
    phone = factory.Sequence(lambda n: f"+33 4 00 00 {n:04d}")


def kind(slug: str = "site-visit") -> ContactKind:
    """A shipped kind of contact (the catalog is loaded by a migration, and brought back here
    after a transactional test has emptied every table)."""
    found = ContactKind.objects.filter(slug=slug).first()
    if found is None:
        install_default_kinds(ContactKind)
        found = ContactKind.objects.get(slug=slug)
    return found


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    kind = factory.LazyFunction(kind)
    customer = factory.SubFactory(CustomerFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    duration_minutes = 90
    summary = factory.Sequence(lambda n: f"Visit number {n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    engagement = factory.SubFactory(EngagementFactory)
    person = factory.SubFactory(PersonFactory)
    part = Part.OBSERVER
