"""The people list: search, filters, last customer contact, htmx fragment, constant queries."""

import pytest
from django.urls import reverse

from ridealong.people.models import RoleKind
from tests import factories as f

URL = reverse("people:list")


def names_in(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def test_it_sends_anonymous_visitors_to_sign_in(client, cast):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lists_active_people_with_title_department_and_manager(client, cast):
    client.force_login(cast.member)
    response = client.get(URL)
    assert response.status_code == 200
    assert names_in(response) == [
        "Ada Admin",
        "Fay Finance",
        "Pat Lead",
        "Mia Manager",
        "Max Member",
        "Olga Other",
    ]
    html = response.content.decode()
    assert "Head of engineering" in html
    assert reverse("people:detail", args=[cast.member.person_id]) in html
    # Max's row names his manager and department
    assert reverse("people:detail", args=[cast.manager.person_id]) in html
    assert "Engineering" in html


def test_it_shows_the_time_since_each_persons_last_live_customer_contact(client, cast):
    client.force_login(cast.member)
    response = client.get(URL)
    rows = {p.full_name: p.days_since_contact for p in response.context["page"].object_list}
    assert rows["Max Member"] == 3  # the Acme visit, three days ago
    assert rows["Fay Finance"] is None
    html = response.content.decode()
    assert "3 days ago" in html
    assert "never" in html


def test_it_hides_inactive_people_unless_asked(client, cast):
    f.PersonFactory(first_name="Ivy", last_name="Inactive", is_active=False)
    client.force_login(cast.member)
    assert "Ivy Inactive" not in names_in(client.get(URL))
    assert names_in(client.get(URL, {"status": "inactive"})) == ["Ivy Inactive"]
    assert "Ivy Inactive" in names_in(client.get(URL, {"status": "all"}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("olga", ["Olga Other"]),
        ("fay@example", ["Fay Finance"]),
        ("accountant", ["Fay Finance"]),
        ("head of", ["Mia Manager", "Olga Other"]),
        ("nobody-like-this", []),
    ],
)
def test_it_searches_by_name_email_and_title(client, cast, query, expected):
    client.force_login(cast.member)
    assert names_in(client.get(URL, {"q": query})) == expected


def test_it_filters_by_department_including_the_departments_below_it(client, cast):
    firmware = f.DepartmentFactory(name="Firmware", parent=cast.engineering)
    f.PersonFactory(first_name="Fred", last_name="Firmware", department=firmware)
    client.force_login(cast.member)
    response = client.get(URL, {"department": cast.engineering.pk})
    assert names_in(response) == ["Fred Firmware", "Mia Manager", "Max Member"]
    assert names_in(client.get(URL, {"department": firmware.pk})) == ["Fred Firmware"]
    # The filter offers sub-departments under their parent's name.
    assert "Engineering › Firmware" in response.content.decode()


def test_it_filters_by_role_kind(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, {"role_kind": RoleKind.LEADER})
    assert names_in(response) == ["Pat Lead", "Mia Manager", "Olga Other"]


@pytest.mark.parametrize(
    "params",
    [
        {"department": "not-a-number"},
        {"department": "999999"},
        {"role_kind": "astronaut"},
        {"status": "retired"},
        {"page": "banana"},
        {"page": "9999"},
        {"q": "nul\x00char"},
        {"q": "x" * 5000},
    ],
)
def test_it_ignores_bad_filters_instead_of_failing(client, cast, params):
    client.force_login(cast.member)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["page"].object_list


def test_it_returns_only_the_results_fragment_to_htmx(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, {"q": "max"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="people-results"')
    assert "<html" not in html
    assert 'name="q"' not in html
    assert "Max Member" in html
    assert "Olga Other" not in html
    assert "HX-Request" in response["Vary"]


def test_it_returns_the_whole_page_when_htmx_restores_history(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_it_paginates_fifty_people_a_page(client, cast):
    f.PersonFactory.create_batch(55, last_name="Zed")
    client.force_login(cast.member)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 61
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 11
    assert "Page 2 of 2" in second.content.decode()
