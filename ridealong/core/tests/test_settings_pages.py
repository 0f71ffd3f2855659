"""The settings home lists the sections apps register, and the access rule fails closed."""

from types import SimpleNamespace

import pytest

from ridealong.core.registry import RegistryError
from ridealong.core.settings_pages import SettingsPages, SettingsSection


def test_the_home_lists_every_registered_section_in_order(admin_client_of_cast):
    page = admin_client_of_cast.get("/settings/").content.decode()
    links = [
        '<a href="/settings/organisation/">Organisation</a>',
        '<a href="/settings/departments/">Departments</a>',
        '<a href="/settings/kinds/">Kinds of contact</a>',
        '<a href="/settings/users/">Users and roles</a>',
        '<a href="/settings/audit/">Audit trail</a>',
    ]
    positions = [page.index(link) for link in links]
    assert positions == sorted(positions)


def test_sections_are_sorted_by_position_and_a_section_registered_twice_stops_the_start():
    pages = SettingsPages()
    pages.register(SettingsSection("Later", "x:later", "", position=50))
    pages.register(SettingsSection("First", "x:first", "", position=10))
    with pytest.raises(RegistryError, match="registered twice"):
        pages.register(SettingsSection("First, again", "x:first", "", position=10))
    assert [s.title for s in pages.sections()] == ["First", "Later"]


def test_nobody_manages_settings_until_a_rule_is_registered():
    pages = SettingsPages()
    admin = SimpleNamespace(is_admin=True)
    assert not pages.may_manage(admin)
    pages.register_access(lambda user: user.is_admin)
    assert pages.may_manage(admin)
    assert not pages.may_manage(SimpleNamespace(is_admin=False))
