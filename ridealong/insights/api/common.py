"""What the insights operations share."""

import datetime

from django.http import HttpRequest
from django.utils import timezone

from ridealong.accounts.roles import require
from ridealong.people.models import Person


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _person(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    require(person is not None)
    return person
