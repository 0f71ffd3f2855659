"""Panels: a higher app's sections on a lower app's page, in order, with loud mistakes."""

import pytest
from django.template import engines
from django.test import RequestFactory

from ridealong.core.panels import PagePanels, check_panels
from ridealong.core.registry import RegistryError


def test_panels_come_by_slot_in_order_each_with_its_own_context():
    page = PagePanels("test page", slots=("side", "main"))

    @page.register("zeta", slot="main", template_name="z.html")
    def zeta(request, obj):
        return {"z": obj}

    @page.register("alpha", slot="main", template_name="a.html", after=["zeta"])
    def alpha(request, obj):
        return {"a": obj * 2}

    panels = page.context(RequestFactory().get("/"), 21)
    assert panels["side"] == []
    assert [(p.name, p.template_name, p.context) for p in panels["main"]] == [
        ("zeta", "z.html", {"z": 21}),
        ("alpha", "a.html", {"a": 42}),
    ]


def test_with_nothing_registered_every_slot_is_empty():
    page = PagePanels("test page", slots=("figures", "main"))
    assert page.context(RequestFactory().get("/"), object()) == {"figures": [], "main": []}


def test_a_name_registered_twice_fails_at_once():
    page = PagePanels("test page", slots=("main",))
    page.register("list", slot="main", template_name="a.html")(lambda request, obj: {})
    with pytest.raises(RegistryError, match="'list' is registered twice"):
        page.register("list", slot="main", template_name="b.html")(lambda request, obj: {})


def test_a_slot_the_page_does_not_have_fails_at_once():
    page = PagePanels("test page", slots=("main",))
    with pytest.raises(RegistryError, match="no slot 'sidebar'"):
        page.register("list", slot="sidebar", template_name="a.html")


def test_the_system_checks_report_a_panel_ordered_against_one_nobody_registered():
    page = PagePanels("test page", slots=("main",))
    page.register("list", slot="main", template_name="a.html", after=["typo"])(
        lambda request, obj: {}
    )
    errors = check_panels()
    assert [e.id for e in errors] == ["core.E001"]
    assert "'typo'" in errors[0].msg


def test_the_real_pages_pass_the_system_checks():
    assert check_panels() == []


def test_the_panel_tag_renders_the_panel_with_the_page_context_and_its_own(monkeypatch):
    page = PagePanels("test page", slots=("main",))
    page.register("greeting", slot="main", template_name="core/_test_panel.html")(
        lambda request, obj: {"greeting": f"Hello {obj}"}
    )
    panels = page.context(RequestFactory().get("/"), "Ada")
    django_engine = engines["django"]
    panel_template = django_engine.from_string("<p>{{ greeting }}, from {{ page_name }}</p>")
    outer = django_engine.from_string(
        "{% load panels %}{% for panel in panels.main %}{% panel panel %}{% endfor %}"
        "[{{ greeting|default:'gone' }}]"
    )
    # The tag loads the panel's template by name from the page's engine.
    monkeypatch.setattr(outer.template.engine, "get_template", lambda name: panel_template.template)
    html = outer.render({"panels": panels, "page_name": "the test page"})
    # The panel's context is gone after it: panels cannot leak names into the page.
    assert html == "<p>Hello Ada, from the test page</p>[gone]"
