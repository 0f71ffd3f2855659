"""Reads for imports: the access helper, the list of imports, and the snapshots of what
is already in Ridealong that the plans compare the file against."""

from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.roles import can_manage_program, require
from ridealong.core.api.schemas import max_length
from ridealong.customers.models import Contact, Customer
from ridealong.imports.customer_plan import ExistingContact, ExistingCustomer, Owner
from ridealong.imports.models import ImportJob
from ridealong.imports.people_plan import ExistingDepartment, ExistingPerson
from ridealong.people.models import Department, Person


def get_import_for_user(user: Any, pk: int, *, write: bool = False) -> ImportJob:
    """Imports are for program leads and admins (403 for everyone else; 404 if missing).

    `write` (re-map, confirm) needs the same role today; it is there so that a later rule
    (say, only the uploader confirms) has one place to go.
    """
    require(can_manage_program(user))
    return get_object_or_404(ImportJob.objects.select_related("created_by__person"), pk=pk)


def import_job_list(*, limit: int = 20) -> QuerySet[ImportJob]:
    return ImportJob.objects.recent()[:limit]


def _max_lengths(model: type[models.Model], names: dict[str, str]) -> dict[str, int]:
    return {key: max_length(model, name) for key, name in names.items()}


def people_max_lengths() -> dict[str, int]:
    lengths = _max_lengths(
        Person,
        {
            key: key
            for key in ("first_name", "last_name", "email", "external_id", "title", "location")
        },
    )
    lengths["department"] = max_length(Department, "name")
    return lengths


def customer_max_lengths() -> dict[str, int]:
    lengths = _max_lengths(
        Customer,
        {key: key for key in ("name", "external_id", "segment", "industry", "city", "country")},
    )
    lengths.update(
        _max_lengths(
            Contact, {"contact_name": "name", "contact_title": "title", "contact_phone": "phone"}
        )
    )
    return lengths


def people_snapshot() -> list[ExistingPerson]:
    fields = [
        "id",
        "first_name",
        "last_name",
        "email",
        "external_id",
        "title",
        "department_id",
        "manager_id",
        "role_kind",
        "hire_date",
        "location",
        "is_active",
    ]
    return [ExistingPerson(*row) for row in Person.objects.order_by("id").values_list(*fields)]


def departments_snapshot() -> list[ExistingDepartment]:
    return [
        ExistingDepartment(*row)
        for row in Department.objects.order_by("id").values_list("id", "name", "parent_id")
    ]


def customers_snapshot() -> list[ExistingCustomer]:
    fields = [
        "id",
        "name",
        "external_id",
        "relationship",
        "segment",
        "industry",
        "city",
        "country",
        "annual_revenue",
        "owner_id",
        "notes",
    ]
    return [ExistingCustomer(*row) for row in Customer.objects.order_by("id").values_list(*fields)]


def contacts_snapshot() -> list[ExistingContact]:
    fields = ["id", "customer_id", "name", "title", "email", "phone", "do_not_contact"]
    return [ExistingContact(*row) for row in Contact.objects.order_by("id").values_list(*fields)]


def owners_snapshot() -> list[Owner]:
    return [
        Owner(pk, email, f"{first} {last}".strip())
        for pk, email, first, last in Person.objects.order_by("id").values_list(
            "id", "email", "first_name", "last_name"
        )
    ]
