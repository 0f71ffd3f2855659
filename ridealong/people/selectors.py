"""Reads about people."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from ridealong.accounts.models import Role, User
from ridealong.accounts.roles import can_manage_program, can_manage_settings, require
from ridealong.people.models import Department, Person
from ridealong.people.registry import PersonListColumn, person_list_columns

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def person_report_ids(person_id: int) -> set[int]:
    """Everyone below `person_id` in the management chain (cycles are tolerated)."""
    children: dict[int, list[int]] = defaultdict(list)
    for pid, manager_id in Person.objects.filter(manager__isnull=False).values_list(
        "id", "manager_id"
    ):
        children[manager_id].append(pid)
    seen: set[int] = set()
    stack = list(children.get(person_id, []))
    while stack:
        pid = stack.pop()
        if pid in seen or pid == person_id:
            continue
        seen.add(pid)
        stack.extend(children.get(pid, []))
    return seen


def report_person_ids(user: User) -> set[int]:
    """Ids of the people reporting to the user's person, directly or transitively."""
    if not (user.is_authenticated and user.role in {Role.MANAGER, Role.PROGRAM_LEAD, Role.ADMIN}):
        return set()
    if not user.person_id:
        return set()
    cached = getattr(user, "_report_ids", None)
    if cached is not None:
        return cached
    ids = person_report_ids(user.person_id)
    # A per-request cache on the user object, an attribute User does not declare.
    user._report_ids = ids  # type: ignore[attr-defined]
    return ids


def own_and_report_person_ids(user: User) -> set[int]:
    """The user's own person id plus, for managers, every report's."""
    ids = set(report_person_ids(user)) if user.is_authenticated and user.is_manager else set()
    if user.is_authenticated and user.person_id:
        ids.add(user.person_id)
    return ids


def department_descendant_ids(department_id: int) -> set[int]:
    """The department and every department below it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for did, parent_id in Department.objects.values_list("id", "parent_id"):
        children[parent_id].append(did)
    seen: set[int] = set()
    stack = [department_id]
    while stack:
        did = stack.pop()
        if did in seen:
            continue
        seen.add(did)
        stack.extend(children.get(did, []))
    return seen


def get_person_for_user(user: Any, pk: int, *, write: bool = False) -> Person:
    """Every signed-in user sees the directory; only program leads and admins edit it."""
    person = get_object_or_404(Person.objects.select_related("department", "manager"), pk=pk)
    if write:
        require(can_manage_program(user))
    return person


def people_without_login() -> QuerySet[Person]:
    """Active people who have no login yet: whom an admin may create one for."""
    return Person.objects.active().filter(user__isnull=True).order_by("last_name", "first_name")


def get_department_for_user(user: Any, pk: int, *, write: bool = False) -> Department:
    department = get_object_or_404(Department.objects.select_related("parent"), pk=pk)
    if write:
        require(can_manage_settings(user))
    return department


# --- the departments settings page ----------------------------------------------------------


@dataclass
class DepartmentRow:
    department: Department
    depth: int
    people_count: int
    child_count: int


class _PeopleCount(TypedDict):
    people_count: int


def department_tree() -> list[DepartmentRow]:
    """Every department in tree order (parents before children), in one query."""
    departments = list(
        Department.objects.annotate(
            people_count=Count("people", filter=Q(people__is_active=True), distinct=True)
        ).order_by("name")
    )
    ids = {d.pk for d in departments}
    children: dict[int | None, list[WithAnnotations[Department, _PeopleCount]]] = defaultdict(list)
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
                    people_count=department.people_count,
                    child_count=len(children.get(department.pk, [])),
                )
            )
            walk(department.pk, depth + 1)

    walk(None, 0)
    return rows


# --- the people pages -------------------------------------------------------------------------

PERSON_STATUSES = {"active", "inactive", "all"}


def department_choices() -> list[tuple[int, str]]:
    """Every department as (id, "Parent › Child"), in tree order, from one query."""
    rows = list(Department.objects.values_list("id", "name", "parent_id"))
    children: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
    known = {did for did, _, _ in rows}
    for did, name, parent_id in rows:
        # A parent that is missing (or a cycle) must not hide a department: treat it as a root.
        children[parent_id if parent_id in known else None].append((did, name))
    choices: list[tuple[int, str]] = []
    seen: set[int] = set()

    def walk(parent_id: int | None, prefix: str) -> None:
        for did, name in sorted(children.get(parent_id, []), key=lambda row: row[1].lower()):
            if did in seen:
                continue
            seen.add(did)
            label = f"{prefix}{name}"
            choices.append((did, label))
            walk(did, f"{label} › ")

    walk(None, "")
    return choices


def person_list(
    *,
    search: str = "",
    department_id: int | None = None,
    role_kind: str = "",
    status: str = "active",
) -> QuerySet[Person]:
    """The directory: people matching a search and filters, with department and manager."""
    qs = Person.objects.select_related("department", "manager")
    if search:
        qs = qs.search(search)
    if department_id is not None:
        qs = qs.filter(department_id__in=department_descendant_ids(department_id))
    if role_kind:
        qs = qs.filter(role_kind=role_kind)
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.order_by("last_name", "first_name", "id")


def with_list_columns(
    people: Iterable[Person],
) -> tuple[list[Person], list[PersonListColumn]]:
    """A page of the people list with the data of every registered column set on each person,
    and those columns in order (each column's annotator queries once for the whole page)."""
    people = list(people)
    columns = [column for _name, column in person_list_columns.items()]
    for column in columns:
        column.annotate(people)
    return people, columns


@dataclass(frozen=True)
class PersonOverview:
    """What the person page shows beside the person's own fields (other apps add panels)."""

    reports: list[Person]


def person_overview(person: Person) -> PersonOverview:
    """The person's reports, active ones first."""
    return PersonOverview(
        reports=list(
            person.reports.select_related("department").order_by(
                "-is_active", "last_name", "first_name"
            )
        )
    )


def person_has_engagements(person: Person) -> bool:
    """A person who took part in engagements is marked inactive, never deleted (history stays)."""
    return person.participations.exists()
