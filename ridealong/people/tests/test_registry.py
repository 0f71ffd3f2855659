"""The people pages without what higher apps register: they still render, without those parts.

In the project engagements always registers (the page tests assert the full pages); here the
registries are emptied to show people does not depend on anyone filling them.
"""

import pytest
from django.urls import reverse

from ridealong.core.registry import Registry
from ridealong.people import selectors
from ridealong.people.registry import person_page


@pytest.fixture
def nothing_registered(monkeypatch):
    monkeypatch.setattr(person_page, "registry", Registry("person page panel"))
    monkeypatch.setattr(selectors, "person_list_columns", Registry("people list column"))


def test_the_person_page_renders_without_panels(client, cast, nothing_registered):
    client.force_login(cast.other_member)
    response = client.get(reverse("people:detail", args=[cast.member.person_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Max Member" in html
    assert "max@example.com" in html
    assert reverse("people:detail", args=[cast.manager.person_id]) in html
    for absent in ("profile-stats", "Last customer contact", "<h2>Engagements", "profile-main"):
        assert absent not in html


def test_the_people_list_renders_without_columns(client, cast, nothing_registered):
    client.force_login(cast.member)
    response = client.get(reverse("people:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Max Member" in html
    assert "Last customer contact" not in html
    assert html.count("<th ") == 4  # name, title, department, manager
