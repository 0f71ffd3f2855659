"""A per-address rate limit for the public survey pages, kept in the database.

Two budgets per client address (IPv6: per /64) within a window: requests of any kind, and
failed look-ups (a link that does not exist). Token guessing runs out of the second fast.
The address is found as the sign-in limit finds it (accounts.ratelimit.client_ip).
"""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from ridealong.accounts.ratelimit import client_ip, ip_key
from ridealong.surveys.models import PublicHit


def _limits() -> tuple[int, int, datetime.timedelta]:
    return (
        int(getattr(settings, "SURVEY_RATE_LIMIT_REQUESTS", 60)),
        int(getattr(settings, "SURVEY_RATE_LIMIT_FAILURES", 10)),
        datetime.timedelta(seconds=int(getattr(settings, "SURVEY_RATE_LIMIT_WINDOW", 900))),
    )


def key_for(request: HttpRequest) -> str:
    return ip_key(client_ip(request))


def is_limited(request: HttpRequest) -> bool:
    """True when this address has made too many requests, or too many failed look-ups."""
    requests, failures, window = _limits()
    since = timezone.now() - window
    hits = PublicHit.objects.filter(key=key_for(request), at__gt=since)
    return hits.count() >= requests or hits.filter(failed=True).count() >= failures


def record(request: HttpRequest, *, failed: bool) -> None:
    now = timezone.now()
    _, _, window = _limits()
    PublicHit.objects.filter(at__lte=now - window).delete()
    PublicHit.objects.create(key=key_for(request), failed=failed, at=now)
