"""What the insights operations share."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.people.models import Person


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _person(request: AuthenticatedHttpRequest) -> Person:
    person = request.user.person
    if person is None:
        raise PermissionDenied  # as require() does: no person, nothing of one's own
    return person
