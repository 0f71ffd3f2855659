"""The small search endpoints the log form picks customers, contacts and people with."""

import pytest
from django.urls import reverse

from tests import factories as f

PEOPLE = reverse("engagements:pick_people")
CUSTOMERS = reverse("engagements:pick_customers")
CONTACTS = reverse("engagements:pick_contacts")
HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("url", [PEOPLE, CUSTOMERS, CONTACTS])
def test_pickers_require_login(client, cast, url):
    assert client.get(url, {"q": "a"}).status_code == 302


def test_it_finds_people_by_name_as_a_fragment(client, cast):
    client.force_login(cast.member)
    response = client.get(PEOPLE, {"participant_q": "fay"}, headers=HTMX)
    content = response.content.decode()
    assert "<html" not in content
    assert f'data-id="{cast.other_member.person_id}"' in content
    assert 'data-label="Fay Finance"' in content
    assert "Max Member" not in content


def test_it_leaves_out_people_who_left(client, cast):
    f.PersonFactory(first_name="Fayette", last_name="Gone", is_active=False)
    client.force_login(cast.member)
    response = client.get(PEOPLE, {"q": "fay"}, headers=HTMX)
    assert b"Fayette" not in response.content


def test_with_nothing_typed_it_offers_my_team(client, cast):
    client.force_login(cast.member)
    response = client.get(PEOPLE, headers=HTMX)
    assert b"Your team" in response.content
    assert b"Mia Manager" in response.content
    assert b"Olga" not in response.content


def test_it_returns_at_most_ten_matches(client, cast):
    for n in range(15):
        f.CustomerFactory(name=f"Initech {n}")
    client.force_login(cast.member)
    response = client.get(CUSTOMERS, {"q": "initech"}, headers=HTMX)
    assert response.content.count(b"data-pick ") == 10
    assert b"keep typing" in response.content


def test_with_nothing_typed_it_offers_my_recent_customers(client, cast):
    client.force_login(cast.member)
    response = client.get(CUSTOMERS, {"customer_q": ""}, headers=HTMX)
    assert b"Your recent customers" in response.content
    assert b"Acme Foods" in response.content
    assert b"Globex" not in response.content


def test_it_offers_the_contacts_of_the_chosen_customer_only(client, cast):
    client.force_login(cast.member)
    response = client.get(CONTACTS, {"customer": cast.acme.pk, "contact_q": ""}, headers=HTMX)
    assert b"Carla Contact" in response.content
    assert b"Gus Contact" not in response.content
    assert b"carla@acme.example" not in response.content  # names only, never details


def test_it_asks_for_the_customer_before_its_contacts(client, cast):
    client.force_login(cast.member)
    response = client.get(CONTACTS, {"q": "carla", "customer": "\x00"}, headers=HTMX)
    assert response.status_code == 200
    assert b"Pick the customer first" in response.content


@pytest.mark.parametrize("url", [PEOPLE, CUSTOMERS, CONTACTS])
@pytest.mark.parametrize("query", ["\x00", "a\x00b", "x" * 5000, "%", "' OR 1=1 --"])
def test_pickers_survive_odd_input(client, cast, url, query):
    client.force_login(cast.member)
    response = client.get(url, {"q": query, "customer": cast.acme.pk}, headers=HTMX)
    assert response.status_code == 200


def test_without_htmx_a_picker_is_a_plain_page(client, cast):
    client.force_login(cast.member)
    response = client.get(CUSTOMERS, {"q": "acme"})
    assert b"<html" in response.content
    assert b"Acme Foods" in response.content
