"""Reads about logins (the users and roles page) and personal API tokens."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ridealong.accounts.models import ApiToken, User
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


# API tokens: yours, or anyone's for an admin.


def can_see_token(user: Any, token: ApiToken) -> bool:
    return bool(user.is_authenticated and (token.user_id == user.pk or can_manage_settings(user)))


def get_token_for_user(user: Any, pk: int) -> ApiToken:
    """A token its owner or an admin may see and revoke; 404 for everyone else."""
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if not can_see_token(user, token):
        raise Http404
    return token


def token_list(user: Any, *, owner_id: int | None = None, everyone: bool = False) -> QuerySet:
    """The user's own tokens; an admin may ask for one user's tokens or everyone's."""
    if everyone or (owner_id is not None and owner_id != user.pk):
        require(can_manage_settings(user))
    qs = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    if everyone:
        return qs
    return qs.filter(user_id=owner_id if owner_id is not None else user.pk)
