"""Reading, editing and deleting an engagement, for every role of the cast.

The cast's Acme visit has Max (member) as an observer; Mia manages Max; Olga manages
another team; Pat is the program lead and Ada the admin.
"""

import pytest
from django.urls import reverse

from ridealong.core.models import AuditEvent
from ridealong.engagements.models import Engagement, Part
from ridealong.engagements.tests.helpers import form_data
from tests import factories as f

ROLES = ["anonymous", "member", "manager", "other_manager", "program_lead", "admin"]
# Status of GET /engagements/<pk>/edit/ and /delete/ on the cast's Acme visit.
MAY_CHANGE = {
    "anonymous": 302,
    "member": 200,
    "manager": 200,
    "other_manager": 403,
    "program_lead": 200,
    "admin": 200,
}


def login(client, cast, role):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_reads_an_engagement(client, cast, role):
    login(client, cast, role)
    response = client.get(reverse("engagements:detail", args=[cast.acme_visit.pk]))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert b"Watched the night shift use the line" in response.content
    assert b"Max Member" in response.content
    assert reverse("customers:detail", args=[cast.acme.pk]).encode() in response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_who_may_open_edit_and_delete(client, cast, role, action):
    login(client, cast, role)
    response = client.get(reverse(f"engagements:{action}", args=[cast.acme_visit.pk]))
    assert response.status_code == MAY_CHANGE[role]


def test_a_missing_engagement_is_404(client, cast):
    client.force_login(cast.admin)
    for name in ("detail", "edit", "delete"):
        assert client.get(reverse(f"engagements:{name}", args=[999999])).status_code == 404


def test_the_detail_shows_contact_details_only_to_those_with_a_reason(client, cast):
    url = reverse("engagements:detail", args=[cast.acme_visit.pk])
    client.force_login(cast.member)  # Max met Acme
    assert b"carla@acme.example" in client.get(url).content
    client.force_login(cast.other_member)  # Fay never did
    response = client.get(url)
    assert b"Carla Contact" in response.content
    assert b"carla@acme.example" not in response.content


def test_the_detail_offers_edit_and_delete_only_to_those_who_may(client, cast):
    url = reverse("engagements:detail", args=[cast.acme_visit.pk])
    edit = reverse("engagements:edit", args=[cast.acme_visit.pk]).encode()
    client.force_login(cast.manager)
    assert edit in client.get(url).content
    client.force_login(cast.other_manager)
    assert edit not in client.get(url).content


def test_a_member_cannot_edit_an_engagement_they_were_not_part_of(client, cast):
    client.force_login(cast.other_member)
    url = reverse("engagements:edit", args=[cast.acme_visit.pk])
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        participants=[(cast.other_member.person_id, "lead")],
        summary="Rewritten by someone else",
    )
    assert client.post(url, data).status_code == 403
    cast.acme_visit.refresh_from_db()
    assert cast.acme_visit.summary == "Watched the night shift use the line"
    assert not AuditEvent.objects.filter(action="engagements.engagement.updated").exists()


def test_a_member_cannot_delete_an_engagement_they_were_not_part_of(client, cast):
    client.force_login(cast.other_member)
    response = client.post(reverse("engagements:delete", args=[cast.acme_visit.pk]))
    assert response.status_code == 403
    assert Engagement.objects.filter(pk=cast.acme_visit.pk).exists()


def test_a_manager_of_another_team_cannot_edit(client, cast):
    client.force_login(cast.other_manager)
    url = reverse("engagements:edit", args=[cast.acme_visit.pk])
    assert client.post(url, {"summary": "x"}).status_code == 403


def test_a_manager_can_edit_their_reports_engagement(client, cast):
    client.force_login(cast.manager)
    url = reverse("engagements:edit", args=[cast.acme_visit.pk])
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.acme.pk,
        contacts=[cast.acme_contact.pk],
        participants=[(cast.member.person_id, Part.OBSERVER), (cast.manager.person_id, "host")],
        started_at=cast.acme_visit.started_at,
        duration_minutes=90,
        summary="Watched the night shift use the line, with Mia",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    visit = Engagement.objects.get(pk=cast.acme_visit.pk)
    assert visit.summary == "Watched the night shift use the line, with Mia"
    assert {p.person.email: p.part for p in visit.participations.all()} == {
        "max@example.com": "observer",
        "mia@example.com": "host",
    }
    event = AuditEvent.objects.get(action="engagements.engagement.updated")
    assert event.actor == cast.manager
    assert "summary" in event.changes
    assert "participants" in event.changes


def test_the_edit_form_shows_the_engagement_as_it_is(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("engagements:edit", args=[cast.acme_visit.pk]))
    assert response.context["picked_customer"] == cast.acme
    assert response.context["picked_contacts"] == [cast.acme_contact]
    assert response.context["picked_participants"] == [(cast.member.person, "observer")]
    assert b'value="90"' in response.content


def test_an_engagement_of_a_retired_kind_can_still_be_edited(client, cast):
    kind = cast.acme_visit.kind
    kind.is_active = False
    kind.save()
    client.force_login(cast.member)
    url = reverse("engagements:edit", args=[cast.acme_visit.pk])
    assert b">Site visit<" in client.get(url).content
    data = form_data(
        kind=kind,
        customer=cast.acme.pk,
        participants=[(cast.member.person_id, "observer")],
        summary="Still a site visit",
    )
    assert client.post(url, data).status_code == 302
    cast.acme_visit.refresh_from_db()
    assert cast.acme_visit.summary == "Still a site visit"


def test_an_edit_that_breaks_a_rule_keeps_what_was_typed(client, cast):
    client.force_login(cast.member)
    url = reverse("engagements:edit", args=[cast.acme_visit.pk])
    data = form_data(
        kind=f.kind("site-visit"),
        customer=cast.globex.pk,
        contacts=[cast.acme_contact.pk],
        participants=[(cast.member.person_id, "observer")],
        summary="Moved to Globex by mistake",
    )
    response = client.post(url, data)
    assert response.status_code == 422
    assert response.context["form"].errors["contacts"] == [
        "Carla Contact is not at Globex Packaging."
    ]
    assert b'value="Moved to Globex by mistake"' in response.content
    cast.acme_visit.refresh_from_db()
    assert cast.acme_visit.customer == cast.acme


def test_the_delete_page_asks_before_deleting(client, cast):
    client.force_login(cast.member)
    url = reverse("engagements:delete", args=[cast.acme_visit.pk])
    response = client.get(url)
    assert b"Delete this engagement?" in response.content
    assert Engagement.objects.filter(pk=cast.acme_visit.pk).exists()


def test_a_participant_deletes_an_engagement_and_it_is_audited(client, cast):
    client.force_login(cast.member)
    pk = cast.acme_visit.pk
    response = client.post(reverse("engagements:delete", args=[pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:list")
    assert not Engagement.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="engagements.engagement.deleted")
    assert event.actor == cast.member
    assert event.target_id == str(pk)


def test_whoever_logged_it_may_edit_it_without_taking_part(client, cast):
    engagement = f.EngagementFactory(customer=cast.globex, created_by=cast.other_member)
    f.ParticipationFactory(engagement=engagement, person=cast.manager.person)
    client.force_login(cast.other_member)
    assert client.get(reverse("engagements:edit", args=[engagement.pk])).status_code == 200
