"""What the log form posts, as a browser with JavaScript would post it."""

import datetime
from typing import Any

from django.utils import timezone

from ridealong.engagements.models import ContactKind


def form_data(
    *,
    kind: ContactKind,
    participants: list[tuple[int, str]],
    customer: int | None = None,
    contacts: list[int] | None = None,
    started_at: datetime.datetime | None = None,
    duration_minutes: int | str = 60,
    summary: str = "Watched the night shift use the line",
    **extra: Any,
) -> dict[str, Any]:
    started = timezone.localtime(started_at or timezone.now() - datetime.timedelta(hours=2))
    data: dict[str, Any] = {
        "kind": kind.pk,
        "customer": "" if customer is None else customer,
        "contacts": contacts or [],
        "participants": [pk for pk, _ in participants],
        "started_at": started.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": duration_minutes,
        "channel": "on_site",
        "place": "",
        "summary": summary,
        "notes": "",
    }
    for pk, part in participants:
        data[f"part-{pk}"] = part
    data.update(extra)
    return data
