"""The signed-in user's own page."""

import pytest
from django.urls import reverse

from conftest import ROLES
from ridealong.accounts.registry import ProfileLink, profile_links
from ridealong.core.registry import RegistryError


def test_the_profile_shows_name_email_role_and_links(client, cast):
    client.force_login(cast.manager)
    page = client.get("/accounts/me/").content.decode()
    assert "Mia Manager" in page
    assert "mia@example.com" in page
    assert "Manager" in page
    assert 'href="/accounts/password/"' in page
    assert 'action="/accounts/logout/"' in page
    assert "csrfmiddlewaretoken" in page


def test_the_profile_says_when_no_person_is_linked(client, cast):
    cast.member.person = None
    cast.member.save()
    client.force_login(cast.member)
    assert "No person record is linked" in client.get("/accounts/me/").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_sees_its_own_profile(client, cast, role):
    user = cast.user(role)
    if user:
        client.force_login(user)
    response = client.get("/accounts/me/")
    if user is None:
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/accounts/me/"
    else:
        assert response.status_code == 200
        assert user.email in response.content.decode()


def test_it_shows_the_links_other_apps_register_in_order(client, cast):
    client.force_login(cast.member)

    html = client.get(reverse("accounts:profile")).content.decode()

    calendar = html.index(f'href="{reverse("notifications:feed")}"')
    availability = html.index(f'href="{reverse("standards:availability")}"')
    assert calendar < availability
    assert "Calendar and e-mail" in html
    assert "My availability" in html


def test_a_link_registered_twice_stops_the_start():
    with pytest.raises(RegistryError):
        profile_links.add("notifications.calendar", ProfileLink("Again", "notifications:feed"))
