"""Who may use search: everyone signed in; saved searches are each person's own."""

from ridealong.search.models import SavedSearch
from tests.permissions import Expect, api_statuses, everyone, statuses


def members_saved_search(cast):
    saved = SavedSearch.objects.create(owner=cast.member, name="Jaws", query="jaws")
    return {"pk": saved.pk}


def members_saved_search_id(cast):
    return {"saved_search_id": members_saved_search(cast)["pk"]}


OWN = statuses(member=302, manager=404, other_manager=404, program_lead=404, admin=404)

PAGES = {
    "search:search": [
        Expect(everyone()),
        Expect(everyone(), data=lambda cast: {"q": '"spare parts" manu* AND ('}),
    ],
    "search:saved_create": [
        Expect(everyone(405), note="POST only"),
        Expect(everyone(302), method="post", data=lambda cast: {"q": "jaws", "name": "Jaws"}),
    ],
    "search:saved_delete": [
        Expect(everyone(405), kwargs=members_saved_search, note="POST only"),
        Expect(OWN, method="post", kwargs=members_saved_search, note="someone else's: 404"),
    ],
}

OWN_API = {"manager": 404, "other_manager": 404, "program_lead": 404, "admin": 404}

API = {
    ("GET", "/api/v1/search"): Expect(api_statuses(200), kwargs=lambda cast: {}),
    ("GET", "/api/v1/saved-searches"): Expect(api_statuses(200)),
    ("POST", "/api/v1/saved-searches"): Expect(
        api_statuses(201), data=lambda cast: {"name": "Jaws", "query": "jaws"}
    ),
    ("GET", "/api/v1/saved-searches/{saved_search_id}"): Expect(
        api_statuses(200, **OWN_API), kwargs=members_saved_search_id
    ),
    ("PATCH", "/api/v1/saved-searches/{saved_search_id}"): Expect(
        api_statuses(200, **OWN_API),
        kwargs=members_saved_search_id,
        data=lambda cast: {"name": "Jaws again"},
    ),
    ("DELETE", "/api/v1/saved-searches/{saved_search_id}"): Expect(
        api_statuses(204, **OWN_API), kwargs=members_saved_search_id
    ),
}
