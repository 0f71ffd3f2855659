"""`api`: calls the REST API as one of the cast (see the root conftest), with a real token."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ridealong.api.services import token_create

Api = Callable[..., Any]


@pytest.fixture
def tokens(cast) -> Callable[[str], str]:
    """The raw token of a role of the cast (made on first use)."""
    made: dict[str, str] = {}

    def token_for(role: str) -> str:
        if role not in made:
            made[role] = token_create(user=cast.user(role), name=f"{role}'s tests", by=None)[1]
        return made[role]

    return token_for


@pytest.fixture
def api(client: Client, tokens) -> Api:
    """api(role, method, path, body=None, *, raw=None, **query) → response (JSON in .json())."""

    def call(
        role: str, method: str, path: str, body: Any = None, *, raw: str | None = None, **query: Any
    ):
        headers = {} if role == "anonymous" else {"authorization": f"Bearer {tokens(role)}"}
        url = "/api/v1" + path
        if method == "get":
            return client.get(url, query, headers=headers)
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return getattr(client, method)(url, data, content_type="application/json", headers=headers)

    return call
