"""Customers and contacts through the API, under the customer pages' rules."""

import pytest

from ridealong.core.models import AuditEvent
from ridealong.customers.models import Contact, Customer
from tests import factories as f

SIGNED_IN = ["member", "manager", "other_manager", "program_lead", "admin"]
# Globex belongs to Fay: she, her manager Olga (other_manager), program leads and admins edit it.
EDITS_GLOBEX = {
    "member": 403,
    "manager": 403,
    "other_manager": None,
    "program_lead": None,
    "admin": None,
}
PROGRAM = {**EDITS_GLOBEX, "other_manager": 403}


@pytest.fixture
def globex(cast):
    cast.globex.owner = cast.other_member.person
    cast.globex.save()
    return cast.globex


def expect(table: dict[str, int | None], role: str, ok: int) -> int:
    return table[role] or ok


# --- customers --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_reads_every_customer(api, cast, role):
    listed = api(role, "get", "/customers").json()
    assert [c["name"] for c in listed["items"]] == ["Acme Foods", "Globex Packaging"]
    acme = api(role, "get", f"/customers/{cast.acme.pk}").json()
    assert (acme["name"], acme["engagement_count"]) == ("Acme Foods", 1)
    assert acme["last_engaged_at"] is not None


def test_anonymous_gets_401(api, cast):
    assert api("anonymous", "get", "/customers").status_code == 401
    assert api("anonymous", "post", "/customers", {"name": "Initech"}).status_code == 401
    assert not Customer.objects.filter(name="Initech").exists()


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_adds_customers(api, cast, role):
    response = api(
        role,
        "post",
        "/customers",
        {
            "name": "Initech",
            "relationship": "prospect",
            "annual_revenue": "1250000.50",
            "owner": cast.user(role).person_id,
        },
    )
    assert response.status_code == 201
    initech = Customer.objects.get(name="Initech")
    assert (initech.relationship, initech.owner) == ("prospect", cast.user(role).person)
    assert str(initech.annual_revenue) == "1250000.50"
    assert response.json()["owner"]["id"] == cast.user(role).person_id
    assert AuditEvent.objects.filter(action="customers.customer.created", actor=cast.user(role))


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_owner_their_managers_program_leads_and_admins_change_a_customer(api, globex, role):
    response = api(role, "patch", f"/customers/{globex.pk}", {"segment": "Enterprise"})
    assert response.status_code == expect(EDITS_GLOBEX, role, 200)
    globex.refresh_from_db()
    assert (globex.segment == "Enterprise") == (response.status_code == 200)


def test_the_owner_changes_their_customer(client, globex):
    from ridealong.accounts.services import token_create

    _, raw = token_create(user=globex.owner.user, name="x", by=None)
    response = client.patch(
        f"/api/v1/customers/{globex.pk}",
        {"city": "Springfield"},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_program_leads_and_admins_delete_a_customer(api, globex, role):
    response = api(role, "delete", f"/customers/{globex.pk}")
    assert response.status_code == expect(PROGRAM, role, 204)
    assert Customer.objects.filter(pk=globex.pk).exists() == (response.status_code != 204)


def test_a_customer_with_engagements_is_kept(api, cast):
    response = api("admin", "delete", f"/customers/{cast.acme.pk}")
    assert response.status_code == 409
    assert "has engagements" in response.json()["detail"]
    assert Customer.objects.filter(pk=cast.acme.pk).exists()


def test_a_customer_that_does_not_exist_is_404(api, cast):
    assert api("member", "get", "/customers/424242").status_code == 404
    assert api("admin", "patch", "/customers/424242", {"name": "x"}).status_code == 404
    assert api("admin", "delete", "/customers/424242").status_code == 404


def test_a_photo_consent_needs_who_and_when(api, cast):
    response = api("admin", "patch", f"/customers/{cast.acme.pk}", {"photo_consent_use": "wall"})
    assert response.status_code == 400
    assert "photo_consent_by" in response.json()["errors"]


def test_a_duplicate_crm_id_is_a_conflict(api, cast):
    f.CustomerFactory(external_id="CRM-1")
    response = api("member", "post", "/customers", {"name": "Copy", "external_id": "CRM-1"})
    assert response.status_code == 409
    assert "external_id" in response.json()["errors"]
    assert not Customer.objects.filter(name="Copy").exists()


def test_customers_are_filtered_by_search_relationship_and_segment(api, cast):
    f.CustomerFactory(name="Initech", relationship="prospect", segment="Enterprise", city="Austin")

    def names(**query):
        return [c["name"] for c in api("member", "get", "/customers", **query).json()["items"]]

    assert names(q="austin") == ["Initech"]
    assert names(relationship="prospect") == ["Initech"]
    assert names(segment="enterprise") == ["Initech"]
    assert names(segment="Mid-market") == ["Acme Foods", "Globex Packaging"]
    assert api("member", "get", "/customers", relationship="friend").status_code == 400


def test_customers_come_in_pages(api, cast):
    f.CustomerFactory.create_batch(5)
    body = api("member", "get", "/customers", limit=3, offset=6).json()
    assert (body["count"], len(body["items"])) == (7, 1)


def test_listing_customers_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    owner = f.PersonFactory()
    for customer in f.CustomerFactory.create_batch(50, owner=owner):
        f.EngagementFactory(customer=customer)
    api("member", "get", "/kinds")
    with django_assert_max_num_queries(4):
        response = api("member", "get", "/customers", limit=200)
    assert response.json()["count"] == 52


# --- contacts ---------------------------------------------------------------------------------

# Who sees e-mail and phone: whoever engaged with the customer or owns it, their managers,
# program leads and admins.
SEES_DETAILS = {
    "member": {"Acme Foods"},  # Max visited Acme
    "manager": {"Acme Foods"},  # Mia manages Max
    "other_manager": {"Globex Packaging"},  # Olga manages Fay, who owns Globex
    "program_lead": {"Acme Foods", "Globex Packaging"},
    "admin": {"Acme Foods", "Globex Packaging"},
}


@pytest.mark.parametrize("role", SIGNED_IN)
def test_contact_details_show_only_to_those_with_a_reason(api, globex, role):
    contacts = api(role, "get", "/contacts").json()["items"]
    assert {c["name"] for c in contacts} == {"Carla Contact", "Gus Contact"}
    for contact in contacts:
        shown = contact["customer"]["name"] in SEES_DETAILS[role]
        assert (contact["email"] is not None) == shown
        assert (contact["phone"] is not None) == shown
        one = api(role, "get", f"/contacts/{contact['id']}").json()
        assert one["email"] == contact["email"]


def test_contacts_are_filtered_by_customer_and_name(api, cast):
    def names(**query):
        return [c["name"] for c in api("member", "get", "/contacts", **query).json()["items"]]

    assert names(customer=cast.globex.pk) == ["Gus Contact"]
    assert names(q="carla") == ["Carla Contact"]
    assert names(customer=424242) == []


@pytest.mark.parametrize("role", SIGNED_IN)
def test_whoever_edits_the_customer_adds_its_contacts(api, globex, role):
    response = api(
        role,
        "post",
        "/contacts",
        {"customer": globex.pk, "name": "Gina", "email": "Gina@Globex.example", "phone": "+1 555"},
    )
    assert response.status_code == expect(EDITS_GLOBEX, role, 201)
    if response.status_code == 201:
        assert response.json()["email"] == "gina@globex.example"
    assert Contact.objects.filter(name="Gina").exists() == (response.status_code == 201)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_whoever_edits_the_customer_changes_and_deletes_its_contacts(api, globex, cast, role):
    gus = cast.globex_contact
    changed = api(role, "patch", f"/contacts/{gus.pk}", {"title": "CEO", "do_not_contact": True})
    assert changed.status_code == expect(EDITS_GLOBEX, role, 200)
    gus.refresh_from_db()
    assert (gus.title == "CEO" and gus.do_not_contact) == (changed.status_code == 200)

    deleted = api(role, "delete", f"/contacts/{gus.pk}")
    assert deleted.status_code == expect(EDITS_GLOBEX, role, 204)
    assert Contact.objects.filter(pk=gus.pk).exists() == (deleted.status_code != 204)


def test_a_contact_for_a_customer_that_does_not_exist_is_refused(api, cast):
    response = api("admin", "post", "/contacts", {"customer": 424242, "name": "Ghost"})
    assert response.status_code == 400
    assert "424242" in response.json()["errors"]["customer"][0]


def test_a_contact_cannot_move_to_another_customer(api, cast):
    response = api("admin", "patch", f"/contacts/{cast.acme_contact.pk}", {"customer": 2})
    assert response.status_code == 400
    assert "customer" in response.json()["errors"]


def test_a_contacts_email_is_checked(api, cast):
    response = api(
        "admin", "post", "/contacts", {"customer": cast.acme.pk, "name": "X", "email": "not-mail"}
    )
    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_two_contacts_of_a_customer_cannot_share_an_email(api, cast):
    response = api(
        "admin",
        "post",
        "/contacts",
        {"customer": cast.acme.pk, "name": "Carla again", "email": "CARLA@acme.example"},
    )
    assert response.status_code in {400, 409}
    assert "already has a contact with that e-mail" in response.json()["detail"]
    assert cast.acme.contacts.count() == 1


def test_listing_contacts_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    for customer in f.CustomerFactory.create_batch(20):
        f.ContactFactory.create_batch(3, customer=customer)
    api("member", "get", "/kinds")
    # organisation, token, who-sees-details (reports, owned, engaged), page, count
    with django_assert_max_num_queries(7):
        response = api("member", "get", "/contacts", limit=200)
    assert response.json()["count"] == 62
