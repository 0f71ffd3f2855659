"""Writes about personal API tokens. Every write is audited; the token itself never is."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import TOKEN_PREFIX, ApiToken, User, hash_token
from ridealong.core.audit import log_action

# Enough of the token to recognise it in a list, far too little to guess the rest.
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6


@transaction.atomic
def token_create(*, user: User, name: str, by: Any) -> tuple[ApiToken, str]:
    """A new token for `user`, with its raw value: shown once, never stored."""
    raw = ApiToken.generate()
    token = ApiToken(
        user=user, name=name.strip(), prefix=raw[:PREFIX_LENGTH], digest=hash_token(raw)
    )
    token.full_clean()
    token.save()
    log_action("api.token.created", actor=by, target=token, changes={"name": token.name})
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Revoke a token for good (the record stays, so its use remains traceable)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("api.token.revoked", actor=by, target=token, changes={"name": token.name})
    return token
