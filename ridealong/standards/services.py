"""Writes about standards, groups, the new-hire rule and availability. Every write is audited.

Services validate (ValidationError with per-field messages) and save; callers check who may.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department, Person, RoleKind
from ridealong.standards.availability import bits_from_weekdays
from ridealong.standards.models import (
    MAX_PERIOD_DAYS,
    MAX_WEEKLY_MAX,
    Availability,
    NewHireRule,
    OutOfOffice,
    PeopleGroup,
    PeriodUnit,
    Scope,
    Standard,
)

# A standard asks for at most 100 hours or 100 contacts in its period: beyond that it is a typo.
MAX_MINUTES = 100 * 60
MAX_CONTACTS = 100
MAX_IMPORT_ROWS = 5_000
MAX_IMPORT_BYTES = 1024 * 1024


def _text_errors(errors: dict[str, list[str]], **values: tuple[str, int]) -> None:
    for field, (value, limit) in values.items():
        if "\x00" in value:
            errors.setdefault(field, []).append("Null characters are not allowed.")
        elif len(value) > limit:
            errors.setdefault(field, []).append(
                f"At most {limit} characters, please (this has {len(value)})."
            )


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for what changed (models by their text)."""
    found: dict[str, list[Any]] = {}
    for name, new in after.items():
        old = before.get(name)
        if getattr(old, "pk", old) != getattr(new, "pk", new):
            found[name] = [old if old is None else str(old), new if new is None else str(new)]
    return found


# --- standards --------------------------------------------------------------------------------

STANDARD_FIELDS = (
    "name",
    "description",
    "scope",
    "department",
    "role_kind",
    "group",
    "period_length",
    "period_unit",
    "min_minutes",
    "min_contacts",
    "min_live",
    "is_active",
)


def _validate_standard(standard: Standard, kinds: list[ContactKind]) -> None:
    errors: dict[str, list[str]] = {}
    standard.name = (standard.name or "").strip()
    standard.description = (standard.description or "").strip()
    if not standard.name:
        errors["name"] = ["Give the standard a name."]
    _text_errors(errors, name=(standard.name, 100), description=(standard.description, 300))
    if standard.scope not in Scope.values:
        errors["scope"] = ["Choose whom it applies to."]
    # Only the target of the chosen scope is kept; the others are cleared.
    if standard.scope != Scope.DEPARTMENT:
        standard.department = None
    elif standard.department_id is None:
        errors["department"] = ["Choose the department."]
    if standard.scope != Scope.GROUP:
        standard.group = None
    elif standard.group_id is None:
        errors["group"] = ["Choose the group."]
    if standard.scope != Scope.ROLE_KIND:
        standard.role_kind = ""
    elif standard.role_kind not in RoleKind.values:
        errors["role_kind"] = ["Choose the kind of role."]
    if standard.period_unit not in PeriodUnit.values:
        errors["period_unit"] = ["Choose days or weeks."]
    elif not isinstance(standard.period_length, int) or standard.period_length < 1:
        errors["period_length"] = ["The period is at least one day."]
    elif standard.period_days > MAX_PERIOD_DAYS:
        errors["period_length"] = [f"The period is at most {MAX_PERIOD_DAYS} days."]
    if standard.min_minutes is None and standard.min_contacts is None:
        errors.setdefault("__all__", []).append("Ask for a number of hours, of contacts, or both.")
    if standard.min_minutes is not None and not 1 <= standard.min_minutes <= MAX_MINUTES:
        errors["min_minutes"] = [f"Between 1 minute and {MAX_MINUTES // 60} hours."]
    if standard.min_contacts is not None and not 1 <= standard.min_contacts <= MAX_CONTACTS:
        errors["min_contacts"] = [f"Between 1 and {MAX_CONTACTS} contacts."]
    if not 0 <= (standard.min_live or 0) <= MAX_CONTACTS:
        errors["min_live"] = [f"Between 0 and {MAX_CONTACTS}."]
    elif standard.min_contacts is not None and standard.min_live > standard.min_contacts:
        errors["min_live"] = ["Cannot ask for more live contacts than contacts."]
    if kinds and standard.min_live and not any(k.is_live for k in kinds):
        errors["min_live"] = ["None of the chosen kinds is live, so this could never be met."]
    if errors:
        raise ValidationError(errors)


def _kinds(kinds: Iterable[ContactKind | int] | None) -> list[ContactKind]:
    if kinds is None:
        return []
    kinds = list(kinds)
    ids = [k if isinstance(k, int) else k.pk for k in kinds]
    found = list(ContactKind.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"kinds": ["One of the kinds of contact does not exist."]})
    return found


@transaction.atomic
def standard_create(
    *,
    by: User,
    name: str,
    scope: str = Scope.EVERYONE,
    description: str = "",
    department: Department | None = None,
    role_kind: str = "",
    group: PeopleGroup | None = None,
    period_length: int = 6,
    period_unit: str = PeriodUnit.WEEKS,
    min_minutes: int | None = None,
    min_contacts: int | None = None,
    min_live: int = 0,
    kinds: Iterable[ContactKind | int] | None = None,
    is_active: bool = True,
) -> Standard:
    standard = Standard(
        name=name,
        description=description,
        scope=scope,
        department=department,
        role_kind=role_kind or "",
        group=group,
        period_length=period_length,
        period_unit=period_unit,
        min_minutes=min_minutes,
        min_contacts=min_contacts,
        min_live=min_live or 0,
        is_active=is_active,
    )
    chosen = _kinds(kinds)
    _validate_standard(standard, chosen)
    standard.save()
    standard.kinds.set(chosen)
    log_action(
        "standards.standard.created",
        actor=by,
        target=standard,
        changes={"name": standard.name, "kinds": [k.name for k in chosen]},
    )
    return standard


@transaction.atomic
def standard_update(
    *, standard: Standard, by: User, kinds: Iterable[ContactKind | int] | None = None, **fields: Any
) -> Standard:
    """Change the given fields (and the kinds, when given)."""
    unknown = set(fields) - set(STANDARD_FIELDS)
    if unknown:
        raise ValidationError({name: ["is not a field of a standard."] for name in unknown})
    before = {name: getattr(standard, name) for name in STANDARD_FIELDS}
    for name, value in fields.items():
        if name == "role_kind":
            value = value or ""
        if name == "min_live":
            value = value or 0
        setattr(standard, name, value)
    chosen = _kinds(kinds) if kinds is not None else list(standard.kinds.all())
    _validate_standard(standard, chosen)
    standard.save()
    changes = _changes(before, {name: getattr(standard, name) for name in STANDARD_FIELDS})
    if kinds is not None:
        standard.kinds.set(chosen)
        changes["kinds"] = [k.name for k in chosen]
    log_action("standards.standard.updated", actor=by, target=standard, changes=changes)
    return standard


@transaction.atomic
def standard_delete(*, standard: Standard, by: User) -> None:
    log_action("standards.standard.deleted", actor=by, target=standard)
    standard.delete()


# --- groups -----------------------------------------------------------------------------------


def _validate_group(group: PeopleGroup) -> None:
    errors: dict[str, list[str]] = {}
    group.name = (group.name or "").strip()
    group.description = (group.description or "").strip()
    if not group.name:
        errors["name"] = ["Give the group a name."]
    _text_errors(errors, name=(group.name, 100), description=(group.description, 300))
    if (
        not errors
        and PeopleGroup.objects.filter(name__iexact=group.name).exclude(pk=group.pk or 0).exists()
    ):
        errors["name"] = ["A group with this name already exists."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def group_create(
    *, by: User, name: str, description: str = "", members: Iterable[Person] = ()
) -> PeopleGroup:
    group = PeopleGroup(name=name, description=description)
    _validate_group(group)
    group.save()
    members = list(members)
    group.members.set(members)
    log_action(
        "standards.group.created",
        actor=by,
        target=group,
        changes={"name": group.name, "members": len(members)},
    )
    return group


@transaction.atomic
def group_update(
    *,
    group: PeopleGroup,
    by: User,
    name: str | None = None,
    description: str | None = None,
    members: Iterable[Person] | None = None,
) -> PeopleGroup:
    before = {"name": group.name, "description": group.description}
    if name is not None:
        group.name = name
    if description is not None:
        group.description = description
    _validate_group(group)
    group.save()
    changes: dict[str, Any] = _changes(
        before, {"name": group.name, "description": group.description}
    )
    if members is not None:
        members = list(members)
        group.members.set(members)
        changes["members"] = len(members)
    log_action("standards.group.updated", actor=by, target=group, changes=changes)
    return group


@transaction.atomic
def group_delete(*, group: PeopleGroup, by: User) -> None:
    """A group a standard still applies to is kept (change or delete the standard first)."""
    if group.standards.exists():
        raise ValidationError("A standard applies to this group; change or delete it first.")
    log_action("standards.group.deleted", actor=by, target=group)
    group.delete()


# --- the new-hire rule ------------------------------------------------------------------------


@transaction.atomic
def new_hire_rule_update(*, by: User, days: int, is_active: bool = True) -> NewHireRule:
    if not isinstance(days, int) or not 1 <= days <= MAX_PERIOD_DAYS:
        raise ValidationError({"days": [f"Between 1 and {MAX_PERIOD_DAYS} days."]})
    rule = NewHireRule.current()
    before = {"days": rule.days, "is_active": rule.is_active}
    rule.days, rule.is_active = days, is_active
    rule.save()
    log_action(
        "standards.new_hire_rule.updated",
        actor=by,
        target=rule,
        changes=_changes(before, {"days": days, "is_active": is_active}),
    )
    return rule


# --- availability -----------------------------------------------------------------------------


@transaction.atomic
def availability_update(
    *,
    person: Person,
    by: User,
    working_days: Iterable[int] | None = None,
    weekly_max: int | None = None,
    preferred_kinds: Iterable[ContactKind | int] | None = None,
) -> Availability:
    """Change the given parts of a person's availability (created with defaults if needed)."""
    availability, _ = Availability.objects.get_or_create(person=person)
    before = {"working_days": availability.working_days, "weekly_max": availability.weekly_max}
    errors: dict[str, list[str]] = {}
    if working_days is not None:
        try:
            availability.working_days = bits_from_weekdays(list(working_days))
        except (TypeError, ValueError) as error:
            errors["working_days"] = [str(error)]
    if weekly_max is not None:
        if not isinstance(weekly_max, int) or not 0 <= weekly_max <= MAX_WEEKLY_MAX:
            errors["weekly_max"] = [f"Between 0 and {MAX_WEEKLY_MAX} a week."]
        else:
            availability.weekly_max = weekly_max
    chosen = None
    if preferred_kinds is not None:
        try:
            chosen = _kinds(preferred_kinds)
        except ValidationError:
            errors["preferred_kinds"] = ["One of the kinds of contact does not exist."]
    if errors:
        raise ValidationError(errors)
    availability.save()
    changes = _changes(
        before, {"working_days": availability.working_days, "weekly_max": availability.weekly_max}
    )
    if chosen is not None:
        availability.preferred_kinds.set(chosen)
        changes["preferred_kinds"] = [k.name for k in chosen]
    log_action("standards.availability.updated", actor=by, target=person, changes=changes)
    return availability


def _validate_absence(absence: OutOfOffice) -> None:
    errors: dict[str, list[str]] = {}
    absence.reason = (absence.reason or "").strip()
    _text_errors(errors, reason=(absence.reason, 200))
    if absence.starts_on is None:
        errors["starts_on"] = ["Give the first day."]
    if absence.ends_on is None:
        errors["ends_on"] = ["Give the last day."]
    if absence.starts_on and absence.ends_on:
        if absence.ends_on < absence.starts_on:
            errors["ends_on"] = ["The last day cannot be before the first."]
        elif (absence.ends_on - absence.starts_on).days > MAX_PERIOD_DAYS:
            errors["ends_on"] = ["At most a year at a time."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def absence_create(
    *,
    person: Person,
    by: User,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str = "",
) -> OutOfOffice:
    absence = OutOfOffice(person=person, starts_on=starts_on, ends_on=ends_on, reason=reason)
    _validate_absence(absence)
    absence.save()
    log_action(
        "standards.absence.created",
        actor=by,
        target=person,
        changes={"from": str(starts_on), "to": str(ends_on)},
    )
    return absence


@transaction.atomic
def absence_delete(*, absence: OutOfOffice, by: User) -> None:
    log_action(
        "standards.absence.deleted",
        actor=by,
        target=absence.person,
        changes={"from": str(absence.starts_on), "to": str(absence.ends_on)},
    )
    absence.delete()


@dataclass(frozen=True)
class AbsenceImport:
    created: int
    people: int


def _parse_day(value: str) -> datetime.date | None:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


@transaction.atomic
def absences_import(
    *, by: User, text: str, allowed_person_ids: set[int] | None = None
) -> AbsenceImport:
    """Out-of-office ranges from CSV (e-mail, from, to, reason; a header row is optional).

    All or nothing: any bad row refuses the whole file with every problem listed by line.
    `allowed_person_ids` (None: everyone) limits whom the importing user may touch.
    """
    if "\x00" in text:
        raise ValidationError("The file holds null characters; is it really a CSV file?")
    if len(text.encode()) > MAX_IMPORT_BYTES:
        raise ValidationError("The file is larger than 1 MB; split it, please.")
    sample = text[:2048]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    if rows and rows[0] and "@" not in rows[0][0]:
        rows = rows[1:]  # a header
    if not rows:
        raise ValidationError("The file has no rows: one line per range, e-mail, from, to, reason.")
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(f"At most {MAX_IMPORT_ROWS} rows at a time, please.")
    emails = {row[0].strip().lower() for row in rows if row}
    people = {
        p.email.lower(): p
        for p in Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    problems: list[str] = []
    absences: list[OutOfOffice] = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row] + ["", "", "", ""]
        email, first, last, reason = cells[0].lower(), cells[1], cells[2], cells[3]
        person = people.get(email)
        if person is None:
            problems.append(f"Row {number}: nobody has the e-mail “{cells[0]}”.")
            continue
        if allowed_person_ids is not None and person.pk not in allowed_person_ids:
            problems.append(f"Row {number}: you may not change {person}'s availability.")
            continue
        starts_on, ends_on = _parse_day(first), _parse_day(last or first)
        if starts_on is None or ends_on is None:
            problems.append(f"Row {number}: dates are written like 2026-12-24.")
            continue
        absence = OutOfOffice(person=person, starts_on=starts_on, ends_on=ends_on, reason=reason)
        try:
            _validate_absence(absence)
        except ValidationError as error:
            problems.append(f"Row {number}: {' '.join(error.messages)}")
            continue
        absences.append(absence)
    if problems:
        raise ValidationError(
            problems[:20] + ([f"… and {len(problems) - 20} more."] if len(problems) > 20 else [])
        )
    OutOfOffice.objects.bulk_create(absences)
    result = AbsenceImport(created=len(absences), people=len({a.person_id for a in absences}))
    log_action(
        "standards.absence.imported",
        actor=by,
        changes={"created": result.created, "people": result.people},
    )
    return result
