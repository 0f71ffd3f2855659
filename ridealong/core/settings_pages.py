"""The settings area: its sections and who may open it.

Core owns /settings/ but sits below every app. Apps register their section in
AppConfig.ready() and accounts registers who manages settings, so the settings home lists
and guards every section without core importing the apps that own them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from ridealong.core.registry import Registry

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class SettingsSection:
    """A card on the settings home: a title linking to `url_name`, and what it is for."""

    title: str
    url_name: str
    description: str
    position: int = 100  # lower comes first


class SettingsPages:
    def __init__(self) -> None:
        self._sections: Registry[SettingsSection] = Registry("settings section")
        self._may_manage: Callable[[Any], bool] | None = None

    def register(self, section: SettingsSection) -> None:
        """Add a card, named by its URL name; the same one twice stops the start."""
        self._sections.add(section.url_name, section)

    def sections(self) -> list[SettingsSection]:
        return sorted((s for _, s in self._sections.items()), key=lambda s: (s.position, s.title))

    def register_access(self, may_manage: Callable[[Any], bool]) -> None:
        """The rule for who manages settings (accounts' roles register it)."""
        self._may_manage = may_manage

    def may_manage(self, user: Any) -> bool:
        # Until a rule is registered nobody may: a missing registration fails closed.
        return self._may_manage is not None and bool(self._may_manage(user))


settings_pages = SettingsPages()


def settings_view(view: View) -> View:
    """Settings pages: anonymous visitors are sent to sign in; who may not manage them, 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings_pages.may_manage(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
