"""GET /api/v1/search and saved searches over the API."""

import pytest

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.search.models import SavedSearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, cast):
    def call(method, path, user=None, **kwargs):
        raw = ApiToken.generate()
        ApiToken.objects.create(
            user=user or cast.member, name="t", prefix=raw[:10], digest=hash_token(raw)
        )
        headers = {"authorization": f"Bearer {raw}"}
        if method == "get":
            return client.get(path, kwargs.get("data", {}), headers=headers)
        return getattr(client, method)(
            path, kwargs.get("json", {}), content_type="application/json", headers=headers
        )

    return call


def test_it_searches_with_filters_and_highlights(api, cast, index):
    index(
        "Night <shift>", "jaws jam", kind="insight", customer_id=cast.acme.pk, insight_type="pain"
    )
    index("Day shift", "jaws fine", kind="note", customer_id=cast.globex.pk)
    response = api("get", "/api/v1/search", data={"q": "jaws", "kind": "insight"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1
    item = body["items"][0]
    assert item["kind"] == "insight"
    assert item["snippet_html"] == "<mark>jaws</mark> jam"
    # Escaped (SQLite) or shown as ‹shift› (PostgreSQL would otherwise drop it as a tag).
    assert "<shift>" not in item["title_html"]
    assert "shift" in item["title_html"]
    assert item["customer"] == {"id": cast.acme.pk, "name": cast.acme.name}


@pytest.mark.parametrize("q", ["\x00", '"', "AND OR", "😀" * 400, "x" * 5000])
def test_it_never_fails_on_odd_queries(api, index, q):
    index("Night shift", "jaws jam")
    response = api("get", "/api/v1/search", data={"q": q})
    assert response.status_code == 200


def test_it_refuses_bad_filters_with_400(api):
    response = api("get", "/api/v1/search", data={"q": "x", "since": "yesterday", "kind": "memo"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"since", "kind"}


def test_saved_searches_are_created_changed_and_kept_private(api, cast):
    created = api(
        "post",
        "/api/v1/saved-searches",
        json={"name": "Jaws", "query": "jaws", "filters": {"kind": "insight"}},
    )
    assert created.status_code == 201
    saved_id = created.json()["id"]
    path = f"/api/v1/saved-searches/{saved_id}"
    assert api("patch", path, json={"name": "Jaws at Acme"}).json()["name"] == "Jaws at Acme"
    assert api("get", path, user=cast.manager).status_code == 404
    assert api("get", "/api/v1/saved-searches", user=cast.manager).json()["count"] == 0
    assert api("get", "/api/v1/saved-searches").json()["items"][0]["filters"] == {"kind": "insight"}
    assert api("delete", path).status_code == 204
    assert not SavedSearch.objects.exists()


def test_saved_searches_refuse_unknown_or_bad_filters(api):
    for filters in ({"colour": "red"}, {"since": "not a date"}, {"kind": "memo"}):
        response = api("post", "/api/v1/saved-searches", json={"name": "x", "filters": filters})
        assert response.status_code == 400, filters
        assert "filters" in response.json()["errors"]


def test_a_duplicate_name_is_a_clear_error(api):
    api("post", "/api/v1/saved-searches", json={"name": "Jaws"})
    response = api("post", "/api/v1/saved-searches", json={"name": "jaws"})
    assert response.status_code in {400, 409}
    assert "already" in response.json()["detail"] + str(response.json()["errors"])
