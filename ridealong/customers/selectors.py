"""Reads about customers and contacts, with the rules on who sees contact details.

Everyone signed in sees every customer and its contacts' names (sharing is the point);
e-mail addresses and phone numbers are shown only to those with a reason: the account
owner, anyone a registered grant opens the customer to (engagements: who took part in an
engagement with it), their managers, program leads and admins.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.roles import can_manage_program, require
from ridealong.customers.models import Contact, Customer, CustomerQuerySet
from ridealong.customers.registry import contact_detail_grants
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
    person_ids = own_and_report_person_ids(user)
    if not person_ids:
        return set()
    ids = set(Customer.objects.filter(owner_id__in=person_ids).values_list("id", flat=True))
    for _name, grant in contact_detail_grants.items():
        ids.update(grant(person_ids))
    return ids


def can_see_contact_details(user: Any, customer: Customer) -> bool:
    return customer.pk in customer_ids_with_contact_details(user)


def can_edit_customer(user: Any, customer: Customer) -> bool:
    """Program leads and admins; the account owner and the owner's managers."""
    if can_manage_program(user):
        return True
    return bool(customer.owner_id and customer.owner_id in own_and_report_person_ids(user))


def customer_list(*, search: str = "", relationship: str = "", segment: str = "") -> QuerySet:
    qs: CustomerQuerySet = Customer.objects.select_related("owner").annotate(
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
class CustomerOverview:
    """What the customer page shows beside the customer's own fields (other apps add panels)."""

    contacts: list[Contact]
    can_see_contact_details: bool
    can_edit: bool
    can_delete: bool


def customer_overview(user: Any, customer: Customer) -> CustomerOverview:
    return CustomerOverview(
        contacts=list(customer.contacts.order_by("name", "id")),
        can_see_contact_details=can_see_contact_details(user, customer),
        can_edit=can_edit_customer(user, customer),
        can_delete=can_manage_program(user),
    )


def get_customer_for_deletion(user: Any, pk: int) -> Customer:
    """Only program leads and admins delete customers (404 if missing, 403 if not allowed)."""
    customer = get_object_or_404(Customer.objects.select_related("owner"), pk=pk)
    require(can_manage_program(user))
    return customer
