"""The weekly team digest (per department): top quotes, new or growing themes, who met which
customers, unanswered host questions; one e-mail per recipient, each with its own opt-out link.

Sending is idempotent per team per week (DigestSent). Optionally posts a short version to a
Slack-compatible incoming webhook (SLACK_WEBHOOK_URL), refusing private and loopback
addresses unless SLACK_WEBHOOK_ALLOW_PRIVATE is set."""

import datetime
import json
import logging
import os
import socket
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.core.net import is_public
from ridealong.core.registry import Registry
from ridealong.engagements.models import Participation
from ridealong.insights.models import (
    DigestOptOut,
    DigestSent,
    HostQuestion,
    Insight,
    InsightType,
)
from ridealong.insights.services import absolute, send_email
from ridealong.people.models import Department, Person

logger = logging.getLogger(__name__)

TOP_QUOTES = 6
OPT_OUT_SALT = "insights.digest.opt-out"


def opt_out_token(person: Person) -> str:
    return signing.dumps(person.pk, salt=OPT_OUT_SALT, compress=True)


def person_for_opt_out_token(token: str) -> Person | None:
    try:
        pk = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def week_bounds(
    now: datetime.datetime,
) -> tuple[datetime.date, datetime.datetime, datetime.datetime]:
    """The last complete week before `now` in the organisation's zone:
    (its first day, since, until)."""
    org = Organisation.current()
    zone = ZoneInfo(org.time_zone)
    today = now.astimezone(zone).date()
    this_week = today - datetime.timedelta(days=(today.weekday() - org.week_start) % 7)
    first = this_week - datetime.timedelta(days=7)

    def midnight(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

    return first, midnight(first), midnight(this_week)


@dataclass
class Digest:
    department: Department
    week_start: datetime.date
    quotes: list[Insight] = field(default_factory=list)
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    meetings: list[tuple[str, list[str]]] = field(default_factory=list)
    unanswered: list[HostQuestion] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.quotes or any(self.sections.values()) or self.meetings or self.unanswered)

    @property
    def themes(self) -> list[dict[str, Any]]:
        """Themes the team's insights of the week joined, most new quotes first (none while
        no app registers the "themes" section)."""
        return self.sections.get("themes", [])


# build(department=, since=, until=) -> the section's rows; an app above registers one in its
# AppConfig.ready() (the themes app: "themes", the new or growing themes of the week).
SectionBuilder = Callable[..., list[dict[str, Any]]]


# The digest's sections that apps above insights contribute, by name (themes: "themes").
digest_sections: Registry[SectionBuilder] = Registry("digest section")


def _build_sections(
    department: Department, since: datetime.datetime, until: datetime.datetime
) -> dict[str, list[dict[str, Any]]]:
    sections: dict[str, list[dict[str, Any]]] = {}
    for name, build in digest_sections.items():
        try:
            sections[name] = build(department=department, since=since, until=until)
        except DatabaseError:  # an optional section never stops the digest
            logger.exception("the digest section %s failed", name)
            sections[name] = []
    return sections


def build_digest(department: Department, now: datetime.datetime) -> Digest:
    first, since, until = week_bounds(now)
    people = Person.objects.filter(department=department)
    digest = Digest(department=department, week_start=first)
    # Top quotes: the team's insights of the week, praise and pains first, then the rest.
    quotes = list(
        Insight.objects.select_related("customer", "author")
        .filter(author__in=people, created_at__gte=since, created_at__lt=until)
        .order_by("-created_at", "-id")[:100]
    )
    priority: dict[str, int] = {InsightType.PAIN: 0, InsightType.PRAISE: 0, InsightType.REQUEST: 1}
    quotes.sort(key=lambda i: (priority.get(i.type, 2), -len(i.text) if len(i.text) < 240 else 0))
    digest.quotes = quotes[:TOP_QUOTES]
    digest.sections = _build_sections(department, since, until)
    met: dict[str, set[str]] = {}
    for row in (
        Participation.objects.filter(
            person__in=people,
            engagement__started_at__gte=since,
            engagement__started_at__lt=until,
            engagement__customer__isnull=False,
        )
        .values_list("person__first_name", "person__last_name", "engagement__customer__name")
        .order_by("person__first_name", "person__last_name")
    ):
        met.setdefault(f"{row[0]} {row[1]}".strip(), set()).add(row[2])
    digest.meetings = [(name, sorted(customers)) for name, customers in met.items()]
    digest.unanswered = list(
        HostQuestion.objects.select_related("asked_by", "host")
        .filter(Q(host__in=people) | Q(asked_by__in=people), answered_at__isnull=True)
        .order_by("created_at")[:10]
    )
    return digest


def render_digest(digest: Digest, person: Person) -> tuple[str, str, str, str]:
    """Subject, text, HTML and the opt-out URL for one recipient."""
    opt_out = absolute(reverse("insights:digest_opt_out", kwargs={"token": opt_out_token(person)}))
    context = {
        "digest": digest,
        "person": person,
        "opt_out_url": opt_out,
        "site_url": settings.SITE_URL,
        "feed_url": absolute(reverse("insights:home")),
        "organisation": Organisation.current(),
    }
    subject = f"{digest.department.name}: what customers said, week of {digest.week_start:%d %b}"
    text = render_to_string("insights/email/digest.txt", context)
    html = render_to_string("insights/email/digest.html", context)
    return subject, text, html, opt_out


def recipients(department: Department) -> list[Person]:
    opted_out = DigestOptOut.objects.values("person_id")
    return list(
        Person.objects.active()
        .filter(department=department)
        .exclude(pk__in=opted_out)
        .exclude(email="")
        .order_by("id")
    )


def send_team_digest(department: Department, now: datetime.datetime) -> int:
    """Send the team's digest for last week unless already sent; return how many e-mails."""
    first, _, _ = week_bounds(now)
    if DigestSent.objects.filter(department=department, week_start=first).exists():
        return 0
    digest = build_digest(department, now)
    people = recipients(department)
    if digest.is_empty or not people:
        return 0
    try:
        with transaction.atomic():
            # Claim the week first: a second run (or a parallel one) finds it taken.
            record = DigestSent.objects.create(department=department, week_start=first)
    except IntegrityError:
        return 0
    for person in people:
        subject, text, html, opt_out = render_digest(digest, person)
        send_email(
            key=f"insights.digest.{department.pk}.{first:%Y-%m-%d}",
            to=[person.email],
            subject=subject,
            text=text,
            html=html,
            headers={
                "List-Unsubscribe": f"<{opt_out}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
    DigestSent.objects.filter(pk=record.pk).update(recipients=len(people))
    post_to_webhook(digest)
    return len(people)


def send_digests(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    sent = teams = 0
    for department in Department.objects.filter(people__is_active=True).distinct():
        count = send_team_digest(department, now)
        if count:
            teams += 1
            sent += count
    return {"teams": teams, "emails": sent}


# --- Slack-compatible webhook ------------------------------------------------------------------


class WebhookRefused(ValueError):
    pass


def webhook_url() -> str:
    return getattr(settings, "SLACK_WEBHOOK_URL", "") or os.environ.get("SLACK_WEBHOOK_URL", "")


def allow_private() -> bool:
    value = getattr(settings, "SLACK_WEBHOOK_ALLOW_PRIVATE", None)
    if value is None:
        value = os.environ.get("SLACK_WEBHOOK_ALLOW_PRIVATE", "").lower() in {"1", "true", "yes"}
    return bool(value)


def check_webhook_url(url: str, *, private_ok: bool = False) -> None:
    """Refuse URLs that are not http(s) or that resolve to private, loopback or link-local
    addresses (a webhook must not become a way into the internal network)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise WebhookRefused("The webhook URL must be an http(s) URL.")
    if private_ok:
        return
    if parts.scheme != "https":
        raise WebhookRefused("The webhook URL must use https.")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise WebhookRefused(f"Cannot resolve {parts.hostname}.") from error
    for info in infos:
        address = str(info[4][0])  # an IP address (the type also allows a port number)
        if not is_public(address):
            raise WebhookRefused(f"{parts.hostname} resolves to a private address ({address}).")


def webhook_text(digest: Digest) -> str:
    lines = [f"*{digest.department.name}* — what customers said, week of {digest.week_start:%d %b}"]
    for quote in digest.quotes[:3]:
        lines.append(f"> “{quote.text[:280]}” — {quote.customer.name}")
    if digest.meetings:
        lines.append(f"{len(digest.meetings)} people met customers.")
    if digest.unanswered:
        lines.append(f"{len(digest.unanswered)} questions to hosts wait for an answer.")
    return "\n".join(lines)


def post_to_webhook(digest: Digest) -> bool:
    url = webhook_url()
    if not url:
        return False
    try:
        check_webhook_url(url, private_ok=allow_private())
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url,
            data=json.dumps({"text": webhook_text(digest)}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return 200 <= response.status < 300
    except (WebhookRefused, OSError) as error:
        logger.warning("digest webhook not posted: %s", error)
        return False
