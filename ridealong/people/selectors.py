"""Reads about people."""

from collections import defaultdict
from typing import Any

from django.shortcuts import get_object_or_404

from ridealong.accounts.roles import can_manage_program, can_manage_settings, require
from ridealong.people.models import Department, Person


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


def get_department_for_user(user: Any, pk: int, *, write: bool = False) -> Department:
    department = get_object_or_404(Department.objects.select_related("parent"), pk=pk)
    if write:
        require(can_manage_settings(user))
    return department
