"""Who follows up a poor response: eligible people, their weekly load, routing rules."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation
from ridealong.people.models import Person, RoleKind
from ridealong.surveys import scoring
from ridealong.surveys.models import FollowUp, RoutingKind, RoutingRule
from ridealong.surveys.services.common import _clean_text

CUSTOMER_FACING_WORDS = ("sales", "support", "service")


def week_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of this week in the organisation's time zone (as an aware datetime)."""
    organisation = Organisation.current()
    local = (now or timezone.now()).astimezone(ZoneInfo(organisation.time_zone))
    days = (local.weekday() - organisation.week_start) % 7
    start = (local - datetime.timedelta(days=days)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return start


def eligible_people() -> "Any":
    """People who may follow up: active, with a login, outside sales and support."""
    qs = (
        Person.objects.active()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(role_kind=RoleKind.CUSTOMER_FACING)
    )
    for word in CUSTOMER_FACING_WORDS:
        qs = qs.exclude(department__name__icontains=word)
    return qs


def weekly_load(
    person_ids: Iterable[int], *, now: datetime.datetime | None = None
) -> dict[int, int]:
    """Follow-ups each person took this week (their weekly maximum counts these)."""
    rows = (
        FollowUp.objects.filter(assignee_id__in=list(person_ids), assigned_at__gte=week_start(now))
        .values("assignee_id")
        .annotate(n=Count("id"))
    )
    return {row["assignee_id"]: row["n"] for row in rows}


def personal_caps(person_ids: list[int], *, now: datetime.datetime | None = None) -> dict[int, int]:
    """Each person's own weekly maximum from the standards app's availability (when it is
    installed and they have one), and 0 for those out of office today."""
    caps: dict[int, int] = {}
    try:
        from ridealong.standards.models import Availability, OutOfOffice
    except ImportError:
        return caps
    for person_id, weekly_max in Availability.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "weekly_max"
    ):
        caps[person_id] = weekly_max
    organisation = Organisation.current()
    today = (now or timezone.now()).astimezone(ZoneInfo(organisation.time_zone)).date()
    away = OutOfOffice.objects.filter(
        person_id__in=person_ids, starts_on__lte=today, ends_on__gte=today
    ).values_list("person_id", flat=True)
    for person_id in away:
        caps[person_id] = 0
    return caps


def _effective_load(
    candidates: list[int], rule: RoutingRule, *, now: datetime.datetime | None
) -> dict[int, int]:
    """Load measured against the rule's maximum: a person with a lower personal maximum (or
    away today) counts as full earlier."""
    load = weekly_load(candidates, now=now)
    caps = personal_caps(candidates, now=now)
    effective: dict[int, int] = {}
    for pk in candidates:
        taken = load.get(pk, 0)
        cap = min(rule.weekly_max, caps.get(pk, rule.weekly_max))
        effective[pk] = rule.weekly_max if taken >= cap else taken
    return effective


def route(*, now: datetime.datetime | None = None) -> tuple[RoutingRule | None, Person | None]:
    """The first active rule that finds someone below their weekly maximum, and who."""
    eligible = eligible_people()
    for rule in RoutingRule.objects.filter(is_active=True).order_by("position", "id"):
        if rule.kind == RoutingKind.ROTATION:
            candidates = list(
                eligible.filter(pk__in=rule.volunteers.values("pk"))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            load = _effective_load(candidates, rule, now=now)
            after = rule.last_assigned_id
        else:
            candidates = list(
                eligible.filter(department_id=rule.department_id)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            load = _effective_load(candidates, rule, now=now)
            candidates.sort(key=lambda pk: (load.get(pk, 0), pk))
            after = None
        picked = scoring.pick_assignee(
            candidates, load=load, weekly_max=rule.weekly_max, after=after
        )
        if picked is not None:
            return rule, Person.objects.get(pk=picked)
    return None, None


@transaction.atomic
def routing_rule_create(
    *,
    by: User,
    name: str,
    kind: str,
    volunteers: Sequence[Person] = (),
    department: Any = None,
    weekly_max: int = 2,
) -> RoutingRule:
    errors: dict[str, list[str]] = {}
    name = _clean_text("name", name, 200, errors)
    if not name and "name" not in errors:
        errors["name"] = ["Name the rule."]
    if kind not in RoutingKind.values:
        errors["kind"] = ["Pick a rotation or a department."]
    if kind == RoutingKind.ROTATION and not volunteers:
        errors["volunteers"] = ["Pick the volunteers."]
    if kind == RoutingKind.DEPARTMENT and department is None:
        errors["department"] = ["Pick the department."]
    if not 1 <= weekly_max <= 50:
        errors["weekly_max"] = ["Between 1 and 50 a week."]
    eligible = set(eligible_people().values_list("pk", flat=True))
    outside = [str(p) for p in volunteers if p.pk not in eligible]
    if outside:
        errors.setdefault("volunteers", []).append(
            "Only active people with a login outside sales and support: " + ", ".join(outside)
        )
    if errors:
        raise ValidationError(errors)
    last = RoutingRule.objects.order_by("-position").values_list("position", flat=True).first()
    rule = RoutingRule.objects.create(
        name=name,
        kind=kind,
        department=department if kind == RoutingKind.DEPARTMENT else None,
        weekly_max=weekly_max,
        position=(last or 0) + 1,
    )
    if kind == RoutingKind.ROTATION:
        rule.volunteers.set(volunteers)
    log_action("surveys.routing_rule.created", actor=by, target=rule, changes={"kind": kind})
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, by: User) -> None:
    log_action("surveys.routing_rule.deleted", actor=by, target=rule)
    rule.delete()
