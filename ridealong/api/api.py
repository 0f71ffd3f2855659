"""The REST API at /api/v1/ (django-ninja), authenticated by personal API tokens."""

from ninja import NinjaAPI

api = NinjaAPI(title="Ridealong API", version="1", urls_namespace="api-v1")
