"""Every app's part of the demo company is registered in its ready(), and runs in one order."""

import pytest
from django.apps import apps

from ridealong.core.registry import Registration, RegistryError, demo_parts


def test_every_app_with_demo_data_registers_its_part_in_a_fixed_order():
    # The parts share one random generator: this order is part of the demo company's data.
    assert demo_parts.names() == [
        "seats",
        "standards",
        "insights",
        "search",
        "themes",
        "surveys",
        "notifications",
    ]


def test_the_demo_app_comes_last_so_every_part_is_registered_when_it_checks():
    assert list(apps.get_app_configs())[-1].label == "demo"


def test_a_part_ordered_against_an_unregistered_one_stops_the_start(monkeypatch):
    def extend_demo(**kwargs):
        return {}

    # As if an app registered a part with a typo in its dependency.
    monkeypatch.setitem(
        demo_parts._entries,
        "typo",
        Registration("typo", extend_demo, ("saets",), ()),
    )
    with pytest.raises(RegistryError, match="'saets', which is not registered"):
        apps.get_app_config("demo").ready()
