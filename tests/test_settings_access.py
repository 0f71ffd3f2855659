"""Every settings page: admins only; others 403; anonymous visitors are asked to sign in."""

import pytest

from conftest import ROLES

PAGES = [
    "/settings/",
    "/settings/organisation/",
    "/settings/departments/",
    "/settings/kinds/",
    "/settings/kinds/new/",
    "/settings/users/",
    "/settings/users/new/",
    "/settings/audit/",
]


def expected(role: str) -> int:
    return {"anonymous": 302, "admin": 200}.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_settings_pages_are_for_admins_only(client, cast, role, path):
    user = cast.user(role)
    if user:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == expected(role)
    if role == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("role", ROLES)
def test_pages_about_one_object_are_for_admins_only(client, cast, role):
    user = cast.user(role)
    if user:
        client.force_login(user)
    kind_id = cast.acme_visit.kind_id
    paths = [
        f"/settings/departments/{cast.engineering.pk}/",
        f"/settings/kinds/{kind_id}/",
        f"/settings/users/{cast.member.pk}/",
    ]
    for path in paths:
        assert client.get(path).status_code == expected(role), path


@pytest.mark.parametrize("role", ["member", "manager", "other_manager", "program_lead"])
def test_writes_are_refused_to_everyone_but_admins(client, cast, role):
    client.force_login(cast.user(role))
    kind_id = cast.acme_visit.kind_id
    posts = {
        "/settings/organisation/": {"name": "Hijacked", "time_zone": "UTC", "week_start": 0},
        "/settings/departments/": {"name": "Shadow IT"},
        f"/settings/departments/{cast.finance.pk}/delete/": {},
        f"/settings/kinds/{kind_id}/active/": {"active": "0"},
        f"/settings/users/{cast.member.pk}/": {"role": "admin", "is_active": "on"},
        f"/settings/users/{cast.member.pk}/invite/": {},
    }
    for path, data in posts.items():
        assert client.post(path, data).status_code == 403, path
    cast.member.refresh_from_db()
    assert cast.member.role == "member"


def test_the_settings_link_is_shown_to_admins_only(client, cast):
    client.force_login(cast.admin)
    assert 'href="/settings/"' in client.get("/accounts/me/").content.decode()
    client.force_login(cast.program_lead)
    assert 'href="/settings/"' not in client.get("/accounts/me/").content.decode()


def test_the_hub_links_every_settings_page(admin_client_of_cast):
    page = admin_client_of_cast.get("/settings/").content.decode()
    for path in [*PAGES[1:4], "/settings/users/", "/settings/audit/"]:
        assert f'href="{path}"' in page
