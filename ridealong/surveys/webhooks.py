"""Outbound webhook requests: signed with HMAC-SHA256, sent only to public addresses.

The host is resolved once; every address it resolves to must be public (not private,
loopback, link-local, reserved, multicast or unspecified) unless
RIDEALONG_WEBHOOK_ALLOW_PRIVATE is on, and the request then goes to the address that was
checked (so a second, different DNS answer cannot redirect it). Redirects are not followed.
"""

import hashlib
import hmac
import http.client
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from ridealong.core.net import is_public

SIGNATURE_HEADER = "X-Ridealong-Signature"
TIMEOUT_SECONDS = 10


class Refused(Exception):
    """The destination is not allowed (a private address, a bad scheme)."""


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def allow_private() -> bool:
    value = getattr(settings, "RIDEALONG_WEBHOOK_ALLOW_PRIVATE", False)
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def validate_url(url: str) -> None:
    """The shape of a webhook URL (its addresses are checked at each delivery)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError({"url": ["An http:// or https:// address, please."]})
    if parts.username or parts.password:
        raise ValidationError({"url": ["No user name or password in the address."]})
    try:
        resolve(url)
    except Refused as refused:
        # A host that does not resolve now may later; a private address is refused at once.
        if "private" in str(refused):
            raise ValidationError({"url": [f"Refused: {refused}."]}) from refused


def resolve(url: str) -> tuple[str, int, str]:
    """(scheme, port, address) to connect to, or Refused."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused("only http and https addresses")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as bad:
        raise Refused("the port is not a number") from bad
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as failed:
        raise Refused(f"the host does not resolve ({failed})") from failed
    addresses = sorted({str(info[4][0]) for info in infos})  # IP addresses, as text
    if not addresses:
        raise Refused("the host does not resolve")
    if not allow_private():
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise Refused(
                f"{parts.hostname} resolves to a private or reserved address ({private[0]}); "
                "set RIDEALONG_WEBHOOK_ALLOW_PRIVATE=true to allow it"
            )
    return parts.scheme, port, addresses[0]


@dataclass(frozen=True)
class Result:
    ok: bool
    status: int | None
    error: str


def post(url: str, body: bytes, secret: str, event: str) -> Result:
    """POST the body to the URL, signed; Refused when the destination is not allowed."""
    scheme, port, address = resolve(url)
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        sock = socket.create_connection((address.split("%", 1)[0], port), timeout=TIMEOUT_SECONDS)
        if scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
        assert parts.hostname  # resolve() refused a URL without a host
        connection = http.client.HTTPConnection(parts.hostname, port, timeout=TIMEOUT_SECONDS)
        connection.sock = sock
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Ridealong-Webhook/1",
                "X-Ridealong-Event": event,
                SIGNATURE_HEADER: sign(secret, body),
            },
        )
        response = connection.getresponse()
        response.read(65536)
        connection.close()
    except (OSError, http.client.HTTPException) as failed:
        return Result(False, None, str(failed)[:300] or failed.__class__.__name__)
    ok = 200 <= response.status < 300
    return Result(ok, response.status, "" if ok else f"HTTP {response.status}")
