"""The customer page: header, timeline of every engagement, who has met them, contacts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ridealong.customers.models import PhotoUse
from tests import factories as f

HIDDEN_LINE = (
    "Contact details are visible to the account owner and to people who have engaged "
    "with this customer."
)


def detail(customer_id: int) -> str:
    return reverse("customers:detail", args=[customer_id])


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_it_sends_anonymous_visitors_to_sign_in(client, cast):
    assert client.get(detail(cast.acme.pk)).status_code == 302


def test_it_is_404_for_a_customer_that_does_not_exist(client, cast):
    client.force_login(cast.admin)
    assert client.get(detail(999999)).status_code == 404


def test_it_shows_the_customers_details(client, cast):
    cast.acme.owner = cast.manager.person
    cast.acme.annual_revenue = 1250000
    cast.acme.notes = "Runs three night shifts."
    cast.acme.save()
    client.force_login(cast.other_member)
    html = client.get(detail(cast.acme.pk)).content.decode()
    for text in (
        "Acme Foods",
        "Current customer",
        "Mid-market",
        "Food processing",
        "Lyon, France",
        "1,250,000",
        "Mia Manager",
        "Runs three night shifts.",
    ):
        assert text in html


def test_it_shows_contacts_with_title_channel_and_do_not_contact(client, cast):
    f.ContactFactory(
        customer=cast.acme,
        name="Dora Donot",
        title="Buyer",
        preferred_channel="phone",
        do_not_contact=True,
    )
    client.force_login(cast.member)
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert "Carla Contact" in html
    assert "Dora Donot" in html
    assert "Buyer" in html
    assert "Prefers phone" in html
    assert "do not contact" in html


def test_it_shows_contact_details_to_a_member_who_met_the_customer(client, cast):
    client.force_login(cast.member)
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert "carla@acme.example" in html
    assert cast.acme_contact.phone in html
    assert HIDDEN_LINE not in html


def test_it_hides_contact_details_from_members_who_never_met_the_customer(client, cast):
    client.force_login(cast.member)
    html = client.get(detail(cast.globex.pk)).content.decode()
    assert "Gus Contact" in html
    assert "gus@globex.example" not in html
    assert cast.globex_contact.phone not in html
    assert HIDDEN_LINE in html


def test_it_shows_contact_details_to_the_account_owner(client, cast):
    cast.globex.owner = cast.other_member.person
    cast.globex.save()
    client.force_login(cast.other_member)
    assert "gus@globex.example" in client.get(detail(cast.globex.pk)).content.decode()


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("member", True),  # Max visited Acme
        ("manager", True),  # Mia manages Max
        ("other_manager", False),
        ("other_member", False),
        ("program_lead", True),
        ("admin", True),
    ],
)
def test_it_shows_contact_details_by_role(client, cast, role, sees):
    client.force_login(cast.user(role))
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert ("carla@acme.example" in html) is sees
    assert (HIDDEN_LINE in html) is not sees


def test_it_links_to_logging_a_contact_with_this_customer(client, cast):
    client.force_login(cast.other_member)
    html = client.get(detail(cast.globex.pk)).content.decode()
    assert f"{reverse('engagements:create')}?customer={cast.globex.pk}" in html
    assert "Log a contact with this customer" in html


@pytest.mark.parametrize(
    ("role", "edit", "delete"),
    [
        ("member", False, False),
        ("manager", False, False),
        ("program_lead", True, True),
        ("admin", True, True),
    ],
)
def test_it_offers_edit_and_delete_only_to_those_allowed(client, cast, role, edit, delete):
    client.force_login(cast.user(role))
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert (reverse("customers:edit", args=[cast.acme.pk]) in html) is edit
    assert (reverse("customers:contact_create", args=[cast.acme.pk]) in html) is edit
    assert (reverse("customers:delete", args=[cast.acme.pk]) in html) is delete


def test_it_shows_the_photo_only_with_a_recorded_consent(client, cast):
    cast.acme.photo = SimpleUploadedFile("acme.png", png(), content_type="image/png")
    cast.acme.save()
    client.force_login(cast.admin)
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert "<img" not in html
    assert "no consent is recorded" in html
    cast.acme.photo_consent_by = "Carla Contact"
    cast.acme.photo_consent_at = datetime.date(2025, 5, 2)
    cast.acme.photo_consent_use = PhotoUse.WALL
    cast.acme.save()
    html = client.get(detail(cast.acme.pk)).content.decode()
    assert cast.acme.photo.url in html
    assert "Consent: Carla Contact, 2 May 2025" in html
