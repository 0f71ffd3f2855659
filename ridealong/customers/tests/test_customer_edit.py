"""Adding, editing and deleting customers and their contacts; photos with consent."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ridealong.core.models import AuditEvent
from ridealong.customers.models import Contact, Customer, PhotoUse, Relationship
from tests import factories as f


def customer_data(**overrides: object) -> dict[str, object]:
    data = {
        "name": "Hooli Bakery",
        "relationship": Relationship.PROSPECT,
        "segment": "Small business",
        "industry": "Bakery",
        "city": "Ghent",
        "country": "Belgium",
        "annual_revenue": "",
        "owner": "",
        "external_id": "",
        "notes": "Met at the chamber breakfast.",
        "photo_consent_by": "",
        "photo_consent_at": "",
        "photo_consent_use": "",
    }
    data.update(overrides)
    return data


def contact_data(**overrides: object) -> dict[str, object]:
    data = {
        "name": "Hank Hooli",
        "title": "Owner",
        "email": "hank@hooli.example",
        "phone": "+32 9 000 00 00",
        "preferred_channel": "email",
    }
    data.update(overrides)
    return data


def image(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format=fmt)
    return buffer.getvalue()


def owned_by(customer: Customer, person) -> Customer:
    customer.owner = person
    customer.save()
    return customer


# --- adding a customer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["member", "manager", "other_manager", "other_member", "program_lead", "admin"]
)
def test_any_signed_in_user_may_add_a_customer(client, cast, role):
    user = cast.user(role)
    client.force_login(user)
    assert client.get(reverse("customers:create")).status_code == 200
    response = client.post(reverse("customers:create"), customer_data(owner=user.person_id))
    hooli = Customer.objects.get(name="Hooli Bakery")
    assert response["Location"] == reverse("customers:detail", args=[hooli.pk])
    assert hooli.owner == user.person


def test_anonymous_visitors_cannot_add_a_customer(client, cast):
    response = client.post(reverse("customers:create"), customer_data())
    assert response.status_code == 302
    assert not Customer.objects.filter(name="Hooli Bakery").exists()


def test_the_new_customer_form_proposes_the_user_as_owner(client, cast):
    client.force_login(cast.member)
    form = client.get(reverse("customers:create")).context["form"]
    assert form["owner"].value() == cast.member.person_id


def test_adding_a_customer_is_audited(client, cast):
    client.force_login(cast.member)
    client.post(reverse("customers:create"), customer_data())
    event = AuditEvent.objects.get(action="customers.customer.created")
    assert event.actor == cast.member
    assert event.target_repr == "Hooli Bakery"


def test_it_keeps_what_was_typed_when_the_revenue_is_wrong(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("customers:create"), customer_data(annual_revenue="-5"))
    assert response.status_code == 200
    assert "annual_revenue" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Hooli Bakery"' in html
    assert "Met at the chamber breakfast." in html
    assert not Customer.objects.filter(name="Hooli Bakery").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": ""},
        {"name": "n" * 5000},
        {"notes": "nul\x00byte"},
        {"relationship": "friend"},
        {"owner": "999999"},
        {"annual_revenue": "lots"},
        {"annual_revenue": "1" * 40},
        {"photo_consent_at": "yesterday"},
    ],
)
def test_bad_input_is_a_message_not_a_500(client, cast, overrides):
    client.force_login(cast.member)
    response = client.post(reverse("customers:create"), customer_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Customer.objects.filter(city="Ghent").exists()


def test_a_consent_needs_who_and_when(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("customers:create"), customer_data(photo_consent_use=PhotoUse.WALL)
    )
    assert response.status_code == 200
    assert "photo_consent_by" in response.context["form"].errors


def test_it_stores_a_photo_with_its_consent(client, cast):
    client.force_login(cast.member)
    data = customer_data(
        photo_consent_by="Hank Hooli",
        photo_consent_at="2025-06-01",
        photo_consent_use=PhotoUse.WALL,
    )
    photo = SimpleUploadedFile("shop.jpg", image("JPEG"), content_type="image/jpeg")
    response = client.post(reverse("customers:create"), {**data, "photo": photo})
    assert response.status_code == 302
    hooli = Customer.objects.get(name="Hooli Bakery")
    assert hooli.photo.name.startswith("customers/")
    assert hooli.photo_has_consent
    assert hooli.photo_consent_by == "Hank Hooli"


def test_it_refuses_a_photo_without_consent_and_keeps_the_rest(client, cast):
    client.force_login(cast.member)
    photo = SimpleUploadedFile("shop.png", image(), content_type="image/png")
    response = client.post(reverse("customers:create"), {**customer_data(), "photo": photo})
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors["photo_consent_use"][0]
    assert 'value="Ghent"' in response.content.decode()


def test_it_refuses_a_file_that_is_not_an_image(client, cast):
    client.force_login(cast.member)
    data = customer_data(
        photo_consent_by="Hank", photo_consent_at="2025-06-01", photo_consent_use="internal"
    )
    fake = SimpleUploadedFile("shop.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(reverse("customers:create"), {**data, "photo": fake})
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors


def test_it_refuses_an_image_type_it_does_not_keep(client, cast):
    client.force_login(cast.member)
    data = customer_data(
        photo_consent_by="Hank", photo_consent_at="2025-06-01", photo_consent_use="internal"
    )
    tiff = SimpleUploadedFile("shop.tiff", image("TIFF"), content_type="image/tiff")
    response = client.post(reverse("customers:create"), {**data, "photo": tiff})
    assert response.status_code == 200
    assert "JPEG, PNG, WebP or GIF" in response.context["form"].errors["photo"][0]


def test_it_refuses_a_photo_over_five_megabytes(client, cast):
    client.force_login(cast.member)
    data = customer_data(
        photo_consent_by="Hank", photo_consent_at="2025-06-01", photo_consent_use="internal"
    )
    big = SimpleUploadedFile("big.png", image() + b"\0" * (5 * 1024 * 1024 + 1))
    response = client.post(reverse("customers:create"), {**data, "photo": big})
    assert response.status_code == 200
    assert "larger than 5 MB" in response.context["form"].errors["photo"][0]


# --- editing a customer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("manager", 403),
        ("other_manager", 403),
        ("program_lead", 200),
        ("admin", 200),
    ],
)
def test_only_program_leads_and_admins_edit_a_customer_nobody_owns(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("customers:edit", args=[cast.acme.pk])).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 200), ("manager", 200), ("other_manager", 403), ("other_member", 403)],
)
def test_the_owner_and_the_owners_managers_edit_a_customer(client, cast, role, status):
    owned_by(cast.globex, cast.member.person)
    client.force_login(cast.user(role))
    assert client.get(reverse("customers:edit", args=[cast.globex.pk])).status_code == status


def test_a_member_cannot_post_changes_to_a_customer_they_do_not_own(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("customers:edit", args=[cast.globex.pk]), customer_data(name="Pwned")
    )
    assert response.status_code == 403
    cast.globex.refresh_from_db()
    assert cast.globex.name == "Globex Packaging"


def test_the_owner_edits_their_customer_and_the_change_is_audited(client, cast):
    owned_by(cast.globex, cast.member.person)
    client.force_login(cast.member)
    response = client.post(
        reverse("customers:edit", args=[cast.globex.pk]),
        customer_data(
            name="Globex Packaging",
            relationship="current",
            segment="Mid-market",
            industry="Food processing",
            city="Lyon",
            country="France",
            owner=cast.member.person_id,
            annual_revenue="250000",
        ),
    )
    assert response.status_code == 302
    cast.globex.refresh_from_db()
    assert cast.globex.annual_revenue == 250000
    event = AuditEvent.objects.get(action="customers.customer.updated")
    assert "annual_revenue" in event.changes
    assert "name" not in event.changes


def test_the_edit_form_starts_with_the_customers_values(client, cast):
    client.force_login(cast.program_lead)
    html = client.get(reverse("customers:edit", args=[cast.acme.pk])).content.decode()
    assert 'value="Acme Foods"' in html
    assert 'value="Lyon"' in html


def test_the_edit_form_keeps_an_owner_who_has_left(client, cast):
    leaver = f.PersonFactory(first_name="Lee", last_name="Leaver", is_active=False)
    owned_by(cast.globex, leaver)
    client.force_login(cast.program_lead)
    form = client.get(reverse("customers:edit", args=[cast.globex.pk])).context["form"]
    assert leaver in form.fields["owner"].queryset


# --- deleting a customer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("manager", 403), ("program_lead", 200), ("admin", 200)],
)
def test_only_program_leads_and_admins_delete_customers(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse("customers:delete", args=[cast.globex.pk])).status_code == status


def test_the_owner_cannot_delete_their_customer(client, cast):
    owned_by(cast.globex, cast.member.person)
    client.force_login(cast.member)
    assert client.post(reverse("customers:delete", args=[cast.globex.pk])).status_code == 403
    assert Customer.objects.filter(pk=cast.globex.pk).exists()


def test_a_program_lead_deletes_a_customer_without_engagements(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(reverse("customers:delete", args=[cast.globex.pk]))
    assert response["Location"] == reverse("customers:list")
    assert not Customer.objects.filter(pk=cast.globex.pk).exists()
    assert not Contact.objects.filter(pk=cast.globex_contact.pk).exists()
    assert AuditEvent.objects.filter(action="customers.customer.deleted").exists()


def test_it_refuses_to_delete_a_customer_with_engagements_and_says_why(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse("customers:delete", args=[cast.acme.pk])).content.decode()
    assert "has 1 engagement" in page
    assert "<button" not in page.split("</nav>", 1)[1]
    response = client.post(reverse("customers:delete", args=[cast.acme.pk]))
    assert response.status_code == 200
    assert "This customer has engagements" in response.content.decode()
    assert Customer.objects.filter(pk=cast.acme.pk).exists()


def test_deleting_a_missing_customer_is_404(client, cast):
    client.force_login(cast.admin)
    assert client.post(reverse("customers:delete", args=[999999])).status_code == 404


# --- contacts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("manager", 403),
        ("other_manager", 403),
        ("program_lead", 200),
        ("admin", 200),
    ],
)
def test_contacts_are_edited_by_those_who_edit_the_customer(client, cast, role, status):
    client.force_login(cast.user(role))
    contact = cast.acme_contact
    assert client.get(reverse("customers:contact_create", args=[cast.acme.pk])).status_code == (
        status
    )
    assert client.get(reverse("customers:contact_edit", args=[contact.pk])).status_code == status
    assert client.get(reverse("customers:contact_delete", args=[contact.pk])).status_code == (
        status
    )


def test_the_owner_adds_a_contact_and_it_is_audited(client, cast):
    owned_by(cast.globex, cast.other_member.person)
    client.force_login(cast.other_member)
    response = client.post(
        reverse("customers:contact_create", args=[cast.globex.pk]),
        contact_data(email="Hank@Hooli.example"),
    )
    assert response["Location"] == reverse("customers:detail", args=[cast.globex.pk])
    hank = Contact.objects.get(name="Hank Hooli")
    assert hank.customer == cast.globex
    assert hank.email == "hank@hooli.example"
    assert AuditEvent.objects.filter(action="customers.contact.created").exists()


def test_a_member_cannot_post_a_contact_to_a_customer_they_do_not_own(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("customers:contact_create", args=[cast.globex.pk]), contact_data()
    )
    assert response.status_code == 403
    assert not Contact.objects.filter(name="Hank Hooli").exists()


def test_it_refuses_a_contact_email_already_used_at_the_customer(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("customers:contact_create", args=[cast.acme.pk]),
        contact_data(email="CARLA@acme.example"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Another contact at this customer already has this e-mail address."
    ]
    assert 'value="Hank Hooli"' in response.content.decode()
    assert cast.acme.contacts.count() == 1


@pytest.mark.parametrize(
    "overrides",
    [{"name": ""}, {"email": "not-an-address"}, {"phone": "9" * 500}, {"title": "a\x00b"}],
)
def test_bad_contact_input_is_a_message_not_a_500(client, cast, overrides):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("customers:contact_create", args=[cast.acme.pk]), contact_data(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_program_lead_edits_a_contact(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("customers:contact_edit", args=[cast.acme_contact.pk]),
        contact_data(name="Carla Contact", email="carla@acme.example", do_not_contact="on"),
    )
    assert response["Location"] == reverse("customers:detail", args=[cast.acme.pk])
    cast.acme_contact.refresh_from_db()
    assert cast.acme_contact.do_not_contact is True
    assert cast.acme_contact.title == "Owner"
    event = AuditEvent.objects.get(action="customers.contact.updated")
    assert "do_not_contact" in event.changes


def test_a_program_lead_removes_a_contact(client, cast):
    client.force_login(cast.program_lead)
    page = client.get(reverse("customers:contact_delete", args=[cast.acme_contact.pk]))
    assert "Remove Carla Contact" in page.content.decode()
    response = client.post(reverse("customers:contact_delete", args=[cast.acme_contact.pk]))
    assert response["Location"] == reverse("customers:detail", args=[cast.acme.pk])
    assert not Contact.objects.filter(pk=cast.acme_contact.pk).exists()
    # The engagement stays; only the link to the removed contact goes.
    assert cast.acme_visit.contacts.count() == 0
    assert AuditEvent.objects.filter(action="customers.contact.deleted").exists()


def test_a_missing_contact_is_404(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("customers:contact_edit", args=[999999])).status_code == 404
