"""Reads for the settings pages: the department tree, kinds of contact, the audit trail."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ridealong.core.models import AuditEvent
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department


@dataclass
class DepartmentRow:
    department: Department
    depth: int
    people_count: int
    child_count: int


def department_tree() -> list[DepartmentRow]:
    """Every department in tree order (parents before children), in one query."""
    departments = list(
        Department.objects.annotate(
            people_count=Count("people", filter=Q(people__is_active=True), distinct=True)
        ).order_by("name")
    )
    ids = {d.pk for d in departments}
    children: dict[int | None, list[Department]] = defaultdict(list)
    for department in departments:
        # A parent outside the list cannot happen; be robust and show it at the top level.
        parent = department.parent_id if department.parent_id in ids else None
        children[parent].append(department)
    rows: list[DepartmentRow] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for department in children.get(parent, []):
            if department.pk in seen:
                continue
            seen.add(department.pk)
            rows.append(
                DepartmentRow(
                    department=department,
                    depth=depth,
                    people_count=department.people_count,  # type: ignore[attr-defined]
                    child_count=len(children.get(department.pk, [])),
                )
            )
            walk(department.pk, depth + 1)

    walk(None, 0)
    return rows


def kind_list() -> QuerySet[ContactKind]:
    """Every kind of contact, active or not, with how many engagements use it."""
    return ContactKind.objects.annotate(engagement_count=Count("engagements")).order_by(
        "position", "name"
    )


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
