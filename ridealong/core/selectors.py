"""Reads for core's settings pages: the audit trail."""

from django.db.models import QuerySet

from ridealong.core.models import AuditEvent


def audit_events(*, action: str = "", actor_id: int | None = None) -> QuerySet[AuditEvent]:
    """The trail, newest first; filtered by the start of the action and by who acted."""
    events = AuditEvent.objects.select_related("actor", "actor__person").order_by("-at", "-id")
    if action:
        events = events.filter(action__startswith=action.strip())
    if actor_id:
        events = events.filter(actor_id=actor_id)
    return events


def audit_action_prefixes() -> list[str]:
    """The actions recorded so far and their app.model prefixes, for the filter's suggestions."""
    actions = set(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
    prefixes = {".".join(a.split(".")[:2]) + "." for a in actions if a.count(".") >= 2}
    apps = {a.split(".")[0] + "." for a in actions if "." in a}
    return sorted(actions | prefixes | apps)
