"""Writes about people and departments, and the admin linked to a person. Every write is
audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ridealong.accounts import services as account_services
from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.update import model_update
from ridealong.people.models import Department, Person

PERSON_FIELDS = {
    "first_name",
    "last_name",
    "email",
    "external_id",
    "title",
    "department",
    "manager",
    "role_kind",
    "hire_date",
    "location",
    "is_active",
    "photo",
}


def check_manager_chain(person: Person | None, manager: Person | None) -> None:
    """Refuse a manager that is the person or one of the person's reports (a cycle)."""
    if manager is None or person is None or person.pk is None:
        return
    seen: set[int] = set()
    current: Person | None = manager
    while current is not None:
        if current.pk == person.pk:
            raise ValidationError(
                {"manager": f"{manager} reports to {person}; that would make a management cycle."}
            )
        if current.pk in seen:
            break
        seen.add(current.pk)
        current = current.manager


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    if data.get("email"):
        data["email"] = data["email"].strip().lower()
    if "external_id" in data and not data["external_id"]:
        data["external_id"] = None
    return data


@transaction.atomic
def person_create(*, by: User | None, **fields: Any) -> Person:
    data = _normalise(fields)
    person = Person(**data)
    person.full_clean()
    person.save()
    log_action("people.person.created", actor=by, target=person, changes={"email": person.email})
    return person


@transaction.atomic
def person_update(*, person: Person, by: User, **fields: Any) -> Person:
    data = _normalise(fields)
    if "manager" in data:
        check_manager_chain(person, data["manager"])
    changes = model_update(person, data=data, action="people.person.updated", by=by)
    if changes.get("is_active") == [True, False]:
        _deactivate_login(person, by=by)
    return person


def _deactivate_login(person: Person, *, by: User) -> None:
    """Someone who has left the company no longer signs in."""
    user = getattr(person, "user", None)
    if user is not None and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        log_action(
            "accounts.user.deactivated",
            actor=by,
            target=user,
            changes={"reason": "the person was marked inactive"},
        )


@transaction.atomic
def person_delete(*, person: Person, by: User | None) -> None:
    """Delete a person who never took part in an engagement; others are marked inactive."""
    if person.participations.exists():
        raise ValidationError(
            f"{person} took part in engagements; deleting would rewrite their history. "
            "Mark them inactive instead."
        )
    log_action("people.person.deleted", actor=by, target=person, changes={"email": person.email})
    person.delete()


def _check_department_parent(department: Department, parent: Department | None) -> None:
    current = parent
    while current is not None:
        if department.pk and current.pk == department.pk:
            raise ValidationError({"parent": "A department cannot sit inside itself."})
        current = current.parent


@transaction.atomic
def department_create(*, by: User, name: str, parent: Department | None = None) -> Department:
    department = Department(name=name.strip(), parent=parent)
    department.full_clean()
    department.save()
    log_action("people.department.created", actor=by, target=department)
    return department


@transaction.atomic
def department_update(
    *, department: Department, by: User, name: str, parent: Department | None
) -> Department:
    _check_department_parent(department, parent)
    model_update(
        department,
        data={"name": name.strip(), "parent": parent},
        action="people.department.updated",
        by=by,
    )
    return department


@transaction.atomic
def department_delete(*, department: Department, by: User) -> None:
    if department.children.exists():
        raise ValidationError("Move or delete the departments inside it first.")
    log_action("people.department.deleted", actor=by, target=department)
    # People keep their records; they are simply no longer in a department.
    department.delete()


@transaction.atomic
def person_admin_ensure(
    *, email: str, name: str = "", password: str | None = None
) -> tuple[User, bool]:
    """An admin login (accounts' admin_ensure), a new one linked to the person with that e-mail.

    When there is no such person one is created, so the admin has "my customer time" like
    everyone else, and a later HR import (matched on e-mail) completes that record.
    """
    email = (email or "").strip().lower()
    person = None
    if email and not User.objects.filter(email__iexact=email).exists():
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            first, _, last = (name.strip() or email.split("@")[0]).partition(" ")
            person = person_create(by=None, first_name=first, last_name=last, email=email)
        elif User.objects.filter(person=person).exists():
            person = None  # that person already has another login
    return account_services.admin_ensure(email=email, name=name, password=password, person=person)
