"""The sign-in rate limit, per account and per client address.

Failures are rows in the database, so every gunicorn worker and every app server sees the
same count. A refused attempt is not recorded (the block ends when the window has passed,
however often someone retries) and the password is not checked while blocked.
"""

import datetime
import hashlib
import ipaddress
import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from ridealong.accounts.models import LoginFailure

Kind = LoginFailure.KeyKind


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the last hop of a trusted proxy's header.

    Behind a reverse proxy every request comes from the proxy, so settings name the header
    the proxy sets (TRUSTED_PROXY_IP_HEADER, e.g. HTTP_X_FORWARDED_FOR). Its last entry is
    the one the trusted proxy appended; earlier entries are whatever the client sent.
    """
    header = getattr(settings, "TRUSTED_PROXY_IP_HEADER", "")
    if header and (forwarded := request.META.get(header, "")):
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def ip_key(ip: str) -> str:
    """IPv6 clients usually hold a whole /64, so that is what the limit counts."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64]
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@dataclass(frozen=True)
class Block:
    """Sign-in is refused until `until`."""

    until: datetime.datetime

    @property
    def minutes(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, math.ceil(seconds / 60))

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - timezone.now()).total_seconds()))


def _block_for(kind: str, key: str, limit: int, window: datetime.timedelta) -> Block | None:
    now = timezone.now()
    times = list(
        LoginFailure.objects.filter(key_kind=kind, key=key, at__gt=now - window)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(times) < limit:
        return None
    # Sign-in opens again when the oldest of the last `limit` failures leaves the window.
    return Block(until=times[-1] + window)


def login_block(*, email: str, ip: str) -> Block | None:
    """The block on this e-mail or this address, if either has failed too often lately."""
    window = datetime.timedelta(seconds=settings.LOGIN_RATE_LIMIT_WINDOW)
    blocks = [
        _block_for(Kind.ACCOUNT, account_key(email), settings.LOGIN_RATE_LIMIT_ATTEMPTS, window)
        if email
        else None,
        _block_for(Kind.IP, ip_key(ip), settings.LOGIN_RATE_LIMIT_IP_ATTEMPTS, window),
    ]
    found = [b for b in blocks if b is not None]
    return max(found, key=lambda b: b.until) if found else None


def login_failure_record(*, email: str, ip: str) -> None:
    """Count a failed sign-in against the e-mail and the address; forget expired ones."""
    now = timezone.now()
    window = datetime.timedelta(seconds=settings.LOGIN_RATE_LIMIT_WINDOW)
    LoginFailure.objects.filter(at__lte=now - window).delete()
    rows = [LoginFailure(key_kind=Kind.IP, key=ip_key(ip), at=now)]
    if email:
        rows.append(LoginFailure(key_kind=Kind.ACCOUNT, key=account_key(email), at=now))
    LoginFailure.objects.bulk_create(rows)


def login_failures_clear(*, email: str) -> None:
    """A successful sign-in forgets the account's failures (not the address's)."""
    LoginFailure.objects.filter(key_kind=Kind.ACCOUNT, key=account_key(email)).delete()
