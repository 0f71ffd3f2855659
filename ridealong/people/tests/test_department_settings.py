"""Departments: the tree, add, rename, move, delete."""

from ridealong.core.models import AuditEvent
from ridealong.people.models import Department
from tests import factories as f


def test_the_tree_is_indented_with_people_counts(admin_client_of_cast, cast):
    backend = f.DepartmentFactory(name="Backend", parent=cast.engineering)
    f.PersonFactory(department=backend)
    page = admin_client_of_cast.get("/settings/departments/").content.decode()
    assert page.index("Engineering") < page.index("Backend") < page.index("Finance")
    assert 'class="depth-1"' in page
    # Engineering: Mia and Max; the delete button is not offered while Backend is inside.
    assert f'action="/settings/departments/{cast.engineering.pk}/delete/"' not in page
    assert f'action="/settings/departments/{backend.pk}/delete/"' in page


def test_it_adds_a_department_inside_another(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(
        "/settings/departments/", {"name": "Payroll", "parent": cast.finance.pk}
    )
    assert response.status_code == 302
    assert Department.objects.get(name="Payroll").parent == cast.finance
    assert AuditEvent.objects.filter(action="people.department.created").exists()


def test_a_duplicate_name_is_refused_on_the_form(admin_client_of_cast, cast):
    response = admin_client_of_cast.post("/settings/departments/", {"name": "finance"})
    assert response.status_code == 200
    assert Department.objects.filter(name__iexact="finance").count() == 1
    assert "errorlist" in response.content.decode() or "form-errors" in response.content.decode()


def test_it_renames_and_moves_a_department(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(
        f"/settings/departments/{cast.finance.pk}/",
        {"name": "Finance and controlling", "parent": cast.engineering.pk},
    )
    assert response.status_code == 302
    cast.finance.refresh_from_db()
    assert (cast.finance.name, cast.finance.parent) == ("Finance and controlling", cast.engineering)


def test_a_department_cycle_is_refused(admin_client_of_cast, cast):
    backend = f.DepartmentFactory(name="Backend", parent=cast.engineering)
    response = admin_client_of_cast.post(
        f"/settings/departments/{cast.engineering.pk}/",
        {"name": "Engineering", "parent": backend.pk},
    )
    assert response.status_code == 200
    assert "cannot sit inside itself" in response.content.decode()
    cast.engineering.refresh_from_db()
    assert cast.engineering.parent is None


def test_it_deletes_an_empty_department_and_refuses_one_with_sub_departments(
    admin_client_of_cast, cast
):
    f.DepartmentFactory(name="Backend", parent=cast.engineering)
    refused = admin_client_of_cast.post(
        f"/settings/departments/{cast.engineering.pk}/delete/", follow=True
    )
    assert "Move or delete the departments inside it first." in refused.content.decode()
    assert Department.objects.filter(pk=cast.engineering.pk).exists()

    admin_client_of_cast.post(f"/settings/departments/{cast.finance.pk}/delete/")
    assert not Department.objects.filter(pk=cast.finance.pk).exists()
    cast.other_member.person.refresh_from_db()
    assert cast.other_member.person.department is None


def test_delete_is_post_only(admin_client_of_cast, cast):
    assert (
        admin_client_of_cast.get(f"/settings/departments/{cast.finance.pk}/delete/").status_code
        == 405
    )


def test_the_departments_page_runs_a_constant_number_of_queries(
    admin_client_of_cast, cast, django_assert_max_num_queries
):
    for n in range(30):
        f.DepartmentFactory(name=f"Team {n}", parent=cast.engineering)
    with django_assert_max_num_queries(12):
        admin_client_of_cast.get("/settings/departments/")
