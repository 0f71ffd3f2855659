"""Who may be given a login. A login belongs to a person (User.person), but accounts sits
below the people app: people registers, in its AppConfig.ready(), which people have no login
yet and how to name them, and the users settings page asks here."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


class LoginPeople:
    def __init__(self) -> None:
        self._without_login: Callable[[], QuerySet] | None = None
        self._label: Callable[[Any], str] = str

    def register(
        self, *, without_login: Callable[[], QuerySet], label: Callable[[Any], str]
    ) -> None:
        self._without_login = without_login
        self._label = label

    def without_login(self) -> QuerySet:
        """People who may be given a login, in the order a picker lists them."""
        if self._without_login is None:
            raise ImproperlyConfigured("No app registered the people logins are made for.")
        return self._without_login()

    def label(self, person: Any) -> str:
        return self._label(person)


login_people = LoginPeople()
