"""People and departments.

Everyone signed in reads the directory; program leads and admins change people, admins
change departments (the same access helpers as the people pages).
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.roles import (
    AuthenticatedHttpRequest,
    can_manage_program,
    can_manage_settings,
    require,
)
from ridealong.core.api.errors import Conflict, get_or_invalid
from ridealong.core.api.schemas import (
    Filters,
    Id,
    Input,
    PersonRef,
    Ref,
    max_length,
    page,
    partial,
    responses,
)
from ridealong.people import selectors, services
from ridealong.people.models import Department, Person, RoleKind

router = Router()

# --- people -----------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    name: str
    email: str
    external_id: str | None
    title: str
    department: Ref | None
    manager: PersonRef | None
    role_kind: RoleKind
    hire_date: datetime.date | None
    location: str
    is_active: bool
    photo: str | None = Field(description="URL of the photo, if there is one.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_name(person: Person) -> str:
        return person.full_name

    @staticmethod
    def resolve_photo(person: Person) -> str | None:
        return person.photo.url if person.photo else None


class PersonIn(Input):
    first_name: str = Field(min_length=1, max_length=max_length(Person, "first_name"))
    last_name: str = Field("", max_length=max_length(Person, "last_name"))
    email: str = Field(min_length=1, max_length=max_length(Person, "email"))
    external_id: str | None = Field(
        None, max_length=max_length(Person, "external_id"), description="Id in the HR system."
    )
    title: str = Field("", max_length=max_length(Person, "title"))
    department: Id | None = None
    manager: Id | None = None
    role_kind: RoleKind = RoleKind.OTHER
    hire_date: datetime.date | None = None
    location: str = Field("", max_length=max_length(Person, "location"))
    is_active: bool = True


if TYPE_CHECKING:
    PersonPatch = PersonIn  # for mypy: the same fields (optional at run time)
else:
    PersonPatch = partial(PersonIn)


class PersonFilters(Filters):
    q: str = Field("", max_length=200, description="Words in the name, e-mail or title.")
    department: Id | None = Field(None, description="In this department or one below it.")
    role_kind: RoleKind | None = None
    is_active: bool | None = Field(None, description="Leave out for everyone.")


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PersonOut]


def _person_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Ids of related objects → the objects (400 naming the field if one does not exist)."""
    if "department" in data:
        data["department"] = get_or_invalid(Department, data["department"], "department")
    if "manager" in data:
        data["manager"] = get_or_invalid(Person, data["manager"], "manager")
    return data


@router.get("/people", response=responses(200, PersonPage), tags=["People"], summary="List people")
def list_people(request: AuthenticatedHttpRequest, filters: Query[PersonFilters]) -> dict:
    status = {None: "all", True: "active", False: "inactive"}[filters.is_active]
    people = selectors.person_list(
        search=filters.q,
        department_id=filters.department,
        role_kind=filters.role_kind or "",
        status=status,
    )
    return page(people, filters)


@router.post("/people", response=responses(201, PersonOut), tags=["People"], summary="Add a person")
def create_person(request: AuthenticatedHttpRequest, payload: PersonIn) -> Status:
    """Program leads and admins."""
    require(can_manage_program(request.user))
    person = services.person_create(by=request.user, **_person_fields(payload.dict()))
    return Status(201, person)


@router.get(
    "/people/{person_id}", response=responses(200, PersonOut), tags=["People"], summary="A person"
)
def read_person(request: AuthenticatedHttpRequest, person_id: Id) -> Person:
    return selectors.get_person_for_user(request.user, person_id)


@router.patch(
    "/people/{person_id}",
    response=responses(200, PersonOut),
    tags=["People"],
    summary="Change a person",
)
def update_person(request: AuthenticatedHttpRequest, person_id: Id, payload: PersonPatch) -> Person:
    """Program leads and admins. Send only the fields to change."""
    person = selectors.get_person_for_user(request.user, person_id, write=True)
    data = _person_fields(payload.dict(exclude_unset=True))
    return services.person_update(person=person, by=request.user, **data)


@router.delete(
    "/people/{person_id}", response=responses(204, None), tags=["People"], summary="Delete a person"
)
def delete_person(request: AuthenticatedHttpRequest, person_id: Id) -> Status:
    """Program leads and admins, and only for someone with no engagements (409 otherwise:
    their part in the history would be lost; set `is_active` to false instead)."""
    person = selectors.get_person_for_user(request.user, person_id, write=True)
    try:
        services.person_delete(person=person, by=request.user)
    except ValidationError as refused:
        raise Conflict(" ".join(refused.messages)) from refused
    return Status(204, None)


# --- departments ------------------------------------------------------------------------------


class DepartmentOut(Schema):
    id: int
    name: str
    parent: Ref | None
    created_at: datetime.datetime


class DepartmentIn(Input):
    name: str = Field(min_length=1, max_length=max_length(Department, "name"))
    parent: Id | None = Field(None, description="The department it sits in.")


if TYPE_CHECKING:
    DepartmentPatch = DepartmentIn  # for mypy: the same fields (optional at run time)
else:
    DepartmentPatch = partial(DepartmentIn)


class DepartmentFilters(Filters):
    q: str = Field("", max_length=200, description="Part of the name.")
    parent: Id | None = Field(None, description="Only the departments directly inside this one.")


class DepartmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DepartmentOut]


@router.get(
    "/departments",
    response=responses(200, DepartmentPage),
    tags=["Departments"],
    summary="List departments",
)
def list_departments(request: AuthenticatedHttpRequest, filters: Query[DepartmentFilters]) -> dict:
    departments = Department.objects.select_related("parent").order_by("name", "id")
    if filters.q:
        departments = departments.filter(name__icontains=filters.q)
    if filters.parent is not None:
        departments = departments.filter(parent_id=filters.parent)
    return page(departments, filters)


@router.post(
    "/departments",
    response=responses(201, DepartmentOut),
    tags=["Departments"],
    summary="Add a department",
)
def create_department(request: AuthenticatedHttpRequest, payload: DepartmentIn) -> Status:
    """Admins."""
    require(can_manage_settings(request.user))
    parent = get_or_invalid(Department, payload.parent, "parent")
    return Status(
        201, services.department_create(by=request.user, name=payload.name, parent=parent)
    )


@router.get(
    "/departments/{department_id}",
    response=responses(200, DepartmentOut),
    tags=["Departments"],
    summary="A department",
)
def read_department(request: AuthenticatedHttpRequest, department_id: Id) -> Department:
    return selectors.get_department_for_user(request.user, department_id)


@router.patch(
    "/departments/{department_id}",
    response=responses(200, DepartmentOut),
    tags=["Departments"],
    summary="Rename or move a department",
)
def update_department(
    request: AuthenticatedHttpRequest,
    department_id: Id,
    payload: DepartmentPatch,
) -> Department:
    """Admins."""
    department = selectors.get_department_for_user(request.user, department_id, write=True)
    data = payload.dict(exclude_unset=True)
    parent = (
        get_or_invalid(Department, data["parent"], "parent")
        if "parent" in data
        else department.parent
    )
    return services.department_update(
        department=department,
        by=request.user,
        name=data.get("name", department.name),
        parent=parent,
    )


@router.delete(
    "/departments/{department_id}",
    response=responses(204, None),
    tags=["Departments"],
    summary="Delete a department",
)
def delete_department(request: AuthenticatedHttpRequest, department_id: Id) -> Status:
    """Admins, for a department with no departments inside it (409 otherwise).
    Its people stay, without a department."""
    department = selectors.get_department_for_user(request.user, department_id, write=True)
    try:
        services.department_delete(department=department, by=request.user)
    except ValidationError as refused:
        raise Conflict(" ".join(refused.messages)) from refused
    return Status(204, None)
