"""Customers and the contacts at them.

Everyone signed in reads every customer and its contacts' names; a contact's e-mail and
phone are null unless the caller may see them (customer_ids_with_contact_details). Anyone
signed in adds a customer; its owner, the owner's managers, program leads and admins change
it and its contacts; program leads and admins delete it.
"""

import datetime
import decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.core.api.errors import Conflict, get_or_invalid
from ridealong.core.api.schemas import (
    Filters,
    Id,
    Input,
    PersonRef,
    Ref,
    choice_or_blank,
    max_length,
    page,
    partial,
    responses,
)
from ridealong.customers import selectors, services
from ridealong.customers.models import Channel, Contact, Customer, PhotoUse, Relationship
from ridealong.people.models import Person

router = Router()

# --- customers --------------------------------------------------------------------------------


class CustomerOut(Schema):
    id: int
    name: str
    external_id: str | None
    relationship: Relationship
    segment: str
    industry: str
    city: str
    country: str
    annual_revenue: decimal.Decimal | None
    owner: PersonRef | None = Field(description="The account owner.")
    notes: str
    photo: str | None = Field(description="URL of the photo, if there is one.")
    photo_consent_by: str
    photo_consent_at: datetime.date | None
    photo_consent_use: str
    engagement_count: int
    last_engaged_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_photo(customer: Customer) -> str | None:
        return customer.photo.url if customer.photo else None


class CustomerIn(Input):
    name: str = Field(min_length=1, max_length=max_length(Customer, "name"))
    external_id: str | None = Field(
        None, max_length=max_length(Customer, "external_id"), description="Id in the CRM."
    )
    relationship: Relationship = Relationship.CURRENT
    segment: str = Field("", max_length=max_length(Customer, "segment"))
    industry: str = Field("", max_length=max_length(Customer, "industry"))
    city: str = Field("", max_length=max_length(Customer, "city"))
    country: str = Field("", max_length=max_length(Customer, "country"))
    annual_revenue: decimal.Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, allow_inf_nan=False
    )
    owner: Id | None = Field(None, description="The account owner (a person's id).")
    notes: str = ""
    photo_consent_by: str = Field("", max_length=max_length(Customer, "photo_consent_by"))
    photo_consent_at: datetime.date | None = None
    # A Literal of the choices (for the OpenAPI enum) built at run time; mypy sees a call.
    photo_consent_use: choice_or_blank(PhotoUse) = ""  # type: ignore[valid-type]


if TYPE_CHECKING:
    CustomerPatch = CustomerIn  # for mypy: the same fields (optional at run time)
else:
    CustomerPatch = partial(CustomerIn)


class CustomerFilters(Filters):
    q: str = Field("", max_length=200, description="Words in the name, city, industry, segment.")
    relationship: Relationship | None = None
    segment: str = Field("", max_length=max_length(Customer, "segment"))


class CustomerPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CustomerOut]


def _with_counts(customer: Customer) -> Customer:
    """The customer as the list shows it (with its engagement count and last engagement)."""
    return selectors.customer_list().get(pk=customer.pk)


def _customer_fields(data: dict[str, Any]) -> dict[str, Any]:
    if "owner" in data:
        data["owner"] = get_or_invalid(Person, data["owner"], "owner")
    return data


@router.get(
    "/customers",
    response=responses(200, CustomerPage),
    tags=["Customers"],
    summary="List customers",
)
def list_customers(request: AuthenticatedHttpRequest, filters: Query[CustomerFilters]) -> dict:
    customers = selectors.customer_list(
        search=filters.q, relationship=filters.relationship or "", segment=filters.segment
    )
    return page(customers, filters)


@router.post(
    "/customers", response=responses(201, CustomerOut), tags=["Customers"], summary="Add a customer"
)
def create_customer(request: AuthenticatedHttpRequest, payload: CustomerIn) -> Status:
    """Anyone signed in."""
    customer = services.customer_create(by=request.user, **_customer_fields(payload.dict()))
    return Status(201, _with_counts(customer))


@router.get(
    "/customers/{customer_id}",
    response=responses(200, CustomerOut),
    tags=["Customers"],
    summary="A customer",
)
def read_customer(request: AuthenticatedHttpRequest, customer_id: Id) -> Customer:
    return _with_counts(selectors.get_customer_for_user(request.user, customer_id))


@router.patch(
    "/customers/{customer_id}",
    response=responses(200, CustomerOut),
    tags=["Customers"],
    summary="Change a customer",
)
def update_customer(
    request: AuthenticatedHttpRequest,
    customer_id: Id,
    payload: CustomerPatch,
) -> Customer:
    """The account owner, the owner's managers, program leads and admins."""
    customer = selectors.get_customer_for_user(request.user, customer_id, write=True)
    data = _customer_fields(payload.dict(exclude_unset=True))
    return _with_counts(services.customer_update(customer=customer, by=request.user, **data))


@router.delete(
    "/customers/{customer_id}",
    response=responses(204, None),
    tags=["Customers"],
    summary="Delete a customer",
)
def delete_customer(request: AuthenticatedHttpRequest, customer_id: Id) -> Status:
    """Program leads and admins, for a customer with no engagements (409 otherwise)."""
    customer = selectors.get_customer_for_user(request.user, customer_id)
    require(can_manage_program(request.user))
    try:
        services.customer_delete(customer=customer, by=request.user)
    except ValidationError as refused:
        raise Conflict(" ".join(refused.messages)) from refused
    return Status(204, None)


# --- contacts ---------------------------------------------------------------------------------


class ContactOut(Schema):
    id: int
    customer: Ref
    name: str
    title: str
    email: str | None = Field(description="Null unless you may see this customer's details.")
    phone: str | None = Field(description="Null unless you may see this customer's details.")
    preferred_channel: str
    do_not_contact: bool
    external_id: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ContactFields(Input):
    name: str = Field(min_length=1, max_length=max_length(Contact, "name"))
    title: str = Field("", max_length=max_length(Contact, "title"))
    email: str = Field("", max_length=max_length(Contact, "email"))
    phone: str = Field("", max_length=max_length(Contact, "phone"))
    # A Literal of the choices (for the OpenAPI enum) built at run time; mypy sees a call.
    preferred_channel: choice_or_blank(Channel) = ""  # type: ignore[valid-type]
    do_not_contact: bool = False
    external_id: str | None = Field(None, max_length=max_length(Contact, "external_id"))


class ContactIn(ContactFields):
    customer: Id


if TYPE_CHECKING:
    ContactPatch = ContactFields  # for mypy: the same fields (optional at run time)
else:
    ContactPatch = partial(ContactFields)


class ContactFilters(Filters):
    customer: Id | None = Field(None, description="Only this customer's contacts.")
    q: str = Field("", max_length=200, description="Part of the name.")


class ContactPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContactOut]


def present_contact(contact: Contact, details: Any) -> dict[str, Any]:
    """The contact, with e-mail and phone only if `details` holds the contact's customer."""
    shown = contact.customer_id in details
    return {
        "id": contact.pk,
        "customer": {"id": contact.customer_id, "name": contact.customer.name},
        "name": contact.name,
        "title": contact.title,
        "email": contact.email if shown else None,
        "phone": contact.phone if shown else None,
        "preferred_channel": contact.preferred_channel,
        "do_not_contact": contact.do_not_contact,
        "external_id": contact.external_id,
        "created_at": contact.created_at,
        "updated_at": contact.updated_at,
    }


def _present_one(request: AuthenticatedHttpRequest, contact: Contact) -> dict[str, Any]:
    return present_contact(contact, selectors.customer_ids_with_contact_details(request.user))


@router.get(
    "/contacts", response=responses(200, ContactPage), tags=["Contacts"], summary="List contacts"
)
def list_contacts(request: AuthenticatedHttpRequest, filters: Query[ContactFilters]) -> dict:
    contacts = Contact.objects.select_related("customer").order_by("customer__name", "name", "id")
    if filters.customer is not None:
        contacts = contacts.filter(customer_id=filters.customer)
    if filters.q:
        contacts = contacts.filter(name__icontains=filters.q)
    # Worked out once for the whole page, not once per contact.
    details = selectors.customer_ids_with_contact_details(request.user)
    return page(contacts, filters, lambda rows: [present_contact(c, details) for c in rows])


@router.post(
    "/contacts", response=responses(201, ContactOut), tags=["Contacts"], summary="Add a contact"
)
def create_contact(request: AuthenticatedHttpRequest, payload: ContactIn) -> Status:
    """Whoever may change the customer."""
    data = payload.dict()
    customer = get_or_invalid(Customer, data.pop("customer"), "customer")
    require(selectors.can_edit_customer(request.user, customer))
    contact = services.contact_create(customer=customer, by=request.user, **data)
    return Status(201, _present_one(request, contact))


@router.get(
    "/contacts/{contact_id}",
    response=responses(200, ContactOut),
    tags=["Contacts"],
    summary="A contact",
)
def read_contact(request: AuthenticatedHttpRequest, contact_id: Id) -> dict:
    return _present_one(request, selectors.get_contact_for_user(request.user, contact_id))


@router.patch(
    "/contacts/{contact_id}",
    response=responses(200, ContactOut),
    tags=["Contacts"],
    summary="Change a contact",
)
def update_contact(
    request: AuthenticatedHttpRequest,
    contact_id: Id,
    payload: ContactPatch,
) -> dict:
    """Whoever may change the customer."""
    contact = selectors.get_contact_for_user(request.user, contact_id, write=True)
    data = payload.dict(exclude_unset=True)
    contact = services.contact_update(contact=contact, by=request.user, **data)
    return _present_one(request, contact)


@router.delete(
    "/contacts/{contact_id}",
    response=responses(204, None),
    tags=["Contacts"],
    summary="Delete a contact",
)
def delete_contact(request: AuthenticatedHttpRequest, contact_id: Id) -> Status:
    """Whoever may change the customer. Engagements keep happening; they no longer name them."""
    contact = selectors.get_contact_for_user(request.user, contact_id, write=True)
    services.contact_delete(contact=contact, by=request.user)
    return Status(204, None)
