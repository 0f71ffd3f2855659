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

from ridealong.accounts.models import Role

if TYPE_CHECKING:
    from ridealong.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
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


def report_person_ids(user: User) -> set[int]:
    """Ids of the people reporting to the user's person, directly or transitively."""
    if not (user.is_authenticated and user.role in {Role.MANAGER, Role.PROGRAM_LEAD, Role.ADMIN}):
        return set()
    if not user.person_id:
        return set()
    cached = getattr(user, "_report_ids", None)
    if cached is not None:
        return cached
    from ridealong.people.selectors import person_report_ids

    ids = person_report_ids(user.person_id)
    user._report_ids = ids  # type: ignore[attr-defined]
    return ids


def own_and_report_person_ids(user: User) -> set[int]:
    """The user's own person id plus, for managers, every report's."""
    ids = set(report_person_ids(user)) if user.is_authenticated and user.is_manager else set()
    if user.is_authenticated and user.person_id:
        ids.add(user.person_id)
    return ids
