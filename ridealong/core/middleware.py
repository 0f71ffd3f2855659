from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ridealong.core.models import Organisation


class OrganisationTimezoneMiddleware:
    """Show times in the organisation's time zone; everything is stored in UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        org = Organisation.current()
        # An attribute HttpRequest does not declare: views and templates reuse the one read.
        request.organisation = org  # type: ignore[attr-defined]
        timezone.activate(org.time_zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
