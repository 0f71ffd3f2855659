import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from ridealong.customers.models import PhotoUse
from ridealong.insights import services
from ridealong.insights.models import WallLink
from ridealong.insights.tests.factories import InsightFactory, WallLinkFactory, image_bytes


def consent(customer, use):
    customer.photo.save(f"{customer.pk}.jpg", ContentFile(image_bytes()), save=False)
    customer.photo_consent_by = "Carla"
    customer.photo_consent_at = datetime.date(2026, 1, 1)
    customer.photo_consent_use = use
    customer.save()


def test_the_wall_shows_photos_only_with_consent_covering_the_wall(client, cast):
    consent(cast.acme, PhotoUse.WALL)
    consent(cast.globex, PhotoUse.INTERNAL)
    InsightFactory(customer=cast.acme, type="praise", text="Best technicians around")
    InsightFactory(customer=cast.globex, type="pain", text="Manuals are too long")
    link = WallLinkFactory()
    data = client.get(reverse("insights:wall_feed", kwargs={"token": link.token})).json()
    by_customer = {s["customer"]: s for s in data["slides"]}
    assert by_customer["Acme Foods"]["photo"].endswith(f"/photos/{cast.acme.pk}/")
    assert by_customer["Globex Packaging"]["photo"] is None
    assert by_customer["Globex Packaging"]["quote"] == "Manuals are too long"
    assert client.get(by_customer["Acme Foods"]["photo"]).status_code == 200
    globex_photo = reverse(
        "insights:wall_photo", kwargs={"token": link.token, "pk": cast.globex.pk}
    )
    assert client.get(globex_photo).status_code == 404


def test_the_wall_leaves_out_objections_and_questions(client, cast):
    InsightFactory(customer=cast.acme, type="objection", text="Too expensive")
    link = WallLinkFactory()
    data = client.get(reverse("insights:wall_feed", kwargs={"token": link.token})).json()
    assert data["slides"] == []


def test_a_revoked_wall_link_stops_working(client, cast):
    link = WallLinkFactory()
    page = reverse("insights:wall", kwargs={"token": link.token})
    assert client.get(page).status_code == 200
    services.wall_link_revoke(link=link, by=cast.admin)
    assert client.get(page).status_code == 404
    assert (
        client.get(reverse("insights:wall_feed", kwargs={"token": link.token})).status_code == 404
    )


def test_the_wall_page_carries_its_first_data_and_no_inline_script(client, cast):
    InsightFactory(customer=cast.acme, type="praise", text="Quick spare parts this time")
    link = WallLinkFactory()
    html = client.get(reverse("insights:wall", kwargs={"token": link.token})).content.decode()
    assert '<script id="wall-data" type="application/json">' in html
    assert "Quick spare parts this time" in html
    assert "js/wall.js" in html
    assert "<script>" not in html


def test_program_leads_create_and_revoke_wall_links(client, cast):
    client.force_login(cast.program_lead)
    client.post(reverse("insights:wall_links"), {"name": "Canteen TV"})
    link = WallLink.objects.get()
    assert link.created_by == cast.program_lead
    assert len(link.token) >= 30
    client.post(reverse("insights:wall_link_revoke", kwargs={"pk": link.pk}))
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_wall_remembers_when_a_screen_last_fetched(client, cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # no race with the clock on a slow machine
    link = WallLinkFactory()
    client.get(reverse("insights:wall_feed", kwargs={"token": link.token}))
    link.refresh_from_db()
    assert link.last_seen_at == timezone.now()
