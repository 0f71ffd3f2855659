"""Personal API tokens: `Authorization: Bearer rdl_…`.

Only the SHA-256 digest of a token is stored, and a request's token is found by its digest,
so no stored secret is ever compared character by character (nothing to time).
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from ridealong.accounts.models import TOKEN_PREFIX, ApiToken, User, hash_token

# Writing last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


def user_for_token(raw: str) -> tuple[User, ApiToken] | None:
    """The active user a live token belongs to, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__person")
        .filter(digest=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token


class ApiTokenAuth(HttpBearer):
    """Bearer token auth. Sets request.user (what selectors and services are given)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = user_for_token(token.strip())
        if found is None:
            return None
        user, api_token = found
        request.user = user
        # An attribute HttpRequest does not declare: the token that signed this API request.
        request.api_token = api_token  # type: ignore[attr-defined]
        return user
