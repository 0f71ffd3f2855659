"""Kinds of contact and engagements through the API."""

import datetime

import pytest
from django.utils import timezone

from ridealong.core.models import AuditEvent
from ridealong.engagements.models import ContactKind, Engagement, Part
from tests import factories as f

SIGNED_IN = ["member", "manager", "other_manager", "program_lead", "admin"]
ADMINS = {"member": 403, "manager": 403, "other_manager": 403, "program_lead": 403, "admin": None}
# The Acme visit: Max took part; Mia manages him; Olga (other_manager) has nothing to do with it.
EDITS_VISIT = {
    "member": None,
    "manager": None,
    "other_manager": 403,
    "program_lead": None,
    "admin": None,
}


def expect(table: dict[str, int | None], role: str, ok: int) -> int:
    return table[role] or ok


def a_visit(cast, **changes):
    return {
        "kind": f.kind("site-visit").pk,
        "customer": cast.acme.pk,
        "contacts": [cast.acme_contact.pk],
        "participants": [
            {"person": cast.member.person_id, "part": "lead"},
            {"person": cast.other_member.person_id},
        ],
        "started_at": "2025-03-04T09:30:00+01:00",
        "duration_minutes": 120,
        "channel": "on_site",
        "place": "Acme plant, Lyon",
        "summary": "Watched the morning changeover",
        "notes": "The label printer jams when it is cold.",
        **changes,
    }


# --- kinds of contact -------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_reads_the_kinds_of_contact(api, cast, role):
    kinds = api(role, "get", "/kinds").json()
    assert kinds["count"] == ContactKind.objects.count()
    visit = f.kind("site-visit")
    assert api(role, "get", f"/kinds/{visit.pk}").json()["name"] == visit.name


def test_kinds_are_filtered_by_practice_and_activity(api, cast):
    ContactKind.objects.filter(slug="role-play").update(is_active=False)
    inactive = api("member", "get", "/kinds", is_active="false").json()["items"]
    assert [k["slug"] for k in inactive] == ["role-play"]
    support = api("member", "get", "/kinds", practice="support").json()["items"]
    assert support
    assert {k["practice"] for k in support} == {"support"}


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_admins_add_change_and_delete_kinds(api, cast, role):
    created = api(role, "post", "/kinds", {"name": "Trade fair", "practice": "conversation"})
    assert created.status_code == expect(ADMINS, role, 201)
    kind = ContactKind.objects.filter(name="Trade fair").first()
    assert (kind is not None) == (created.status_code == 201)

    target = kind or f.kind("workshop")
    changed = api(role, "patch", f"/kinds/{target.pk}", {"is_live": False, "position": 5})
    assert changed.status_code == expect(ADMINS, role, 200)

    deleted = api(role, "delete", f"/kinds/{target.pk}")
    assert deleted.status_code == expect(ADMINS, role, 204)
    assert ContactKind.objects.filter(pk=target.pk).exists() == (deleted.status_code != 204)


def test_a_kind_in_use_is_kept(api, cast):
    visit = f.kind("site-visit")
    response = api("admin", "delete", f"/kinds/{visit.pk}")
    assert response.status_code == 409
    assert "inactive" in response.json()["detail"]


def test_a_kind_name_is_unique(api, cast):
    response = api("admin", "post", "/kinds", {"name": f.kind("site-visit").name})
    assert response.status_code == 409
    assert "name" in response.json()["errors"]


# --- engagements ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_reads_every_engagement(api, cast, role):
    listed = api(role, "get", "/engagements").json()
    assert [e["summary"] for e in listed["items"]] == ["Watched the night shift use the line"]
    visit = api(role, "get", f"/engagements/{cast.acme_visit.pk}").json()
    assert visit["customer"] == {"id": cast.acme.pk, "name": "Acme Foods"}
    assert visit["contacts"] == [{"id": cast.acme_contact.pk, "name": "Carla Contact"}]
    assert visit["participants"] == [
        {"person": cast.member.person_id, "name": "Max Member", "part": "observer"}
    ]
    assert "email" not in str(visit["contacts"])


def test_anonymous_gets_401(api, cast):
    assert api("anonymous", "get", "/engagements").status_code == 401
    assert api("anonymous", "get", f"/engagements/{cast.acme_visit.pk}").status_code == 401
    assert api("anonymous", "post", "/engagements", a_visit(cast)).status_code == 401
    assert Engagement.objects.count() == 1


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_logs_an_engagement(api, cast, role):
    response = api(role, "post", "/engagements", a_visit(cast))
    assert response.status_code == 201
    body = response.json()
    engagement = Engagement.objects.get(pk=body["id"])
    assert engagement.created_by == cast.user(role)
    assert engagement.started_at == datetime.datetime(2025, 3, 4, 8, 30, tzinfo=datetime.UTC)
    assert {(p.person_id, p.part) for p in engagement.participations.all()} == {
        (cast.member.person_id, Part.LEAD),
        (cast.other_member.person_id, Part.OBSERVER),
    }
    assert list(engagement.contacts.all()) == [cast.acme_contact]
    assert body["created_by"] == cast.user(role).pk
    assert AuditEvent.objects.filter(action="engagements.engagement.created", actor=cast.user(role))


@pytest.mark.parametrize("role", SIGNED_IN)
def test_participants_their_managers_program_leads_and_admins_change_an_engagement(api, cast, role):
    visit = cast.acme_visit
    response = api(role, "patch", f"/engagements/{visit.pk}", {"duration_minutes": 45})
    assert response.status_code == expect(EDITS_VISIT, role, 200)
    visit.refresh_from_db()
    assert (visit.duration_minutes == 45) == (response.status_code == 200)
    # What was not sent stays as it was.
    assert visit.summary == "Watched the night shift use the line"
    assert list(visit.contacts.all()) == [cast.acme_contact]
    assert visit.participations.get().person_id == cast.member.person_id


@pytest.mark.parametrize("role", SIGNED_IN)
def test_participants_their_managers_program_leads_and_admins_delete_an_engagement(api, cast, role):
    response = api(role, "delete", f"/engagements/{cast.acme_visit.pk}")
    assert response.status_code == expect(EDITS_VISIT, role, 204)
    assert Engagement.objects.filter(pk=cast.acme_visit.pk).exists() == (
        response.status_code != 204
    )


def test_whoever_logged_an_engagement_may_change_it(api, cast):
    created = api("other_manager", "post", "/engagements", a_visit(cast)).json()
    response = api(
        "other_manager",
        "patch",
        f"/engagements/{created['id']}",
        {"participants": [{"person": cast.program_lead.person_id, "part": "host"}]},
    )
    assert response.status_code == 200
    assert response.json()["participants"] == [
        {"person": cast.program_lead.person_id, "name": "Pat Lead", "part": "host"}
    ]


def test_an_engagement_that_does_not_exist_is_404(api, cast):
    assert api("member", "get", "/engagements/424242").status_code == 404
    assert api("admin", "patch", "/engagements/424242", {"summary": "x"}).status_code == 404
    assert api("admin", "delete", "/engagements/424242").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"participants": []}, "participants", "at least one person"),
        (
            {"participants": [{"person": "MAX"}, {"person": "MAX", "part": "host"}]},
            "participants",
            "listed twice",
        ),
        ({"participants": [{"person": 424242}]}, "participants", "424242"),
        ({"participants": [{"person": "MAX", "part": "spy"}]}, "participants.0.part", "host"),
        ({"contacts": [424242]}, "contacts", "424242"),
        ({"kind": 424242}, "kind", "424242"),
        ({"customer": 424242}, "customer", "424242"),
        ({"customer": None, "contacts": []}, "customer", "pick which one"),
        ({"started_at": "2025-03-04T09:30:00"}, "started_at", "time zone"),
        ({"started_at": "1066-10-14T09:00:00Z"}, "started_at", "plausible"),
        ({"duration_minutes": 0}, "duration_minutes", "24 hours"),
        ({"duration_minutes": 10**30}, "duration_minutes", "24 hours"),
        ({"summary": "   "}, "summary", "what happened"),
        ({"channel": "pigeon"}, "channel", "on_site"),
    ],
)
def test_a_bad_engagement_is_refused_with_the_reason(api, cast, changes, field, message):
    for participant in changes.get("participants", []):
        if participant["person"] == "MAX":
            participant["person"] = cast.member.person_id
    response = api("member", "post", "/engagements", a_visit(cast, **changes))
    assert response.status_code == 400, response.json()
    assert message in " ".join(response.json()["errors"][field])
    assert Engagement.objects.count() == 1


def test_a_contact_of_another_customer_is_refused(api, cast):
    body = a_visit(cast, contacts=[cast.globex_contact.pk])
    response = api("member", "post", "/engagements", body)
    assert response.status_code == 400
    assert "is not at Acme Foods" in response.json()["errors"]["contacts"][0]


def test_an_engagement_in_the_future_is_refused(api, cast):
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    response = api("member", "post", "/engagements", a_visit(cast, started_at=tomorrow))
    assert response.status_code == 400
    assert "future" in response.json()["errors"]["started_at"][0]


def test_engagements_are_filtered_by_customer_person_kind_and_time(api, cast):
    call = f.kind("call-for-opinion")
    old = f.EngagementFactory(
        customer=cast.globex,
        kind=call,
        started_at=datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC),
        summary="Old call",
    )
    f.ParticipationFactory(engagement=old, person=cast.other_member.person)

    def summaries(**query):
        return [e["summary"] for e in api("member", "get", "/engagements", **query).json()["items"]]

    assert summaries(customer=cast.globex.pk) == ["Old call"]
    assert summaries(person=cast.other_member.person_id) == ["Old call"]
    assert summaries(kind=call.pk) == ["Old call"]
    assert summaries(since="2025-01-01T00:00:00Z") == ["Watched the night shift use the line"]
    assert summaries(until="2025-01-01T00:00:00Z") == ["Old call"]
    assert summaries(since="2024-01-10", until="2024-01-11") == ["Old call"]


def test_engagements_come_newest_first_in_pages(api, cast):
    for days in range(1, 6):
        f.EngagementFactory(
            customer=cast.acme, started_at=timezone.now() - datetime.timedelta(days=10 * days)
        )
    body = api("member", "get", "/engagements", limit=2, offset=1).json()
    assert body["count"] == 6
    assert len(body["items"]) == 2
    first, second = (e["started_at"] for e in body["items"])
    assert first > second


def test_listing_engagements_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    for customer in f.CustomerFactory.create_batch(10):
        contact = f.ContactFactory(customer=customer)
        for engagement in f.EngagementFactory.create_batch(5, customer=customer):
            engagement.contacts.add(contact)
            f.ParticipationFactory.create_batch(2, engagement=engagement)
    api("member", "get", "/kinds")
    # organisation, token, page (with kind and customer), participants, contacts, count
    with django_assert_max_num_queries(6):
        response = api("member", "get", "/engagements", limit=200)
    assert len(response.json()["items"]) == 51


def test_listing_kinds_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    for n in range(30):
        ContactKind.objects.create(slug=f"kind-{n}", name=f"Kind {n}")
    api("member", "get", "/people", limit=1)
    with django_assert_max_num_queries(4):
        response = api("member", "get", "/kinds", limit=200)
    assert response.json()["count"] == ContactKind.objects.count()
