"""Reads about personal API tokens: yours, or anyone's for an admin."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ridealong.accounts.models import ApiToken
from ridealong.accounts.roles import can_manage_settings, require


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
