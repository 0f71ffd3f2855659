"""Logging an engagement: fast on a phone, keeps what was typed, never a 500."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.core.models import AuditEvent, Organisation
from ridealong.engagements.models import Engagement, Part
from ridealong.engagements.tests.helpers import form_data
from tests import factories as f

URL = reverse("engagements:create")


def participants_of(engagement: Engagement) -> dict[str, str]:
    return {p.person.email: p.part for p in engagement.participations.select_related("person")}


def test_it_requires_login(client, cast):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_pre_adds_me_as_the_lead(client, cast):
    client.force_login(cast.member)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["picked_participants"] == [(cast.member.person, Part.LEAD)]
    assert b'name="participants" value="%d" checked' % cast.member.person_id in response.content


def test_it_pre_selects_the_customer_from_the_url(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, {"customer": cast.globex.pk})
    assert response.context["picked_customer"] == cast.globex
    assert b"Globex Packaging" in response.content


def test_it_ignores_a_customer_in_the_url_that_does_not_exist(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, {"customer": "999999"})
    assert response.status_code == 200
    assert response.context["picked_customer"] is None


def test_it_starts_an_hour_ago_on_the_quarter_hour_in_the_organisations_time_zone(client, cast):
    """Whoever logs a contact has just left it: the default hour ends about now."""
    org = Organisation.current()
    org.time_zone = "Asia/Kolkata"  # UTC+05:30: a wrong zone would show on the clock
    org.save()
    client.force_login(cast.member)
    response = client.get(URL)
    shown = re.search(rb'name="started_at" value="([^"]+)"', response.content).group(1).decode()
    started = datetime.datetime.strptime(shown, "%Y-%m-%dT%H:%M").replace(
        tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata")
    )
    assert started.minute % 15 == 0
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    assert abs(started - an_hour_ago) <= datetime.timedelta(minutes=8)


def test_it_offers_active_kinds_grouped_by_practice(client, cast):
    retired = f.kind("workshop")
    retired.is_active = False
    retired.save()
    client.force_login(cast.member)
    response = client.get(URL)
    assert b'<optgroup label="Ride-along">' in response.content
    assert b"Site visit" in response.content
    assert b">Workshop<" not in response.content


def test_it_logs_an_engagement_with_participants_contacts_and_an_audit_event(client, cast):
    client.force_login(cast.member)
    started = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=3)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        contacts=[cast.acme_contact.pk],
        participants=[(cast.member.person_id, Part.LEAD), (cast.other_member.person_id, "host")],
        started_at=started,
        duration_minutes=120,
        summary="  Saw the packing line jam twice  ",
        place="Acme plant",
        notes="They restart it by hand.",
    )
    response = client.post(URL, data)
    engagement = Engagement.objects.exclude(pk=cast.acme_visit.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:detail", args=[engagement.pk])
    assert engagement.summary == "Saw the packing line jam twice"
    assert engagement.customer == cast.acme
    assert list(engagement.contacts.all()) == [cast.acme_contact]
    assert participants_of(engagement) == {"max@example.com": "lead", "fay@example.com": "host"}
    assert engagement.started_at == started
    assert engagement.duration_minutes == 120
    assert engagement.place == "Acme plant"
    assert engagement.created_by == cast.member
    event = AuditEvent.objects.get(action="engagements.engagement.created")
    assert event.actor == cast.member
    assert event.target_id == str(engagement.pk)


def test_a_support_shift_needs_no_customer(client, cast):
    client.force_login(cast.member)
    data = form_data(kind=f.kind("support-shift"), participants=[(cast.member.person_id, "lead")])
    response = client.post(URL, data)
    assert response.status_code == 302
    assert Engagement.objects.filter(kind__slug="support-shift", customer=None).exists()


def test_it_keeps_what_was_typed_when_the_customer_is_missing(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        participants=[(cast.member.person_id, "lead"), (cast.other_member.person_id, "host")],
        duration_minutes=45,
        summary="Heard why they switched suppliers",
        place="Their canteen",
        notes="Price was not the reason.",
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert Engagement.objects.count() == 1  # only the cast's visit
    form = response.context["form"]
    assert "pick which one" in form.errors["customer"][0]
    assert response.context["picked_participants"] == [
        (cast.member.person, "lead"),
        (cast.other_member.person, "host"),
    ]
    content = response.content.decode()
    assert 'value="Heard why they switched suppliers"' in content
    assert 'value="Their canteen"' in content
    assert "Price was not the reason." in content
    assert 'value="45"' in content
    assert f'name="part-{cast.other_member.person_id}"' in content
    assert "Nothing is saved yet" in content


def test_it_keeps_the_picked_contacts_when_another_field_is_wrong(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        contacts=[cast.acme_contact.pk],
        participants=[(cast.member.person_id, "lead")],
        summary="",
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert response.context["form"].errors["summary"] == ["Say in a line what happened."]
    assert response.context["picked_customer"] == cast.acme
    assert response.context["picked_contacts"] == [cast.acme_contact]


def test_it_says_who_took_part_is_missing(client, cast):
    client.force_login(cast.member)
    data = form_data(kind=f.kind("site-visit"), customer=cast.acme.pk, participants=[])
    response = client.post(URL, data)
    assert response.status_code == 422
    assert response.context["form"].errors["participants"] == [
        "Add at least one person who took part."
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"summary": "Line\x00jam"}, "summary", "Null characters are not allowed."),
        ({"notes": "x\x00"}, "notes", "Null characters are not allowed."),
        ({"place": "\x00"}, "place", "Null characters are not allowed."),
        ({"summary": "x" * 301}, "summary", "at most 300 characters"),
        ({"place": "p" * 201}, "place", "at most 200 characters"),
        ({"duration_minutes": "0"}, "duration_minutes", "between 1 minute and 24 hours"),
        ({"duration_minutes": "10000"}, "duration_minutes", "between 1 minute and 24 hours"),
        ({"duration_minutes": "-5"}, "duration_minutes", "between 1 minute and 24 hours"),
        ({"duration_minutes": "an hour"}, "duration_minutes", "whole number of minutes"),
        ({"duration_minutes": "9" * 40}, "duration_minutes", "between 1 minute and 24 hours"),
        ({"started_at": "2025-13-45T99:99"}, "started_at", "Enter a date and time"),
        ({"started_at": "\x00"}, "started_at", "Enter a date and time"),
        ({"started_at": ""}, "started_at", "Say when it started."),
        ({"kind": "\x00"}, "kind", "Null characters are not allowed."),
        ({"kind": "999999"}, "kind", "Pick one of the kinds"),
        ({"customer": "\x00"}, "customer", "Null characters are not allowed."),
        ({"customer": "999999"}, "customer", "pick again"),
        ({"channel": "carrier pigeon"}, "channel", "Pick on site, phone or video."),
        ({"participants": ["\x00"]}, "participants", "Null characters are not allowed."),
        ({"participants": ["999999"]}, "participants", "no longer in the directory"),
        ({"customer_q": "\x00\x00"}, None, None),  # nothing typed once NULs are dropped
        ({"participant_q": "zz\x00zz"}, "participants", "Nothing matches"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message_and_saves_nothing(
    client, cast, change, field, message
):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "lead")],
    )
    data.update(change)
    before = (Engagement.objects.count(), AuditEvent.objects.count())
    response = client.post(URL, data)
    if field is None:
        assert response.status_code == 302  # harmless: the engagement is logged
        return
    assert response.status_code == 422
    errors = response.context["form"].errors[field]
    assert any(message.lower() in error.lower() for error in errors), errors
    assert (Engagement.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_a_contact_from_another_customer(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        contacts=[cast.globex_contact.pk],
        participants=[(cast.member.person_id, "lead")],
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert response.context["form"].errors["contacts"] == ["Gus Contact is not at Acme Foods."]
    assert response.context["picked_contacts"] == [cast.globex_contact]
    assert Engagement.objects.count() == 1


def test_it_refuses_a_date_in_the_future(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "lead")],
        started_at=timezone.now() + datetime.timedelta(days=2),
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert "in the future" in response.context["form"].errors["started_at"][0]
    assert Engagement.objects.count() == 1


def test_it_refuses_a_part_that_does_not_exist(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "driver\x00")],
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert "host, lead or observer" in response.context["form"].errors["participants"][0]
    assert Engagement.objects.count() == 1


def test_it_counts_a_person_listed_twice_once(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "lead")],
    )
    data["participants"] = [cast.member.person_id, cast.member.person_id]
    response = client.post(URL, data)
    assert response.status_code == 302
    engagement = Engagement.objects.latest("id")
    assert participants_of(engagement) == {"max@example.com": "lead"}


# --- Without JavaScript: what was typed in the search boxes becomes the pick ---


def test_without_javascript_a_typed_customer_that_matches_one_is_picked(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        participants=[(cast.member.person_id, "lead")],
        customer_q="globex",
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    assert Engagement.objects.latest("id").customer == cast.globex


def test_without_javascript_an_ambiguous_customer_is_offered_as_choices(client, cast):
    f.CustomerFactory(name="Acme Packaging")
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"), participants=[(cast.member.person_id, "lead")], customer_q="acme"
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert "tick the one you mean" in response.context["form"].errors["customer"][0]
    assert [c.name for c in response.context["form"].matches["customer"]] == [
        "Acme Foods",
        "Acme Packaging",
    ]
    assert Engagement.objects.count() == 1
    # The choices replace the text, so ticking one and saving again picks it.
    assert response.context["form"].query_values["customer_q"] == ""
    assert b'name="customer_q" value=""' in response.content


def test_without_javascript_an_exact_customer_name_wins_over_partial_matches(client, cast):
    f.CustomerFactory(name="Acme Foods Export")
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        participants=[(cast.member.person_id, "lead")],
        customer_q="acme foods",
    )
    assert client.post(URL, data).status_code == 302
    assert Engagement.objects.latest("id").customer == cast.acme


def test_without_javascript_typed_people_and_contacts_are_added(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "lead")],
        participant_q="Fay Finance",
        contact_q="carla",
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    engagement = Engagement.objects.latest("id")
    assert participants_of(engagement) == {"max@example.com": "lead", "fay@example.com": "observer"}
    assert list(engagement.contacts.all()) == [cast.acme_contact]


def test_without_javascript_find_resolves_the_picks_without_saving(client, cast):
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        participants=[(cast.member.person_id, "lead")],
        customer_q="globex",
        summary="",
        find="customer",
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    assert Engagement.objects.count() == 1
    assert response.context["picked_customer"] == cast.globex
    assert "summary" not in response.context["form"].errors  # not asked to save yet
    assert response.context["form"].query_values["customer_q"] == ""


def test_the_start_typed_is_read_in_the_organisations_time_zone(client, cast):
    org = Organisation.current()
    org.time_zone = "Asia/Kolkata"
    org.save()
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    yesterday = timezone.localtime(timezone.now(), kolkata).date() - datetime.timedelta(days=1)
    client.force_login(cast.member)
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "lead")],
    )
    data["started_at"] = f"{yesterday.isoformat()}T10:00"
    assert client.post(URL, data).status_code == 302
    started = Engagement.objects.latest("id").started_at
    assert started == datetime.datetime.combine(yesterday, datetime.time(10, 0), tzinfo=kolkata)
    assert started.astimezone(datetime.UTC).time() == datetime.time(4, 30)
