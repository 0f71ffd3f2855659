"""Writes about customers and their contacts. Every write is audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.update import model_update
from ridealong.customers.models import Contact, Customer

CUSTOMER_FIELDS = {
    "name",
    "external_id",
    "relationship",
    "segment",
    "industry",
    "city",
    "country",
    "annual_revenue",
    "owner",
    "notes",
    "photo",
    "photo_consent_by",
    "photo_consent_at",
    "photo_consent_use",
}
CONTACT_FIELDS = {
    "name",
    "title",
    "email",
    "phone",
    "preferred_channel",
    "do_not_contact",
    "external_id",
}


def _check(fields: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")
    if "external_id" in fields and not fields["external_id"]:
        fields["external_id"] = None
    if fields.get("email"):
        fields["email"] = fields["email"].strip().lower()
    return fields


def _check_consent(customer: Customer, *, photo_changed: bool) -> None:
    """A customer's photo is kept only with a complete, recorded consent."""
    if customer.photo_consent_use and not (customer.photo_consent_by and customer.photo_consent_at):
        raise ValidationError(
            {"photo_consent_by": "Record who gave consent and when, or leave the consent empty."}
        )
    if photo_changed and customer.photo and not customer.photo_consent_use:
        raise ValidationError(
            {
                "photo_consent_use": (
                    "Record the customer's consent (who, when, for what use) with the photo."
                )
            }
        )


@transaction.atomic
def customer_create(*, by: User | None, **fields: Any) -> Customer:
    customer = Customer(**_check(fields, CUSTOMER_FIELDS, "customer"))
    _check_consent(customer, photo_changed=bool(customer.photo))
    customer.full_clean()
    customer.save()
    log_action("customers.customer.created", actor=by, target=customer)
    return customer


@transaction.atomic
def customer_update(*, customer: Customer, by: User, **fields: Any) -> Customer:
    data = _check(fields, CUSTOMER_FIELDS, "customer")
    model_update(
        customer,
        data=data,
        action="customers.customer.updated",
        by=by,
        validate=lambda changed: _check_consent(changed, photo_changed="photo" in data),
    )
    return customer


@transaction.atomic
def customer_delete(*, customer: Customer, by: User) -> None:
    if customer.engagements.exists():
        raise ValidationError(
            "This customer has engagements; their history would be lost. "
            "Delete or move the engagements first."
        )
    log_action("customers.customer.deleted", actor=by, target=customer)
    customer.delete()


@transaction.atomic
def contact_create(*, customer: Customer, by: User | None, **fields: Any) -> Contact:
    contact = Contact(customer=customer, **_check(fields, CONTACT_FIELDS, "contact"))
    contact.full_clean()
    contact.save()
    log_action(
        "customers.contact.created", actor=by, target=contact, changes={"customer": customer.name}
    )
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, by: User, **fields: Any) -> Contact:
    data = _check(fields, CONTACT_FIELDS, "contact")
    model_update(contact, data=data, action="customers.contact.updated", by=by)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, by: User) -> None:
    log_action("customers.contact.deleted", actor=by, target=contact)
    contact.delete()
