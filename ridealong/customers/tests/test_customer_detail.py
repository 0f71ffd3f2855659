"""The customer page: header, timeline of every engagement, who has met them, contacts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ridealong import factories as f
from ridealong.customers.models import PhotoUse
from ridealong.engagements.models import Part

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


def test_its_timeline_shows_every_engagement_newest_first(client, cast):
    call = f.EngagementFactory(
        customer=cast.acme,
        kind=f.kind("call-for-opinion"),
        summary="Asked about the new packaging",
        duration_minutes=25,
        started_at=timezone.now() - datetime.timedelta(hours=5),
    )
    f.ParticipationFactory(engagement=call, person=cast.other_member.person, part=Part.LEAD)
    workshop = f.EngagementFactory(
        customer=cast.acme,
        kind=f.kind("workshop"),
        summary="Empathy map for food plants",
        started_at=timezone.now() - datetime.timedelta(days=10),
    )
    f.EngagementFactory(customer=cast.globex, summary="Not about Acme")
    client.force_login(cast.member)
    response = client.get(detail(cast.acme.pk))
    summaries = [e.summary for e in response.context["timeline"].object_list]
    assert summaries == [
        "Asked about the new packaging",
        "Watched the night shift use the line",
        "Empathy map for food plants",
    ]
    html = response.content.decode()
    assert "Not about Acme" not in html
    assert reverse("engagements:detail", args=[call.pk]) in html
    assert reverse("engagements:detail", args=[workshop.pk]) in html
    assert "Call for opinion · live" in html
    assert "Workshop · live" not in html
    assert "25 min" in html
    assert "Fay Finance" in html
    assert "· lead" in html
    assert "Max Member" in html
    assert "· observer" in html


def test_it_shows_who_from_the_company_has_met_the_customer(client, cast):
    max_ = cast.member.person
    later = f.EngagementFactory(
        customer=cast.acme, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    f.ParticipationFactory(engagement=later, person=max_)
    f.ParticipationFactory(engagement=later, person=cast.manager.person, part=Part.HOST)
    other = f.EngagementFactory(customer=cast.globex)
    f.ParticipationFactory(engagement=other, person=cast.other_member.person)
    client.force_login(cast.other_member)
    response = client.get(detail(cast.acme.pk))
    met = {
        m.person.full_name: (m.contact_count, m.last_met_at)
        for m in response.context["people_who_met"]
    }
    assert met == {
        "Max Member": (2, later.started_at),
        "Mia Manager": (1, later.started_at),
    }
    assert "2 contacts" in response.content.decode()


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


def test_it_paginates_a_long_timeline(client, cast):
    f.EngagementFactory.create_batch(55, customer=cast.acme)
    client.force_login(cast.member)
    response = client.get(detail(cast.acme.pk))
    assert len(response.context["timeline"].object_list) == 50
    assert response.context["timeline"].paginator.count == 56
    second = client.get(detail(cast.acme.pk), {"page": 2})
    assert len(second.context["timeline"].object_list) == 6
