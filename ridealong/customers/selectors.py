"""Reads about customers and contacts, with the rules on who sees contact details.

Everyone signed in sees every customer and its contacts' names (sharing is the point);
e-mail addresses and phone numbers are shown only to those with a reason: the account
owner, anyone who has engaged with the customer, their managers, program leads and admins.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.roles import can_manage_program, require
from ridealong.customers.models import Contact, Customer
from ridealong.people.selectors import own_and_report_person_ids


class AllCustomers:
    """Stands for "every customer" where a set of ids would be needlessly large."""

    def __contains__(self, item: object) -> bool:
        return True


ALL = AllCustomers()


def customer_ids_with_contact_details(user: Any) -> set[int] | AllCustomers:
    """The customers whose contacts' e-mail and phone this user may see."""
    if not user.is_authenticated:
        return set()
    if user.sees_everything:
        return ALL
    from ridealong.engagements.models import Participation

    person_ids = own_and_report_person_ids(user)
    if not person_ids:
        return set()
    owned = Customer.objects.filter(owner_id__in=person_ids).values_list("id", flat=True)
    engaged = (
        Participation.objects.filter(person_id__in=person_ids, engagement__customer__isnull=False)
        .values_list("engagement__customer_id", flat=True)
        .distinct()
    )
    return set(owned) | set(engaged)


def can_see_contact_details(user: Any, customer: Customer) -> bool:
    return customer.pk in customer_ids_with_contact_details(user)


def can_edit_customer(user: Any, customer: Customer) -> bool:
    """Program leads and admins; the account owner and the owner's managers."""
    if can_manage_program(user):
        return True
    return bool(customer.owner_id and customer.owner_id in own_and_report_person_ids(user))


def customer_list(*, search: str = "", relationship: str = "", segment: str = "") -> QuerySet:
    qs = Customer.objects.select_related("owner").annotate(
        engagement_count=Count("engagements", distinct=True),
        last_engaged_at=Max("engagements__started_at"),
    )
    if search:
        qs = qs.search(search)
    if relationship:
        qs = qs.filter(relationship=relationship)
    if segment:
        qs = qs.filter(segment__iexact=segment)
    return qs.order_by("name", "id")


def get_customer_for_user(user: Any, pk: int, *, write: bool = False) -> Customer:
    customer = get_object_or_404(Customer.objects.select_related("owner"), pk=pk)
    if write:
        require(can_edit_customer(user, customer))
    return customer


def get_contact_for_user(user: Any, pk: int, *, write: bool = False) -> Contact:
    contact = get_object_or_404(Contact.objects.select_related("customer"), pk=pk)
    if write:
        require(can_edit_customer(user, contact.customer))
    return contact


# --- the customer pages -----------------------------------------------------------------------


def customer_search(
    *,
    search: str = "",
    relationship: str = "",
    segment: str = "",
    industry: str = "",
    country: str = "",
) -> QuerySet:
    """customer_list, also filtered by industry and country (the customers page's filters)."""
    qs = customer_list(search=search, relationship=relationship, segment=segment)
    if industry:
        qs = qs.filter(industry__iexact=industry)
    if country:
        qs = qs.filter(country__iexact=country)
    return qs


@dataclass(frozen=True)
class CustomerFilterChoices:
    segments: list[str]
    industries: list[str]
    countries: list[str]


def customer_filter_choices() -> CustomerFilterChoices:
    """The segments, industries and countries in use, for the filters (one query)."""
    segments: set[str] = set()
    industries: set[str] = set()
    countries: set[str] = set()
    for segment, industry, country in (
        Customer.objects.order_by().values_list("segment", "industry", "country").distinct()
    ):
        segments.add(segment)
        industries.add(industry)
        countries.add(country)

    def tidy(values: set[str]) -> list[str]:
        return sorted((v for v in values if v), key=str.lower)

    return CustomerFilterChoices(tidy(segments), tidy(industries), tidy(countries))


@dataclass(frozen=True)
class PersonWhoMet:
    person: Any
    contact_count: int
    last_met_at: Any


@dataclass(frozen=True)
class CustomerOverview:
    """What the customer page shows beside the customer's own fields."""

    contacts: list[Contact]
    people_who_met: list[PersonWhoMet]
    engagement_count: int
    can_see_contact_details: bool
    can_edit: bool
    can_delete: bool


def people_who_met(customer_id: int) -> list[PersonWhoMet]:
    """Everyone from the company who took part in an engagement with the customer (one query)."""
    from ridealong.people.models import Person

    people = (
        Person.objects.filter(participations__engagement__customer_id=customer_id)
        .annotate(
            contact_count=Count("participations", distinct=True),
            last_met_at=Max("participations__engagement__started_at"),
        )
        .select_related("department")
        .order_by("-last_met_at", "last_name", "first_name", "id")
    )
    return [PersonWhoMet(p, p.contact_count, p.last_met_at) for p in people]


def customer_overview(user: Any, customer: Customer) -> CustomerOverview:
    return CustomerOverview(
        contacts=list(customer.contacts.order_by("name", "id")),
        people_who_met=people_who_met(customer.pk),
        engagement_count=customer.engagements.count(),
        can_see_contact_details=can_see_contact_details(user, customer),
        can_edit=can_edit_customer(user, customer),
        can_delete=can_manage_program(user),
    )


def get_customer_for_deletion(user: Any, pk: int) -> Customer:
    """Only program leads and admins delete customers (404 if missing, 403 if not allowed)."""
    customer = get_object_or_404(Customer.objects.select_related("owner"), pk=pk)
    require(can_manage_program(user))
    return customer
