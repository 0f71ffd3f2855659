"""Importing customers and their contacts from CRM exports."""

from decimal import Decimal
from pathlib import Path

import pytest

from ridealong.customers.models import Contact, Customer, Relationship
from ridealong.imports import services
from ridealong.imports.models import ImportJob, ImportStatus
from ridealong.imports.tests.helpers import csv_bytes, xlsx_bytes
from tests import factories as f

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SALESFORCE = ["Account ID", "Account Name", "Type", "Industry", "Billing City",
              "Billing Country", "Annual Revenue", "Account Owner", "First Name", "Last Name",
              "Title", "Email", "Phone", "Email Opt Out"]  # fmt: skip


def upload(content: bytes, name: str = "accounts.csv") -> ImportJob:
    return services.import_job_create(kind="customers", content=content, name=name, by=None)


def apply(job: ImportJob) -> ImportJob:
    job = services.import_job_confirm(job=job, by=None)
    assert job.status == ImportStatus.DONE, job.error_message
    return job


def reasons(job: ImportJob) -> dict[int, str]:
    return {r["row"]: "; ".join(r["reasons"]) for r in job.preview["rejected"]}


@pytest.fixture
def owen(db):
    return f.PersonFactory(first_name="Owen", last_name="Price", email="owen@example.com")


def row(cells: str) -> list[str]:
    return [cell.strip() for cell in cells.split(";")]


def test_a_salesforce_export_creates_accounts_with_their_contacts(owen):
    job = upload(
        csv_bytes(
            [
                SALESFORCE,
                row(
                    "001A; Acme Foods; Customer - Direct; Food; Lyon; France; 12,500,000; "
                    "owen@example.com; Carla; Dubois; Plant Manager; carla@acme.example; "
                    "+33 4 72 00 00 01; false"
                ),
                row(
                    "001A; Acme Foods; Customer - Direct; Food; Lyon; France; 12,500,000; "
                    "owen@example.com; Luc; Moreau; Maintenance Lead; LUC@acme.example; ; true"
                ),
                row(
                    "001B; Initech; Prospect; Beverages; Leeds; UK; ; Owen Price; Peter; Gibbons; "
                    "Engineer; peter@initech.example; ; "
                ),
            ]
        )
    )
    assert job.preview["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert job.preview["contact_counts"]["created"] == 3
    assert job.preview["created"][0]["detail"] == (
        "Current customer · Food · Lyon · owner Owen Price · 2 contacts"
    )
    apply(job)
    acme = Customer.objects.get(external_id="001A")
    assert (acme.name, acme.relationship, acme.annual_revenue, acme.owner) == (
        "Acme Foods",
        Relationship.CURRENT,
        Decimal("12500000.00"),
        owen,
    )
    contacts = {c.email: c for c in acme.contacts.all()}
    assert set(contacts) == {"carla@acme.example", "luc@acme.example"}
    assert contacts["luc@acme.example"].do_not_contact is True
    assert contacts["carla@acme.example"].phone == "+33 4 72 00 00 01"
    initech = Customer.objects.get(name="Initech")
    assert initech.relationship == Relationship.PROSPECT
    assert initech.owner == owen  # by name
    assert initech.annual_revenue is None


def test_a_hubspot_companies_export_maps_lifecycle_stages(db):
    header = ["Record ID", "Company name", "Lifecycle Stage", "City", "Country/Region"]
    apply(
        upload(
            csv_bytes(
                [
                    header,
                    ["9001", "Hooli", "Customer", "Valencia", "Spain"],
                    ["9002", "Pied Piper", "Sales Qualified Lead", "Palo Alto", "United States"],
                    ["9003", "Raviga", "Competitor's client", "", ""],
                ]
            )
        )
    )
    assert dict(Customer.objects.values_list("external_id", "relationship")) == {
        "9001": "current",
        "9002": "prospect",
        "9003": "competitor_client",
    }


def test_existing_customers_match_by_account_id_then_name_and_contacts_by_email(db):
    acme = f.CustomerFactory(name="ACME FOODS", external_id=None, city="Lyon")
    carla = f.ContactFactory(customer=acme, name="Carla D", email="Carla@acme.example")
    header = ["Account ID", "Company", "City", "Contact Name", "Email", "Phone"]
    job = upload(
        csv_bytes(
            [
                header,
                ["001A", "Acme Foods", "Lyon", "Carla Dubois", "carla@acme.example", "+33 1"],
                ["001A", "Acme Foods", "Lyon", "Luc Moreau", "luc@acme.example", ""],
            ]
        )
    )
    assert job.preview["counts"] == {"created": 0, "updated": 1, "unchanged": 0, "rejected": 0}
    changes = job.preview["updated"][0]["changes"]
    assert ["Account name", "ACME FOODS", "Acme Foods"] in changes
    assert ["Account ID (in the CRM)", "—", "001A"] in changes
    assert ["Carla Dubois: contact name", "Carla D", "Carla Dubois"] in changes
    assert ["Contact Luc Moreau", "—", "added"] in changes
    apply(job)
    acme.refresh_from_db()
    carla.refresh_from_db()
    assert (acme.name, acme.external_id) == ("Acme Foods", "001A")
    assert (carla.name, carla.phone) == ("Carla Dubois", "+33 1")
    assert acme.contacts.count() == 2
    assert Customer.objects.count() == 1


def test_the_same_crm_file_twice_changes_nothing_the_second_time(owen):
    content = (SAMPLES / "customers-salesforce.csv").read_bytes()
    f.PersonFactory(first_name="Mei", last_name="Chen", email="mei.chen@northwind.example")
    first = apply(upload(content))
    assert first.result["created"] == 10
    assert first.result["contacts_created"] == 13
    before = list(Customer.objects.order_by("id").values())
    contacts_before = list(Contact.objects.order_by("id").values())

    second = upload(content)
    assert second.preview["counts"] == {"created": 0, "updated": 0, "unchanged": 10, "rejected": 0}
    assert second.preview["contact_counts"] == {"created": 0, "updated": 0, "unchanged": 13}
    apply(second)
    assert list(Customer.objects.order_by("id").values()) == before
    assert list(Contact.objects.order_by("id").values()) == contacts_before


def test_rows_that_cannot_be_read_are_rejected_with_reasons(db):
    header = ["Account Name", "Type", "Annual Revenue", "Contact Name", "Email"]
    job = upload(
        csv_bytes(
            [
                header,
                ["", "Customer", "", "Nobody", ""],
                ["Globex", "Technology Partner", "", "", ""],
                ["Initech", "Prospect", "lots", "", ""],
                ["Umbrella", "Customer", "", "Alice", "not-an-email"],
                ["Umbrella", "Customer", "", "Raj", "raj@umbrella.example"],
                ["Umbrella", "Customer", "", "Raj again", "RAJ@umbrella.example"],
            ]
        )
    )
    found = reasons(job)
    assert found[2] == "no account name"
    assert found[3].startswith("Type: “Technology Partner” is not a customer relationship")
    assert found[4] == "Annual Revenue: “lots” is not an amount"
    assert found[5] == "contact e-mail “not-an-email” is not a valid e-mail address"
    assert found[7] == "the same contact (Raj again) is on row 6 for this account"
    assert job.preview["counts"]["created"] == 1  # Umbrella, from row 6


def test_an_unknown_account_owner_does_not_stop_the_account(db):
    job = upload(csv_bytes([["Company", "Account Owner"], ["Acme", "ghost@example.com"]]))
    assert job.preview["counts"]["created"] == 1
    assert job.preview["notices"][0]["message"] == (
        "account owner “ghost@example.com” is not a person in Ridealong; the owner is left as it is"
    )
    apply(job)
    assert Customer.objects.get().owner is None


def test_a_crm_workbook_with_formulas_keeps_them_as_text(db):
    content = xlsx_bytes([["Company", "Description"], ["Acme", '=HYPERLINK("x")']])
    job = apply(upload(content, name="accounts.xlsx"))
    assert job.preview["notice_count"] == 1
    assert Customer.objects.get().notes == '=HYPERLINK("x")'


def test_a_failed_customer_import_writes_nothing(db, monkeypatch):
    content = csv_bytes([["Company", "Contact Name"], ["Acme", "Carla"], ["Globex", "Gus"]])
    job = upload(content)

    def explode(model, objects):
        if model is Contact:
            raise RuntimeError("boom")
        return model.objects.bulk_create(objects)

    monkeypatch.setattr(services, "_bulk_create", explode)
    job = services.import_job_confirm(job=job, by=None)
    assert job.status == ImportStatus.FAILED
    assert not Customer.objects.exists()
    assert not Contact.objects.exists()
