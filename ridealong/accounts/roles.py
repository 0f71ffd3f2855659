"""Roles, checked in one place.

admin: everything, and the only role that manages users and settings.
program lead: sees and changes every record of the program (people, customers, imports).
manager: sees their reports' data (transitively down the management chain).
member: sees people, customers and engagements (sharing is the point), but contact
details only for customers they own or have engaged with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from ridealong.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware (every request is): `request.htmx`."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User


def can_manage_settings(user: User) -> bool:
    """Users, roles, organisation settings, departments and kinds of contact."""
    return bool(user.is_authenticated and user.is_admin)


def can_manage_program(user: User) -> bool:
    """People and customer records, imports: program leads and admins."""
    return bool(user.is_authenticated and user.sees_everything)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
