"""Personal API tokens in the REST API: list, create (the raw token is shown once), read, revoke."""

import datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts import selectors, services
from ridealong.accounts.models import ApiToken
from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.api.schemas import Filters, Id, Input, max_length, page, responses

router = Router(tags=["API tokens"])


class TokenOwner(Schema):
    id: int
    email: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the token, to recognise it.")
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    is_active: bool
    user: TokenOwner


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself. Shown this once; only a digest is kept.")


class TokenIn(Input):
    name: str = Field(min_length=1, max_length=max_length(ApiToken, "name"))


class TokenFilters(Filters):
    user: Id | None = Field(None, description="Another user's tokens (admins only).")
    all: bool = Field(False, description="Everyone's tokens (admins only).")


class TokenPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TokenOut]


@router.get("/tokens", response=responses(200, TokenPage), summary="List API tokens")
def list_tokens(request: AuthenticatedHttpRequest, filters: Query[TokenFilters]) -> dict:
    """Your tokens, newest first. Admins may ask for one user's (`user`) or everyone's (`all`)."""
    tokens = selectors.token_list(request.user, owner_id=filters.user, everyone=filters.all)
    return page(tokens, filters)


@router.post("/tokens", response=responses(201, TokenCreated), summary="Create an API token")
def create_token(request: AuthenticatedHttpRequest, payload: TokenIn) -> Status:
    """A new token for yourself. The answer holds the token once; store it somewhere safe."""
    token, raw = services.token_create(user=request.user, name=payload.name, by=request.user)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.get("/tokens/{token_id}", response=responses(200, TokenOut), summary="Read an API token")
def read_token(request: AuthenticatedHttpRequest, token_id: Id) -> ApiToken:
    return selectors.get_token_for_user(request.user, token_id)


@router.post(
    "/tokens/{token_id}/revoke", response=responses(200, TokenOut), summary="Revoke an API token"
)
def revoke_token(request: AuthenticatedHttpRequest, token_id: Id) -> ApiToken:
    """Revoke one of your tokens (admins: anyone's). Requests with it get 401 from then on."""
    token = selectors.get_token_for_user(request.user, token_id)
    return services.token_revoke(token=token, by=request.user)
