"""Reads about logins, for the users and roles page."""

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_settings, require


def user_list(*, query: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """Logins with their person, searchable by e-mail and name."""
    users = User.objects.select_related("person").order_by("email")
    for word in query.split()[:6]:
        users = users.filter(
            Q(email__icontains=word)
            | Q(name__icontains=word)
            | Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
        )
    if role:
        users = users.filter(role=role)
    if active in {"yes", "no"}:
        users = users.filter(is_active=active == "yes")
    return users


def get_user_for_user(actor: Any, pk: int) -> User:
    """Only admins manage logins."""
    require(can_manage_settings(actor))
    return get_object_or_404(User.objects.select_related("person"), pk=pk)
