"""The OpenAPI schema, the self-hosted docs page, and the list of operations."""

import re

from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api_operations

TAGS = {"People", "Departments", "Customers", "Contacts", "Kinds of contact", "Engagements"}


def test_the_schema_is_served_without_a_token(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Ridealong API"
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"


def test_every_operation_has_a_tag_a_summary_and_a_readable_id(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    tags = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"], f"{method} {path}"
            assert len(operation["tags"]) == 1, f"{method} {path}"
            assert re.fullmatch(r"[a-z_]+", operation["operationId"])
            assert operation["security"] == [{"ApiTokenAuth": []}]
            tags.update(operation["tags"])
    # Later apps add their own tags; the foundation's are all there.
    assert TAGS | {"API tokens"} <= tags


def test_the_docs_page_loads_without_anything_from_another_origin(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert source.startswith("/static/"), source
        assert finders.find(source.removeprefix("/static/")), source
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_api_operations_lists_every_route_of_the_api(db):
    operations = api_operations()
    assert len(operations) == len(set(operations)) >= 34
    assert ("GET", "/api/v1/people") in operations
    assert ("POST", "/api/v1/tokens/{token_id}/revoke") in operations

    routes = set()

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and prefix.startswith("api/v1/"):
                routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "")
    not_operations = {"/api/v1/", "/api/v1/openapi.json", "/api/v1/docs"}
    assert routes - not_operations == {path for _, path in operations}
