"""Arbitrary input never makes the API fail (5xx) nor leaves anything half-created."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ridealong.core.models import AuditEvent
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, Engagement, Participation

# The fixtures (the cast, the API client) are made once per test, not per example: fine here,
# since every example checks what it changed against counts taken just before it.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(max_size=300)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)
CUSTOMER_FIELDS = ["name", "external_id", "relationship", "segment", "industry", "city"]
CUSTOMER_FIELDS += ["country", "annual_revenue", "owner", "notes", "photo_consent_use"]


def counts() -> tuple[int, int, int, int]:
    return (
        Customer.objects.count(),
        Engagement.objects.count(),
        Participation.objects.count(),
        AuditEvent.objects.count(),
    )


def check(response, before) -> None:
    assert response.status_code < 500, response.content
    assert response.status_code in {201, 400, 409}, response.content
    assert response.json()["detail" if response.status_code >= 400 else "id"]
    if response.status_code >= 400:
        assert counts() == before, "a refused request changed the database"


@FUZZ
@given(
    name=text,
    segment=text,
    city=text,
    notes=text,
    external_id=st.none() | text,
    relationship=text | st.sampled_from(["current", "prospect", "competitor_client"]),
)
def test_customer_create_answers_4xx_to_any_text(
    api, tokens, cast, name, segment, city, notes, external_id, relationship
):
    tokens("member")  # made (and audited) before counting
    before = counts()
    body = {
        "name": name,
        "segment": segment,
        "city": city,
        "notes": notes,
        "external_id": external_id,
        "relationship": relationship,
    }
    response = api("member", "post", "/customers", body)
    check(response, before)
    if response.status_code == 201:
        stored = Customer.objects.get(pk=response.json()["id"])
        assert (stored.name, stored.city, stored.notes) == (
            name.strip(),
            city.strip(),
            notes.strip(),
        )


@FUZZ
@given(body=st.dictionaries(st.sampled_from(CUSTOMER_FIELDS) | text, json_value, max_size=6))
def test_customer_create_answers_4xx_to_any_json(api, tokens, cast, body):
    tokens("member")  # made (and audited) before counting
    before = counts()
    check(api("member", "post", "/customers", body), before)


@FUZZ
@given(
    summary=text,
    place=text,
    notes=text,
    channel=text | st.sampled_from(["on_site", "phone", "video"]),
    part=text | st.sampled_from(["host", "lead", "observer"]),
    started_at=text | st.sampled_from(["2025-03-04T09:30:00Z", "2025-03-04T09:30:00+14:00"]),
    duration=json_scalar,
)
def test_engagement_create_answers_4xx_to_any_text(
    api, tokens, cast, summary, place, notes, channel, part, started_at, duration
):
    tokens("member")  # made (and audited) before counting
    before = counts()
    body = {
        "kind": ContactKind.objects.get(slug="site-visit").pk,
        "customer": cast.acme.pk,
        "contacts": [cast.acme_contact.pk],
        "participants": [{"person": cast.member.person_id, "part": part}],
        "started_at": started_at,
        "duration_minutes": duration,
        "channel": channel,
        "place": place,
        "summary": summary,
        "notes": notes,
    }
    response = api("member", "post", "/engagements", body)
    check(response, before)
    if response.status_code == 201:
        stored = Engagement.objects.get(pk=response.json()["id"])
        assert (stored.summary, stored.place, stored.notes) == (
            summary.strip(),
            place.strip(),
            notes.strip(),
        )
        assert stored.participations.count() == 1


@FUZZ
@given(
    kind=json_value,
    customer=json_value,
    contacts=json_value,
    participants=json_value,
    started_at=json_value,
)
def test_engagement_create_answers_4xx_to_any_ids(
    api, tokens, cast, kind, customer, contacts, participants, started_at
):
    tokens("member")  # made (and audited) before counting
    before = counts()
    body = {
        "kind": kind,
        "customer": customer,
        "contacts": contacts,
        "participants": participants,
        "started_at": started_at,
        "duration_minutes": 30,
        "summary": "Fuzzed",
    }
    check(api("member", "post", "/engagements", body), before)
