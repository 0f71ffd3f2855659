"""Bad input is a 4xx with a clear message, never a 500, and nothing is saved."""

import json

import pytest

from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import ContactKind, Engagement
from ridealong.people.models import Department, Person

NUL = "contains a NUL character"


def valid(cast) -> dict[str, tuple[type, dict]]:
    """A body each create operation accepts, and the model it creates."""
    return {
        "/people": (
            Person,
            {
                "first_name": "Nina",
                "last_name": "New",
                "email": "nina@example.com",
                "external_id": "HR-1",
                "title": "Tester",
                "location": "Lyon",
            },
        ),
        "/departments": (Department, {"name": "Quality"}),
        "/customers": (
            Customer,
            {
                "name": "Initech",
                "external_id": "CRM-1",
                "segment": "SMB",
                "industry": "Software",
                "city": "Austin",
                "country": "USA",
                "notes": "Met at a fair",
                "photo_consent_by": "",
            },
        ),
        "/contacts": (
            Contact,
            {
                "customer": cast.acme.pk,
                "name": "Gina",
                "title": "Buyer",
                "email": "gina@acme.example",
                "phone": "+33 1",
                "external_id": "C-1",
            },
        ),
        "/kinds": (ContactKind, {"name": "Trade fair", "description": "Stands and talks"}),
        "/engagements": (
            Engagement,
            {
                "kind": ContactKind.objects.get(slug="site-visit").pk,
                "customer": cast.acme.pk,
                "participants": [{"person": cast.member.person_id}],
                "started_at": "2025-03-04T09:30:00Z",
                "duration_minutes": 60,
                "place": "Lyon",
                "summary": "A visit",
                "notes": "Notes",
            },
        ),
    }


STRING_FIELDS = [
    ("/people", "first_name"),
    ("/people", "last_name"),
    ("/people", "email"),
    ("/people", "external_id"),
    ("/people", "title"),
    ("/people", "location"),
    ("/departments", "name"),
    ("/customers", "name"),
    ("/customers", "external_id"),
    ("/customers", "segment"),
    ("/customers", "industry"),
    ("/customers", "city"),
    ("/customers", "country"),
    ("/customers", "notes"),
    ("/customers", "photo_consent_by"),
    ("/contacts", "name"),
    ("/contacts", "title"),
    ("/contacts", "email"),
    ("/contacts", "phone"),
    ("/contacts", "external_id"),
    ("/kinds", "name"),
    ("/kinds", "description"),
    ("/engagements", "place"),
    ("/engagements", "summary"),
    ("/engagements", "notes"),
]
# TextFields have no length limit of their own (the 5 MB request limit applies).
UNLIMITED = {("/customers", "notes"), ("/kinds", "description"), ("/engagements", "notes")}


def refused(api, role, path, body, model, field, message):
    before = model.objects.count()
    response = api(role, "post", path, body)
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()["errors"][field])
    assert message in response.json()["detail"]
    assert model.objects.count() == before


def test_every_create_accepts_its_valid_body(api, cast):
    for path, (model, body) in valid(cast).items():
        before = model.objects.count()
        assert api("admin", "post", path, body).status_code == 201, path
        assert model.objects.count() == before + 1


@pytest.mark.parametrize(("path", "field"), STRING_FIELDS)
def test_a_nul_character_is_refused_in_every_text_field(api, cast, path, field):
    model, body = valid(cast)[path]
    refused(api, "admin", path, {**body, field: "Acme\x00"}, model, field, NUL)


@pytest.mark.parametrize(("path", "field"), [f for f in STRING_FIELDS if f not in UNLIMITED])
def test_a_string_longer_than_the_database_holds_is_refused(api, cast, path, field):
    model, body = valid(cast)[path]
    limit = model._meta.get_field(field).max_length
    too_long = "x" * (limit + 1)
    refused(api, "admin", path, {**body, field: too_long}, model, field, f"at most {limit}")


@pytest.mark.parametrize(("path", "field"), STRING_FIELDS)
def test_a_nul_character_is_refused_in_a_change(api, cast, path, field):
    model, body = valid(cast)[path]
    created = api("admin", "post", path, body).json()
    response = api("admin", "patch", f"{path}/{created['id']}", {field: "x\x00"})
    assert response.status_code == 400
    assert NUL in response.json()["errors"][field][0]
    stored = model.objects.get(pk=created["id"])
    assert "\x00" not in str(getattr(stored, field))


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/people", "department"),
        ("/people", "manager"),
        ("/departments", "parent"),
        ("/customers", "owner"),
        ("/contacts", "customer"),
        ("/engagements", "kind"),
        ("/engagements", "customer"),
    ],
)
def test_an_unknown_id_is_refused_naming_the_field(api, cast, path, field):
    model, body = valid(cast)[path]
    refused(api, "admin", path, {**body, field: 987654}, model, field, "987654")


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/people", "first_name", 42),
        ("/people", "first_name", ["Nina"]),
        ("/people", "department", "Engineering"),
        ("/people", "hire_date", "last spring"),
        ("/people", "is_active", "perhaps"),
        ("/people", "role_kind", "astronaut"),
        ("/customers", "annual_revenue", "a lot"),
        ("/customers", "annual_revenue", "-5"),
        ("/customers", "annual_revenue", "NaN"),
        ("/customers", "annual_revenue", "12345678901234567.5"),
        ("/customers", "relationship", "friend"),
        ("/customers", "owner", 2**64),
        ("/contacts", "customer", 0),
        ("/kinds", "position", 40000),
        ("/engagements", "participants", {"person": 1}),
        ("/engagements", "contacts", "all of them"),
        ("/engagements", "started_at", "yesterday"),
        ("/engagements", "duration_minutes", "1.5 hours"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(api, cast, path, field, value):
    model, body = valid(cast)[path]
    before = model.objects.count()
    response = api("admin", "post", path, {**body, field: value})
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"] or any(
        key.startswith(f"{field}.") for key in response.json()["errors"]
    )
    assert model.objects.count() == before


def test_an_unknown_field_is_refused_rather_than_ignored(api, cast):
    model, body = valid(cast)["/customers"]
    refused(api, "admin", "/customers", {**body, "nmae": "typo"}, model, "nmae", "not a field")


def test_a_missing_required_field_is_named(api, cast):
    refused(api, "admin", "/customers", {"city": "Lyon"}, Customer, "name", "required")


@pytest.mark.parametrize(
    "raw",
    ['{"name": "Initech",', "not json at all", "\xff\xfe", '{"name": "\\u0000"'],
)
def test_malformed_json_is_refused(api, cast, raw):
    response = api("admin", "post", "/customers", raw=raw)
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."
    assert Customer.objects.count() == 2


@pytest.mark.parametrize("raw", ["", "[]", '"Initech"', "42", "null"])
def test_a_body_that_is_not_an_object_is_refused(api, cast, raw):
    response = api("admin", "post", "/customers", raw=raw)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert Customer.objects.count() == 2


def test_an_unpaired_surrogate_is_refused(api, cast):
    response = api("admin", "post", "/customers", raw='{"name": "Acme \\ud800"}')
    assert response.status_code == 400
    assert "not valid text" in response.json()["errors"]["name"][0]
    assert Customer.objects.count() == 2


def test_a_body_over_the_upload_limit_is_refused(api, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api("admin", "post", "/customers", {"name": "x", "notes": "y" * 2000})
    assert response.status_code == 413
    assert Customer.objects.count() == 2


@pytest.mark.parametrize(
    "path", ["/people", "/departments", "/customers", "/contacts", "/kinds", "/engagements"]
)
def test_bad_filters_are_refused(api, cast, path):
    assert api("member", "get", path, limit=0).status_code == 400
    assert api("member", "get", path, limit="many").status_code == 400
    assert api("member", "get", path, offset=-1).status_code == 400


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/people", {"q": "Max\x00"}),
        ("/departments", {"q": "\x00"}),
        ("/customers", {"q": "Acme\x00"}),
        ("/customers", {"segment": "\x00"}),
        ("/contacts", {"q": "\x00"}),
    ],
)
def test_a_nul_character_in_a_filter_is_refused(api, cast, path, query):
    response = api("member", "get", path, **query)
    assert response.status_code == 400
    assert NUL in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/people/abc",
        f"/people/{2**64}",
        "/people/0",
        f"/customers/{2**70}",
        f"/engagements/{10**30}",
        "/tokens/-1",
    ],
)
def test_an_id_that_cannot_exist_is_not_found(api, cast, path):
    response = api("member", "get", path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_errors_are_json_with_a_detail(api, cast):
    response = api("admin", "post", "/customers", raw=json.dumps({"name": ""}))
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"detail", "errors"}
