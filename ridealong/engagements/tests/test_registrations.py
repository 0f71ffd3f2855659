"""What engagements registers with people and customers, which cannot import it."""

import pytest

from ridealong.core.registry import RegistryError
from ridealong.customers import selectors as customer_selectors
from ridealong.customers.registry import contact_detail_grants, customer_page
from ridealong.engagements import registrations
from ridealong.people.registry import PersonListColumn, person_list_columns, person_page


def test_it_registers_its_panels_column_and_grant():
    assert person_page.registry.names() == ["engagements.exposure", "engagements.list"]
    assert {
        "engagements.log_contact",
        "engagements.people_who_met",
        "engagements.timeline",
    } <= set(customer_page.registry.names())
    assert person_list_columns.names() == ["engagements.last_contact"]
    assert contact_detail_grants.names() == ["engagements.took_part"]


def test_registering_a_name_again_fails():
    with pytest.raises(RegistryError, match="registered twice"):
        person_page.register(
            "engagements.list", slot="main", template_name="engagements/panels/x.html"
        )(registrations.person_engagements)
    with pytest.raises(RegistryError, match="registered twice"):
        person_list_columns.add(
            "engagements.last_contact", PersonListColumn("Again", "x.html", lambda people: None)
        )
    with pytest.raises(RegistryError, match="registered twice"):
        contact_detail_grants.add("engagements.took_part", lambda person_ids: [])


def test_taking_part_in_an_engagement_with_a_customer_opens_its_contact_details(cast):
    # Max observed the Acme visit; Mia manages him; Fay met no one.
    assert customer_selectors.customer_ids_with_contact_details(cast.member) == {cast.acme.pk}
    assert customer_selectors.customer_ids_with_contact_details(cast.manager) == {cast.acme.pk}
    assert customer_selectors.customer_ids_with_contact_details(cast.other_member) == set()
