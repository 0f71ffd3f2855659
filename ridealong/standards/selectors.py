"""Reads about standards, progress and availability.

For the scheduler (ridealong.scheduling) and the seats app (ridealong.seats):

- deficits(*, at, person_ids=None) -> dict[person_id, progress.Deficit]
  What each ACTIVE person still misses on the organisation's day of `at`: minutes, contacts
  and live contacts missing for their tightest applicable standard (with the kinds that
  count for it), and `needs_support_seat` (the new-hire rule). Everyone asked for (or every
  active person when person_ids is None) gets an entry; all zeros means nothing missing.
  A constant number of queries, whatever the number of people.

- availability_for(person_ids, start, end) -> dict[person_id, availability.Availability]
  Working weekdays, out-of-office ranges touching [start, end] (dates, inclusive), weekly
  maximum of customer activities, preferred kinds. People without a stored availability get
  the defaults (Monday to Friday, 2 a week, no preference). Constant queries.

- progress_for(person_ids, *, today=None) -> dict[person_id, PersonProgress]
  Every applicable standard's progress per person (what the pages show).
"""

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.roles import can_manage_program, require
from ridealong.core.models import Organisation
from ridealong.engagements.models import Participation, Practice
from ridealong.people.models import Department, Person, RoleKind
from ridealong.people.selectors import report_person_ids
from ridealong.standards import availability as plain
from ridealong.standards import progress as calc
from ridealong.standards.models import (
    Availability,
    NewHireRule,
    OutOfOffice,
    PeopleGroup,
    Scope,
    Standard,
)

# --- access -----------------------------------------------------------------------------------


def can_manage_standards(user: Any) -> bool:
    """Program leads and admins create, change and deactivate standards and groups."""
    return can_manage_program(user)


def can_see_progress(user: Any, person: Person) -> bool:
    """Oneself, one's managers (up the chain), program leads and admins — and everyone for
    leaders, because leaders are the role model."""
    if not user.is_authenticated:
        return False
    if user.sees_everything or person.role_kind == RoleKind.LEADER:
        return True
    if user.person_id == person.pk:
        return True
    return person.pk in report_person_ids(user)


def can_edit_availability(user: Any, person: Person) -> bool:
    """Oneself, one's managers (transitively), program leads and admins."""
    if not user.is_authenticated:
        return False
    if user.sees_everything or user.person_id == person.pk:
        return True
    return user.is_manager and person.pk in report_person_ids(user)


def get_standard_for_user(user: Any, pk: int, *, write: bool = False) -> Standard:
    """Everyone signed in reads the standards; program leads and admins change them."""
    standard = get_object_or_404(
        Standard.objects.select_related("department", "group").prefetch_related("kinds"), pk=pk
    )
    if write:
        require(can_manage_standards(user))
    return standard


def get_group_for_user(user: Any, pk: int, *, write: bool = False) -> PeopleGroup:
    group = get_object_or_404(PeopleGroup, pk=pk)
    if write:
        require(can_manage_standards(user))
    return group


def get_person_progress_for_user(user: Any, pk: int) -> Person:
    """404 when the person does not exist; 403 when their progress is not the user's to see."""
    person = get_object_or_404(Person.objects.select_related("department", "manager"), pk=pk)
    require(can_see_progress(user, person))
    return person


def get_person_availability_for_user(user: Any, pk: int, *, write: bool = False) -> Person:
    """Availability is read by whoever may edit it (it holds out-of-office reasons)."""
    person = get_object_or_404(Person.objects.select_related("department"), pk=pk)
    require(can_edit_availability(user, person))
    return person


# --- standards --------------------------------------------------------------------------------


def standard_list(*, include_inactive: bool = True) -> QuerySet[Standard]:
    qs = Standard.objects.select_related("department", "group").prefetch_related("kinds")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("-is_active", "name", "id")


def group_list() -> QuerySet[PeopleGroup]:
    return PeopleGroup.objects.annotate(member_count=Count("members")).order_by("name", "id")


def organisation_today(at: datetime.datetime | None = None) -> datetime.date:
    """The organisation's calendar day of `at` (default: now)."""
    return (at or timezone.now()).astimezone(_org_zone()).date()


def _org_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(Organisation.current().time_zone)


def rule_for(standard: Standard) -> calc.Rule:
    """The pure rule of a standard (its kinds must be prefetched)."""
    kind_ids = frozenset(k.pk for k in standard.kinds.all())
    return calc.Rule(
        period_days=standard.period_days,
        min_minutes=standard.min_minutes,
        min_contacts=standard.min_contacts,
        min_live=standard.min_live,
        kind_ids=kind_ids or None,
        standard_id=standard.pk,
        name=standard.name,
    )


@dataclass
class _Audience:
    """Who each active standard applies to, resolved with a constant number of queries."""

    standards: list[Standard]
    department_ids: dict[int, set[int]] = field(default_factory=dict)  # standard id → depts
    group_members: dict[int, set[int]] = field(default_factory=dict)  # group id → people

    def applies(self, standard: Standard, person: Person) -> bool:
        if standard.scope == Scope.EVERYONE:
            return True
        if standard.scope == Scope.DEPARTMENT:
            return person.department_id in self.department_ids.get(standard.pk, set())
        if standard.scope == Scope.ROLE_KIND:
            return person.role_kind == standard.role_kind
        if standard.scope == Scope.GROUP:
            return person.pk in self.group_members.get(standard.group_id or 0, set())
        return False

    def for_person(self, person: Person) -> list[Standard]:
        return [s for s in self.standards if self.applies(s, person)]


def _audience(standards: list[Standard]) -> _Audience:
    audience = _Audience(standards=standards)
    if any(s.scope == Scope.DEPARTMENT for s in standards):
        children: dict[int | None, list[int]] = defaultdict(list)
        for did, parent_id in Department.objects.values_list("id", "parent_id"):
            children[parent_id].append(did)
        for standard in standards:
            if standard.scope != Scope.DEPARTMENT or standard.department_id is None:
                continue
            seen: set[int] = set()
            stack = [standard.department_id]
            while stack:
                did = stack.pop()
                if did not in seen:
                    seen.add(did)
                    stack.extend(children.get(did, []))
            audience.department_ids[standard.pk] = seen
    group_ids = {s.group_id for s in standards if s.scope == Scope.GROUP and s.group_id}
    if group_ids:
        for group_id, person_id in PeopleGroup.members.through.objects.filter(
            peoplegroup_id__in=group_ids
        ).values_list("peoplegroup_id", "person_id"):
            audience.group_members.setdefault(group_id, set()).add(person_id)
    return audience


@dataclass
class StandardProgress:
    standard: Standard
    progress: calc.Progress


@dataclass
class PersonProgress:
    """Everything the progress pages show for one person."""

    person: Person
    items: list[StandardProgress]
    new_hire: calc.NewHire
    new_hire_rule_days: int
    today: datetime.date
    last_contact_on: datetime.date | None
    deficit: calc.Deficit

    @property
    def days_since_contact(self) -> int | None:
        return calc.days_since(self.last_contact_on, self.today)

    @property
    def met(self) -> bool:
        return not self.deficit.is_behind

    @property
    def tightest(self) -> StandardProgress | None:
        worst = calc.tightest([item.progress for item in self.items])
        return next((i for i in self.items if i.progress is worst), None)

    @property
    def new_hire_days_left(self) -> int:
        return self.new_hire.days_left(self.today)

    @property
    def sort_key(self) -> tuple:
        """Those behind first, the furthest behind first."""
        d = self.deficit
        return (
            not d.is_behind,
            not d.needs_support_seat,
            d.fraction,
            -d.minutes_missing,
            -d.contacts_missing,
            self.person.last_name.lower(),
            self.person.first_name.lower(),
        )


def _contacts_by_person(
    person_filter: Q, since: datetime.datetime, until: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> dict[int, list[calc.Contact]]:
    """Every participation in [since, until) as pure contacts, from ONE query."""
    rows = (
        Participation.objects.filter(person_filter)
        .filter(engagement__started_at__gte=since, engagement__started_at__lt=until)
        .values_list(
            "person_id",
            "engagement__started_at",
            "engagement__duration_minutes",
            "engagement__kind_id",
            "engagement__kind__is_live",
            "engagement__kind__practice",
        )
    )
    found: dict[int, list[calc.Contact]] = defaultdict(list)
    for person_id, started_at, minutes, kind_id, is_live, practice in rows:
        found[person_id].append(
            calc.Contact(
                on=started_at.astimezone(zone).date(),
                minutes=minutes,
                kind_id=kind_id,
                is_live=is_live,
                is_support=practice == Practice.SUPPORT,
            )
        )
    return found


def _local_midnight(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def _progress(
    people: list[Person],
    *,
    person_filter: Q,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> dict[int, PersonProgress]:
    from ridealong.engagements.selectors import last_contact_by_person

    zone = _org_zone()
    if today is None:
        today = (at or timezone.now()).astimezone(zone).date()
    rule = NewHireRule.current()
    standards = list(standard_list(include_inactive=False))
    audience = _audience(standards)
    rules = {s.pk: rule_for(s) for s in standards}
    longest = max([r.period_days for r in rules.values()] + [rule.days, 1])
    since = _local_midnight(today - datetime.timedelta(days=longest), zone)
    until = _local_midnight(today + datetime.timedelta(days=1), zone)
    contacts = _contacts_by_person(person_filter, since, until, zone)
    last = last_contact_by_person([p.pk for p in people]) if people else {}
    result: dict[int, PersonProgress] = {}
    for person in people:
        mine = contacts.get(person.pk, [])
        items = [
            StandardProgress(s, calc.progress(rules[s.pk], mine, today))
            for s in audience.for_person(person)
        ]
        new_hire = (
            calc.new_hire_status(
                is_technical=person.role_kind == RoleKind.TECHNICAL,
                hire_date=person.hire_date,
                rule_days=rule.days,
                contacts=mine,
                today=today,
            )
            if rule.is_active
            else calc.NewHire(applies=False)
        )
        last_at = last.get(person.pk)
        result[person.pk] = PersonProgress(
            person=person,
            items=items,
            new_hire=new_hire,
            new_hire_rule_days=rule.days,
            today=today,
            last_contact_on=last_at.astimezone(zone).date() if last_at else None,
            deficit=calc.deficit(person.pk, [i.progress for i in items], new_hire),
        )
    return result


def progress_for(
    people: Iterable[Person] | Iterable[int], *, today: datetime.date | None = None
) -> dict[int, PersonProgress]:
    """Progress of many people against every standard that applies to each, in a constant
    number of queries (one for their participations in the longest window)."""
    given = list(people)
    # Callers pass people or ids, never a mix: the first one tells which.
    if given and not isinstance(given[0], Person):
        ids = cast(list[int], given)
        chosen = list(Person.objects.select_related("department").filter(pk__in=ids))
    else:
        chosen = cast(list[Person], given)
    ids = [p.pk for p in chosen]
    return _progress(
        chosen,
        today=today,
        person_filter=Q(person_id__in=ids),
    )


def deficits(
    *, at: datetime.datetime, person_ids: Iterable[int] | None = None
) -> dict[int, calc.Deficit]:
    """What each active person still misses on the organisation's day of `at` (see the
    module docstring). The scheduler's input for "those furthest behind first"."""
    people_qs = Person.objects.filter(is_active=True).only(
        "id", "first_name", "last_name", "department_id", "role_kind", "hire_date"
    )
    if person_ids is not None:
        ids = list(person_ids)
        people_qs = people_qs.filter(pk__in=ids)
        person_filter = Q(person_id__in=ids)
    else:
        person_filter = Q(person__is_active=True)
    people = list(people_qs)
    found = _progress(people, at=at, person_filter=person_filter)
    return {pid: p.deficit for pid, p in found.items()}


def standards_with_counts(*, today: datetime.date | None = None) -> list[tuple[Standard, int, int]]:
    """Each standard with how many active people it applies to and how many meet it."""
    standards = list(standard_list())
    progresses = _progress(
        list(Person.objects.filter(is_active=True)),
        today=today,
        person_filter=Q(person__is_active=True),
    )
    applies: dict[int, int] = defaultdict(int)
    meets: dict[int, int] = defaultdict(int)
    for person_progress in progresses.values():
        for item in person_progress.items:
            applies[item.standard.pk] += 1
            meets[item.standard.pk] += item.progress.met
    return [(s, applies[s.pk], meets[s.pk]) for s in standards]


# --- progress pages ---------------------------------------------------------------------------


def team_progress(user: Any) -> list[PersonProgress]:
    """The user's reports, transitively, those behind first."""
    ids = report_person_ids(user)
    people = Person.objects.select_related("department").filter(pk__in=ids, is_active=True)
    return sorted(progress_for(people).values(), key=lambda p: p.sort_key)


def leaders_progress() -> list[PersonProgress]:
    people = Person.objects.select_related("department").filter(
        role_kind=RoleKind.LEADER, is_active=True
    )
    return sorted(progress_for(people).values(), key=lambda p: p.sort_key)


def people_for_progress(
    *, department_id: int | None = None, role_kind: str = "", standard_id: int | None = None
) -> QuerySet[Person]:
    """Active people matching the filters of the everyone's-progress page."""
    from ridealong.people.selectors import department_descendant_ids

    qs = Person.objects.select_related("department").filter(is_active=True)
    if department_id is not None:
        qs = qs.filter(department_id__in=department_descendant_ids(department_id))
    if role_kind:
        qs = qs.filter(role_kind=role_kind)
    if standard_id is not None:
        standard = Standard.objects.filter(pk=standard_id).select_related("group").first()
        if standard is None:
            return qs.none()
        if standard.scope == Scope.DEPARTMENT and standard.department_id:
            qs = qs.filter(department_id__in=department_descendant_ids(standard.department_id))
        elif standard.scope == Scope.ROLE_KIND:
            qs = qs.filter(role_kind=standard.role_kind)
        elif standard.scope == Scope.GROUP:
            qs = qs.filter(standard_groups=standard.group_id)
    return qs.order_by("last_name", "first_name", "id")


# --- availability -----------------------------------------------------------------------------


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.astimezone(_org_zone()).date() if timezone.is_aware(value) else value.date()
    return value


def availability_for(
    person_ids: Iterable[int],
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
) -> dict[int, plain.Availability]:
    """Availability of each person for the days `start` … `end` (inclusive; aware datetimes
    are read in the organisation's time zone). Three queries, whatever the number of people."""
    ids = list(person_ids)
    first, last = _as_date(start), _as_date(end)
    stored = {
        a.person_id: a
        for a in Availability.objects.filter(person_id__in=ids).prefetch_related(
            Prefetch("preferred_kinds")
        )
    }
    away: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for person_id, starts_on, ends_on in OutOfOffice.objects.filter(
        person_id__in=ids, starts_on__lte=last, ends_on__gte=first
    ).values_list("person_id", "starts_on", "ends_on"):
        away[person_id].append((starts_on, ends_on))
    result: dict[int, plain.Availability] = {}
    for pid in ids:
        row = stored.get(pid)
        ranges = tuple(sorted(away.get(pid, [])))
        if row is None:
            result[pid] = plain.Availability(person_id=pid, away=ranges)
        else:
            result[pid] = plain.Availability(
                person_id=pid,
                working_days=plain.weekdays_from_bits(row.working_days),
                weekly_max=row.weekly_max,
                preferred_kind_ids=frozenset(k.pk for k in row.preferred_kinds.all()),
                away=ranges,
            )
    return result


def availability_of(person: Person) -> Availability:
    """The stored availability, or an unsaved one with the defaults."""
    found = Availability.objects.filter(person=person).prefetch_related("preferred_kinds").first()
    return found or Availability(person=person)


def absences_of(person: Person, *, include_past: bool = False) -> QuerySet[OutOfOffice]:
    qs = OutOfOffice.objects.filter(person=person)
    if not include_past:
        qs = qs.filter(ends_on__gte=organisation_today())
    return qs.order_by("starts_on", "id")
