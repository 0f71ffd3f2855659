"""People and departments through the API: everyone reads, program leads edit people,
admins edit departments."""

import pytest

from ridealong.core.models import AuditEvent
from ridealong.people.models import Department, Person, RoleKind
from tests import factories as f

SIGNED_IN = ["member", "manager", "other_manager", "program_lead", "admin"]
PROGRAM = {"member": 403, "manager": 403, "other_manager": 403, "program_lead": None, "admin": None}
SETTINGS = {**PROGRAM, "program_lead": 403}


def expect(table: dict[str, int | None], role: str, ok: int) -> int:
    return table[role] or ok


# --- people -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_reads_the_directory(api, cast, role):
    listed = api(role, "get", "/people")
    assert listed.status_code == 200
    assert listed.json()["count"] == 6
    person = api(role, "get", f"/people/{cast.member.person_id}").json()
    assert person["name"] == "Max Member"
    assert person["department"] == {"id": cast.engineering.pk, "name": "Engineering"}
    assert person["manager"] == {"id": cast.manager.person_id, "name": "Mia Manager"}


def test_anonymous_gets_401(api, cast):
    assert api("anonymous", "get", "/people").status_code == 401
    assert api("anonymous", "get", f"/people/{cast.member.person_id}").status_code == 401
    assert api("anonymous", "post", "/people", {"first_name": "A"}).status_code == 401


def test_a_person_who_does_not_exist_is_404(api, cast):
    assert api("member", "get", "/people/999999").status_code == 404
    assert api("admin", "patch", "/people/999999", {"title": "x"}).status_code == 404
    assert api("admin", "delete", "/people/999999").status_code == 404


@pytest.mark.parametrize("role", SIGNED_IN)
def test_program_leads_and_admins_add_people(api, cast, role):
    response = api(
        role,
        "post",
        "/people",
        {
            "first_name": "Nina",
            "last_name": "New",
            "email": "Nina@Example.com",
            "department": cast.finance.pk,
            "manager": cast.other_manager.person_id,
            "role_kind": "customer_facing",
            "hire_date": "2025-01-06",
        },
    )
    assert response.status_code == expect(PROGRAM, role, 201)
    if response.status_code == 201:
        nina = Person.objects.get(email="nina@example.com")
        assert response.json()["id"] == nina.pk
        assert (nina.department, nina.manager) == (cast.finance, cast.other_manager.person)
        assert nina.role_kind == RoleKind.CUSTOMER_FACING
        assert AuditEvent.objects.filter(action="people.person.created", actor=cast.user(role))
    else:
        assert not Person.objects.filter(email="nina@example.com").exists()


@pytest.mark.parametrize("role", SIGNED_IN)
def test_program_leads_and_admins_change_people(api, cast, role):
    fay = cast.other_member.person
    response = api(role, "patch", f"/people/{fay.pk}", {"title": "Controller", "manager": None})
    assert response.status_code == expect(PROGRAM, role, 200)
    fay.refresh_from_db()
    if response.status_code == 200:
        assert (fay.title, fay.manager, fay.first_name) == ("Controller", None, "Fay")
        assert response.json()["title"] == "Controller"
    else:
        assert (fay.title, fay.manager) == ("Accountant", cast.other_manager.person)


def test_a_change_that_would_make_a_management_cycle_is_refused(api, cast):
    mia = cast.manager.person
    response = api("admin", "patch", f"/people/{mia.pk}", {"manager": cast.member.person_id})
    assert response.status_code == 400
    assert "cycle" in response.json()["errors"]["manager"][0]
    mia.refresh_from_db()
    assert mia.manager is None


def test_a_required_field_cannot_be_patched_to_null(api, cast):
    response = api("admin", "patch", f"/people/{cast.member.person_id}", {"first_name": None})
    assert response.status_code == 400
    assert "first_name" in response.json()["errors"]


@pytest.mark.parametrize("role", SIGNED_IN)
def test_program_leads_and_admins_delete_someone_without_engagements(api, cast, role):
    fay = cast.other_member.person
    response = api(role, "delete", f"/people/{fay.pk}")
    assert response.status_code == expect(PROGRAM, role, 204)
    assert Person.objects.filter(pk=fay.pk).exists() == (response.status_code != 204)


def test_someone_with_engagements_is_kept(api, cast):
    max_ = cast.member.person
    response = api("admin", "delete", f"/people/{max_.pk}")
    assert response.status_code == 409
    assert "Mark them inactive" in response.json()["detail"]
    assert Person.objects.filter(pk=max_.pk).exists()


def test_people_are_filtered_by_search_department_role_kind_and_status(api, cast):
    sub = f.DepartmentFactory(name="Platform", parent=cast.engineering)
    f.PersonFactory(first_name="Pia", last_name="Platform", department=sub, is_active=False)

    def names(**query):
        return [p["name"] for p in api("member", "get", "/people", **query).json()["items"]]

    assert names(q="max") == ["Max Member"]
    assert names(department=cast.engineering.pk) == ["Mia Manager", "Max Member", "Pia Platform"]
    assert names(department=cast.engineering.pk, is_active="true") == [
        "Mia Manager",
        "Max Member",
    ]
    assert names(is_active="false") == ["Pia Platform"]
    assert names(role_kind="other") == ["Fay Finance"]


def test_people_come_in_pages(api, cast):
    f.PersonFactory.create_batch(5, last_name="Zed")
    first = api("member", "get", "/people", limit=4).json()
    second = api("member", "get", "/people", limit=4, offset=4).json()
    assert (first["count"], first["limit"], first["offset"]) == (11, 4, 0)
    assert len(first["items"]) == 4
    assert len(second["items"]) == 4
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}


def test_a_page_holds_at_most_200(api, cast):
    response = api("member", "get", "/people", limit=201)
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]


def test_listing_people_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    manager = f.PersonFactory()
    f.PersonFactory.create_batch(60, manager=manager)
    api("member", "get", "/kinds")  # the token and the organisation exist from here on
    # organisation, token, page, count
    with django_assert_max_num_queries(4):
        response = api("member", "get", "/people", limit=200)
    assert len(response.json()["items"]) == 67


# --- departments ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_reads_departments(api, cast, role):
    listed = api(role, "get", "/departments", q="engin").json()
    assert [d["name"] for d in listed["items"]] == ["Engineering"]
    assert api(role, "get", f"/departments/{cast.finance.pk}").json()["name"] == "Finance"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_admins_add_departments(api, cast, role):
    response = api(
        role, "post", "/departments", {"name": "Platform", "parent": cast.engineering.pk}
    )
    assert response.status_code == expect(SETTINGS, role, 201)
    assert Department.objects.filter(name="Platform", parent=cast.engineering).exists() == (
        response.status_code == 201
    )


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_admins_rename_departments(api, cast, role):
    response = api(role, "patch", f"/departments/{cast.finance.pk}", {"name": "Finance & Legal"})
    assert response.status_code == expect(SETTINGS, role, 200)
    cast.finance.refresh_from_db()
    assert (cast.finance.name == "Finance & Legal") == (response.status_code == 200)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_admins_delete_departments(api, cast, role):
    empty = f.DepartmentFactory(name="Empty")
    response = api(role, "delete", f"/departments/{empty.pk}")
    assert response.status_code == expect(SETTINGS, role, 204)
    assert Department.objects.filter(pk=empty.pk).exists() == (response.status_code != 204)


def test_moving_a_department_keeps_its_name(api, cast):
    response = api(
        "admin", "patch", f"/departments/{cast.finance.pk}", {"parent": cast.engineering.pk}
    )
    assert response.status_code == 200
    assert response.json()["parent"] == {"id": cast.engineering.pk, "name": "Engineering"}
    assert response.json()["name"] == "Finance"


def test_a_department_cannot_sit_inside_itself(api, cast):
    sub = f.DepartmentFactory(name="Platform", parent=cast.engineering)
    response = api("admin", "patch", f"/departments/{cast.engineering.pk}", {"parent": sub.pk})
    assert response.status_code == 400
    assert "itself" in response.json()["errors"]["parent"][0]


def test_a_department_with_departments_inside_is_kept(api, cast):
    f.DepartmentFactory(name="Platform", parent=cast.engineering)
    response = api("admin", "delete", f"/departments/{cast.engineering.pk}")
    assert response.status_code == 409
    assert "departments inside it" in response.json()["detail"]
    assert Department.objects.filter(pk=cast.engineering.pk).exists()


def test_deleting_a_department_keeps_its_people(api, cast):
    f.DepartmentFactory(name="Empty")
    assert api("admin", "delete", f"/departments/{cast.finance.pk}").status_code == 204
    fay = Person.objects.get(pk=cast.other_member.person_id)
    assert fay.department is None


def test_a_duplicate_department_name_is_refused(api, cast):
    response = api("admin", "post", "/departments", {"name": "engineering"})
    assert response.status_code in {400, 409}
    assert "already exists" in response.json()["detail"]
    assert Department.objects.filter(name__iexact="engineering").count() == 1


def test_listing_departments_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    for n in range(40):
        f.DepartmentFactory(name=f"Team {n}", parent=cast.engineering)
    api("member", "get", "/kinds")
    with django_assert_max_num_queries(4):
        response = api("member", "get", "/departments", limit=200)
    assert response.json()["count"] == 44
