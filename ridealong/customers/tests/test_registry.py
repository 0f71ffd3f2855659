"""The customer page and contact-detail rule without what higher apps register.

In the project engagements always registers (the page tests assert the full page); here the
registries are emptied to show customers does not depend on anyone filling them.
"""

import pytest
from django.urls import reverse

from ridealong.core.registry import Registry
from ridealong.customers import selectors
from ridealong.customers.registry import customer_page


@pytest.fixture
def nothing_registered(monkeypatch):
    monkeypatch.setattr(customer_page, "registry", Registry("customer page panel"))
    monkeypatch.setattr(selectors, "contact_detail_grants", Registry("contact-detail grant"))


def test_the_customer_page_renders_without_panels(client, cast, nothing_registered):
    client.force_login(cast.program_lead)
    response = client.get(reverse("customers:detail", args=[cast.acme.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Acme Foods" in html
    assert "Carla Contact" in html
    assert reverse("customers:edit", args=[cast.acme.pk]) in html
    for absent in ("Log a contact with", "Who has met them", "Timeline", "profile-main"):
        assert absent not in html


def test_without_grants_only_the_owners_side_and_those_who_see_everything_see_details(
    cast, nothing_registered
):
    # Max took part in the Acme visit: with engagements' grant he would see Acme's details.
    assert selectors.customer_ids_with_contact_details(cast.member) == set()
    cast.acme.owner = cast.member.person
    cast.acme.save()
    assert selectors.customer_ids_with_contact_details(cast.member) == {cast.acme.pk}
    assert selectors.customer_ids_with_contact_details(cast.manager) == {cast.acme.pk}
    assert cast.globex.pk in selectors.customer_ids_with_contact_details(cast.admin)


def test_each_grant_adds_the_customers_it_opens(cast, nothing_registered):
    selectors.contact_detail_grants.add("test", lambda person_ids: [cast.globex.pk])
    assert selectors.customer_ids_with_contact_details(cast.member) == {cast.globex.pk}
    assert selectors.customer_ids_with_contact_details(cast.other_member) == {cast.globex.pk}
