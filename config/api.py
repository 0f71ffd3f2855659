"""The REST API at /api/v1/ (django-ninja), authenticated by personal API tokens.

Every operation goes through the same access helpers (selectors) and writes (services) as
the pages; each app's api.py translates between JSON and them, and this module mounts them.
"""

from ninja import NinjaAPI, Swagger
from ninja.operation import Operation

from ridealong.accounts import api as tokens_api
from ridealong.accounts.auth import ApiTokenAuth
from ridealong.core.api import errors
from ridealong.customers import api as customers_api
from ridealong.engagements import api as engagements_api
from ridealong.insights import api as insights_api
from ridealong.notifications import api as notifications_api
from ridealong.people import api as people_api
from ridealong.scheduling import api as scheduling_api
from ridealong.search import api as search_api
from ridealong.seats import api as seats_api
from ridealong.standards import api as standards_api
from ridealong.surveys import api as surveys_api
from ridealong.themes import api as themes_api

DESCRIPTION = """
Ridealong's data: people and departments, customers and their contacts, kinds of contact and
engagements (customer contacts that happened), and your personal API tokens.

**Authentication**: create a token on your account's *API tokens* page and send it as
`Authorization: Bearer rdl_…`. The API acts as you, with your role's permissions.

**Lists** take `limit` (default 50, at most 200) and `offset`, and answer
`{"count", "limit", "offset", "items"}`.

**Errors** answer `{"detail": "a sentence", "errors": {"field": ["message"]}}`:
400 bad input · 401 no valid token · 403 not allowed · 404 not found (or not yours to see) ·
409 conflicts with stored data (a duplicate, or history that depends on it).
"""


class RidealongAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # View functions have unique names (list_people, create_customer …): stable, readable ids.
        return operation.view_func.__name__


api = RidealongAPI(
    title="Ridealong API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ApiTokenAuth(),
    # Swagger UI from django-ninja's own static files ("ninja" is an installed app): no CDN.
    docs=Swagger(),
)
errors.register(api)
api.add_router("", people_api.router)
api.add_router("", customers_api.router)
api.add_router("", engagements_api.router)
api.add_router("", tokens_api.router)
api.add_router("", seats_api.router)
api.add_router("", standards_api.router)
api.add_router("", scheduling_api.router)
api.add_router("", insights_api.router)
api.add_router("", search_api.router)
api.add_router("", surveys_api.router)
api.add_router("", themes_api.router)
api.add_router("", notifications_api.router)

METHODS = ("get", "post", "put", "patch", "delete")


def api_operations() -> list[tuple[str, str]]:
    """Every operation of the API as (METHOD, path), e.g. ("GET", "/api/v1/people/{person_id}").

    For the permission matrix: a test walks these and fails on any without an expectation.
    """
    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in METHODS
    )
