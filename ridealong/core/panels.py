"""Panels: sections a higher app adds to a lower app's page.

A page (the person page, the customer page) belongs to a low app, but some of its sections show
what a higher app knows (a person's engagements). The page's app owns a `PagePanels` with the
slots its template renders; the higher app registers its panels in its `AppConfig.ready()`:

    @person_page.register("engagements", slot="main", template_name="engagements/_person.html")
    def person_engagements(request: HttpRequest, person: Person) -> dict[str, Any]: ...

The view asks `person_page.context(request, person)` for each slot's panels (their context is
computed there, so queries stay in the view) and the template renders them in order with
`{% load panels %}{% for panel in panels.main %}{% panel panel %}{% endfor %}`. With nothing
registered the slots are empty and the page renders without those sections.

A name registered twice fails at once; ordering against a panel nobody registered fails the
system checks (`manage.py check`, runserver, migrate) and the first render of the page.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core import checks
from django.http import HttpRequest

from ridealong.core.registry import Registry, RegistryError

PanelContext = Callable[[HttpRequest, Any], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    slot: str
    template_name: str
    context: PanelContext


@dataclass(frozen=True)
class RenderedPanel:
    """A panel ready for its page's template: its template and the context it adds."""

    name: str
    template_name: str
    context: dict[str, Any]


class PagePanels:
    """The panels registered for one page, by slot (a place in the page's template)."""

    def __init__(self, page: str, *, slots: Iterable[str]) -> None:
        self.page = page
        self.slots = tuple(slots)
        self.registry: Registry[Panel] = Registry(f"{page} panel")
        _every_page.add(self)

    def register(
        self,
        name: str,
        *,
        slot: str,
        template_name: str,
        after: Iterable[str] = (),
        before: Iterable[str] = (),
    ) -> Callable[[PanelContext], PanelContext]:
        """Decorator: the decorated (request, obj) -> context renders `template_name` in
        `slot`, after the panels named in `after` and before those in `before`."""
        if slot not in self.slots:
            raise RegistryError(
                f"The {self.page} has no slot {slot!r} (its slots: {', '.join(self.slots)})."
            )

        def decorator(context: PanelContext) -> PanelContext:
            self.registry.add(name, Panel(slot, template_name, context), after=after, before=before)
            return context

        return decorator

    def context(self, request: HttpRequest, obj: Any) -> dict[str, list[RenderedPanel]]:
        """Every slot with its panels in order, each with the context it computed for `obj`."""
        slots: dict[str, list[RenderedPanel]] = {slot: [] for slot in self.slots}
        for name, panel in self.registry.items():
            slots[panel.slot].append(
                RenderedPanel(name, panel.template_name, panel.context(request, obj))
            )
        return slots


# Weak, so a page made in a test does not linger in the checks after it.
_every_page: weakref.WeakSet[PagePanels] = weakref.WeakSet()


@checks.register()
def check_panels(**kwargs: Any) -> list[checks.CheckMessage]:
    """Panels ordered against one nobody registered (a typo, a removed app) stop the start."""
    errors: list[checks.CheckMessage] = []
    for page in sorted(_every_page, key=lambda page: page.page):
        try:
            page.registry.check()
        except RegistryError as error:
            errors.append(checks.Error(str(error), id="core.E001"))
    return errors
