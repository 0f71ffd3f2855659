"""Importing people: preview, managers and cycles, departments, idempotency, atomicity."""

import datetime
from pathlib import Path

import pytest

from ridealong.core.models import AuditEvent
from ridealong.imports import services
from ridealong.imports.models import ImportJob, ImportStatus
from ridealong.imports.tests.helpers import csv_bytes, people_csv, xlsx_bytes
from ridealong.people.models import Department, Person, RoleKind
from tests import factories as f

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def upload(content: bytes, by=None, name: str = "people.csv", **kwargs) -> ImportJob:
    return services.import_job_create(kind="people", content=content, name=name, by=by, **kwargs)


def apply(job: ImportJob, by=None) -> ImportJob:
    job = services.import_job_confirm(job=job, by=by)
    assert job.status == ImportStatus.DONE, job.error_message
    return job


def reasons(job: ImportJob) -> dict[int, str]:
    return {r["row"]: "; ".join(r["reasons"]) for r in job.preview["rejected"]}


def snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("email").values_list(
            "email", "first_name", "last_name", "external_id", "title", "department__name",
            "department__parent__name", "manager__email", "role_kind", "hire_date", "location",
            "is_active", "updated_at",
        )
    )  # fmt: skip


@pytest.fixture
def admin(db):
    return f.UserFactory(role="admin")


def test_the_preview_lists_what_will_be_created_and_writes_nothing(admin):
    job = upload(
        people_csv(
            ["Ann", "Able", "ann@example.com", "Engineering", "Firmware Engineer", ""],
            ["Bob", "Baker", "BOB@example.com", "Sales", "Account Manager", "ann@example.com"],
        ),
        by=admin,
    )
    assert job.status == ImportStatus.PREVIEWED
    assert job.preview["counts"] == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert job.preview["created"][1] == {
        "row": 3,
        "label": "Bob Baker <bob@example.com>",
        "detail": "Sales (new) · Account Manager · reports to Ann Able · customer-facing",
    }
    assert job.preview["new_departments"] == ["Engineering", "Sales"]
    assert not Person.objects.filter(email__in=["ann@example.com", "bob@example.com"]).exists()
    assert not Department.objects.filter(name__in=["Engineering", "Sales"]).exists()


def test_applying_creates_people_departments_and_links_managers(admin):
    job = apply(
        upload(
            people_csv(
                ["Ann", "Able", "ann@example.com", "Engineering", "VP Engineering", ""],
                ["Bob", "Baker", "bob@example.com", "Engineering", "Developer", "ann@example.com"],
            ),
            by=admin,
        ),
        by=admin,
    )
    ann, bob = Person.objects.filter(email__in=["ann@example.com", "bob@example.com"]).order_by(
        "email"
    )
    assert bob.manager == ann
    assert ann.manager is None
    assert bob.department.name == "Engineering"
    assert bob.department == ann.department
    assert (ann.role_kind, bob.role_kind) == (RoleKind.LEADER, RoleKind.TECHNICAL)
    assert job.result["created"] == 2
    assert job.result["departments_created"] == 1
    assert job.processed_rows == job.total_rows == 2


def test_a_manager_may_come_after_their_report(db):
    apply(
        upload(
            people_csv(
                ["Cid", "Cole", "cid@example.com", "", "", "bob@example.com"],
                ["Bob", "Baker", "bob@example.com", "", "", "ann@example.com"],
                ["Ann", "Able", "ann@example.com", "", "", ""],
            )
        )
    )
    chain = {p.email: p.manager.email if p.manager else None for p in Person.objects.all()}
    assert chain == {
        "cid@example.com": "bob@example.com",
        "bob@example.com": "ann@example.com",
        "ann@example.com": None,
    }


def test_a_manager_is_found_in_the_database_by_email_employee_id_or_name(db):
    boss = f.PersonFactory(
        first_name="Olga", last_name="Other", email="olga@example.com", external_id="E7"
    )
    header = ["Employee ID", "Name", "Email", "Reports To"]
    job = apply(
        upload(
            csv_bytes(
                [
                    header,
                    ["1", "Ann Able", "ann@example.com", "OLGA@example.com"],
                    ["2", "Bob Baker", "bob@example.com", "E7"],
                    ["3", "Cid Cole", "cid@example.com", "Other, Olga"],
                    ["4", "Dan Dunn", "dan@example.com", "Ann Able"],
                ]
            )
        )
    )
    assert job.result["created"] == 4
    assert set(Person.objects.filter(manager=boss).values_list("email", flat=True)) == {
        "ann@example.com",
        "bob@example.com",
        "cid@example.com",
    }
    assert Person.objects.get(email="dan@example.com").manager.email == "ann@example.com"


def test_an_unknown_manager_rejects_the_row(db):
    job = upload(
        people_csv(
            ["Ann", "Able", "ann@example.com", "", "", ""],
            ["Bob", "Baker", "bob@example.com", "", "", "nobody@example.com"],
        )
    )
    assert reasons(job) == {3: "manager “nobody@example.com” is not in the file or in Ridealong"}
    apply(job)
    assert list(Person.objects.values_list("email", flat=True)) == ["ann@example.com"]


def test_a_management_cycle_is_rejected_naming_both_people(db):
    job = upload(
        people_csv(
            ["Ann", "Able", "ann@example.com", "", "", "bob@example.com"],
            ["Bob", "Baker", "bob@example.com", "", "", "ann@example.com"],
            ["Cid", "Cole", "cid@example.com", "", "", ""],
        )
    )
    found = reasons(job)
    assert set(found) == {2, 3}
    assert (
        "management cycle: Ann Able, who reports to Bob Baker, who reports to Ann Able"
        in (found[2])
    )
    assert "Ann Able" in found[3]
    assert "Bob Baker" in found[3]
    assert job.preview["counts"]["created"] == 1


def test_a_cycle_through_someone_already_in_ridealong_is_rejected(db):
    ann = f.PersonFactory(first_name="Ann", last_name="Able", email="ann@example.com")
    bob = f.PersonFactory(first_name="Bob", last_name="Baker", email="bob@example.com", manager=ann)
    job = upload(people_csv(["Ann", "Able", "ann@example.com", "", "", "bob@example.com"]))
    assert "management cycle: Ann Able, who reports to Bob Baker" in reasons(job)[2]
    apply(job)
    ann.refresh_from_db()
    assert ann.manager is None
    assert bob.manager == ann


def test_reports_of_a_rejected_new_manager_are_rejected_too(db):
    job = upload(
        people_csv(
            ["Ann", "Able", "not-an-email", "", "", ""],
            ["Bob", "Baker", "bob@example.com", "", "", "Ann Able"],
        )
    )
    found = reasons(job)
    assert found[2] == "“not-an-email” is not a valid e-mail address"
    assert found[3] == "the manager Ann Able (row 2) is rejected"


def test_someone_who_is_their_own_manager_is_rejected(db):
    job = upload(people_csv(["Ann", "Able", "ann@example.com", "", "", "ann@example.com"]))
    assert reasons(job) == {2: "management cycle: Ann Able would be their own manager"}


def test_rows_without_email_or_name_and_duplicate_emails_are_rejected(db):
    job = upload(
        people_csv(
            ["Ann", "Able", "", "", "", ""],
            ["", "", "nameless@example.com", "", "", ""],
            ["Bob", "Baker", "bob@example.com", "", "", ""],
            ["Bobby", "Baker", "Bob@Example.com", "", "", ""],
        )
    )
    assert reasons(job) == {
        2: "no e-mail address",
        3: "no name (first name and full name are empty)",
        5: "the same e-mail address is on row 4; only the first is imported",
    }
    assert job.preview["counts"]["created"] == 1


def test_a_date_that_is_not_understood_rejects_the_row(db):
    header = ["Name", "Email", "Hire Date"]
    job = upload(
        csv_bytes(
            [
                header,
                ["Ann Able", "ann@example.com", "someday"],
                ["Bob Baker", "bob@example.com", "1 Mar 2024"],
            ]
        )
    )
    assert reasons(job)[2].startswith("Hire Date: “someday” is not a date")


def test_numeric_dates_follow_the_files_day_month_order_and_it_is_reported(db):
    header = ["Name", "Email", "Hire Date"]
    rows = [
        ["Ann Able", "ann@example.com", "03/04/2024"],
        ["Bob B", "bob@example.com", "04/25/2023"],
    ]
    job = apply(upload(csv_bytes([header, *rows])))
    assert job.preview["date_order"] == "mdy"
    assert "month/day" in job.preview["messages"][0]
    assert Person.objects.get(email="ann@example.com").hire_date == datetime.date(2024, 3, 4)


def test_ambiguous_dates_are_read_day_first_unless_the_user_says_otherwise(db):
    content = csv_bytes(
        [["Name", "Email", "Hire Date"], ["Ann Able", "ann@example.com", "03/04/2024"]]
    )
    job = upload(content)
    assert job.preview["date_order"] == "dmy"
    assert "nothing in the file settles the order" in job.preview["messages"][0]
    services.import_job_preview(job=job, date_order="mdy")
    apply(job)
    assert Person.objects.get().hire_date == datetime.date(2024, 3, 4)


def test_dates_in_every_usual_format_are_imported(db):
    header = ["Name", "Email", "Start Date"]
    cells = ["2024-03-01", "1 Mar 2024", "March 1, 2024", "45352", "01.03.2024"]
    rows = [[f"P{i} X", f"p{i}@example.com", cell] for i, cell in enumerate(cells)]
    apply(upload(csv_bytes([header, *rows])))
    assert set(Person.objects.values_list("hire_date", flat=True)) == {datetime.date(2024, 3, 1)}


def test_formula_cells_are_imported_as_plain_text_and_flagged(db):
    job = upload(people_csv(["Ann", "Able", "ann@example.com", "", "=1+2", ""]))
    assert job.preview["notices"] == [
        {
            "row": 2,
            "column": "Job Title",
            "message": "“=1+2” looks like a spreadsheet formula; it is imported as plain text "
            "and never calculated.",
        }
    ]
    apply(job)
    assert Person.objects.get().title == "=1+2"


def test_departments_form_a_tree_from_a_path_or_a_sub_department_column(db):
    engineering = f.DepartmentFactory(name="Engineering")
    header = ["Name", "Email", "Department", "Team"]
    apply(
        upload(
            csv_bytes(
                [
                    header,
                    ["Ann Able", "ann@example.com", "engineering / Firmware", ""],
                    ["Bob Baker", "bob@example.com", "Engineering", "Firmware"],
                    ["Cid Cole", "cid@example.com", "Operations > Plant > Night shift", ""],
                ]
            )
        )
    )
    firmware = Department.objects.get(name="Firmware")
    assert firmware.parent == engineering
    assert set(firmware.people.values_list("email", flat=True)) == {
        "ann@example.com",
        "bob@example.com",
    }
    night = Person.objects.get(email="cid@example.com").department
    assert (night.name, night.parent.name, night.parent.parent.name) == (
        "Night shift",
        "Plant",
        "Operations",
    )
    assert Department.objects.count() == 5


def test_a_single_department_name_matches_the_only_department_so_named(db):
    parent = f.DepartmentFactory(name="Engineering")
    firmware = f.DepartmentFactory(name="Firmware", parent=parent)
    apply(upload(people_csv(["Ann", "Able", "ann@example.com", "FIRMWARE", "", ""])))
    assert Person.objects.get().department == firmware
    assert Department.objects.count() == 2


def test_existing_people_are_matched_by_employee_id_then_email_and_changes_listed(db):
    dept = f.DepartmentFactory(name="Engineering")
    ann = f.PersonFactory(
        first_name="Ann", last_name="Able", email="ann.old@example.com", external_id="100",
        title="Engineer", department=dept, role_kind=RoleKind.TECHNICAL,
    )  # fmt: skip
    bob = f.PersonFactory(first_name="Bob", last_name="Baker", email="bob@example.com",
                          title="Developer", department=dept)  # fmt: skip
    header = ["Employee ID", "First Name", "Last Name", "Email", "Department", "Job Title"]
    job = upload(
        csv_bytes(
            [
                header,
                ["100", "Ann", "Able", "ann@example.com", "Engineering", "Lead Engineer"],
                ["200", "Bob", "Baker", "bob@example.com", "Engineering", "Developer"],
            ]
        )
    )
    assert job.preview["counts"] == {"created": 0, "updated": 2, "unchanged": 0, "rejected": 0}
    changes = {u["row"]: u["changes"] for u in job.preview["updated"]}
    assert changes[2] == [
        ["Work e-mail", "ann.old@example.com", "ann@example.com"],
        ["Job title", "Engineer", "Lead Engineer"],
    ]
    assert changes[3] == [["Employee ID", "—", "200"]]
    apply(job)
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert (ann.email, ann.title, ann.role_kind) == (
        "ann@example.com",
        "Lead Engineer",
        "technical",
    )
    assert bob.external_id == "200"


def test_an_id_and_an_email_of_two_different_people_reject_the_row(db):
    f.PersonFactory(first_name="Ann", last_name="Able", email="ann@example.com", external_id="1")
    f.PersonFactory(first_name="Bob", last_name="Baker", email="bob@example.com", external_id="2")
    job = upload(csv_bytes([["ID", "Name", "Email"], ["1", "Ann Able", "bob@example.com"]]))
    assert "employee ID 1 belongs to Ann Able (ann@example.com)" in reasons(job)[2]


def test_columns_that_are_not_mapped_are_left_alone(db):
    person = f.PersonFactory(
        first_name="Ann", last_name="Able", email="ann@example.com", title="Head of Quality",
        location="Leeds", role_kind=RoleKind.LEADER, hire_date=datetime.date(2020, 1, 1),
    )  # fmt: skip
    job = upload(csv_bytes([["Name", "Email"], ["Ann Able", "ann@example.com"]]))
    assert job.preview["counts"]["unchanged"] == 1
    apply(job)
    person.refresh_from_db()
    assert (person.title, person.location, person.role_kind) == (
        "Head of Quality",
        "Leeds",
        "leader",
    )


def test_importing_the_same_file_twice_changes_nothing_the_second_time(db):
    content = people_csv(
        ["Ann", "Able", "ann@example.com", "Engineering / Firmware", "Head of Firmware", ""],
        [
            "Bob",
            "Baker",
            "bob@example.com",
            "Engineering / Firmware",
            "Developer",
            "ann@example.com",
        ],
        ["Cid", "Cole", "cid@example.com", "Sales", "=SUM(A1)", "bob@example.com"],
        ["Dan", "Dunn", "", "Sales", "", ""],
    )
    first = apply(upload(content))
    assert first.result["created"] == 3
    before = snapshot()
    departments = list(Department.objects.values_list("id", "name", "parent_id"))

    second = upload(content)
    assert second.preview["counts"] == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 1}
    apply(second)
    assert second.result["unchanged"] == 3
    assert snapshot() == before
    assert list(Department.objects.values_list("id", "name", "parent_id")) == departments


def test_a_failure_mid_apply_leaves_nothing_half_imported(db, monkeypatch):
    existing = f.PersonFactory(first_name="Ann", last_name="Able", email="ann@example.com",
                               title="Engineer", department=None)  # fmt: skip
    content = people_csv(
        ["Ann", "Able", "ann@example.com", "Engineering", "Lead Engineer", ""],
        ["Bob", "Baker", "bob@example.com", "Engineering", "Developer", "ann@example.com"],
        ["Cid", "Cole", "cid@example.com", "Support", "Agent", "bob@example.com"],
    )
    job = upload(content)
    real_bulk_update = services._bulk_update

    def explode(model, objects):
        # By now the departments and both new people are inserted.
        assert Person.objects.filter(email="cid@example.com").exists()
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_bulk_update", explode)
    job = services.import_job_confirm(job=job, by=None)
    assert job.status == ImportStatus.FAILED
    assert "nothing was changed" in job.error_message
    assert "disk full" in job.error_message
    assert list(Person.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.title == "Engineer"
    assert not Department.objects.exists()
    assert AuditEvent.objects.filter(action="imports.people.failed").exists()

    monkeypatch.setattr(services, "_bulk_update", real_bulk_update)
    job = apply(job)  # a failed import may be applied again
    assert Person.objects.count() == 3


def test_an_import_is_audited_with_its_counts_file_and_who(admin):
    job = apply(upload(people_csv(["Ann", "Able", "ann@example.com", "", "", ""]), by=admin), admin)
    event = AuditEvent.objects.get(action="imports.people.imported")
    assert event.actor == admin
    assert event.target_id == str(job.pk)
    assert event.changes["file"] == "people.csv"
    assert event.changes["created"] == 1
    assert event.changes["rejected"] == 0


def test_an_import_cannot_be_applied_twice(db):
    job = apply(upload(people_csv(["Ann", "Able", "ann@example.com", "", "", ""])))
    with pytest.raises(services.ImportStateError):
        services.import_job_confirm(job=job, by=None)
    with pytest.raises(services.ImportStateError):
        services.import_job_preview(job=job)


def test_a_workbook_imports_like_a_csv(db):
    content = xlsx_bytes(
        [
            ["Employee Number", "First Name", "Last Name", "Work Email", "Hire Date", "Manager"],
            [1002, "Bob", "Baker", "bob@example.com", datetime.datetime(2021, 6, 30), 1001],
            [1001, "Ann", "Able", "ann@example.com", 44197, None],
        ]
    )
    job = apply(upload(content, name="staff.xlsx"))
    assert job.preview["file"] == "Excel workbook (first sheet)"
    bob = Person.objects.get(email="bob@example.com")
    assert (bob.external_id, bob.hire_date, bob.manager.external_id) == (
        "1002",
        datetime.date(2021, 6, 30),
        "1001",
    )
    assert Person.objects.get(email="ann@example.com").hire_date == datetime.date(2021, 1, 1)


def test_a_mapping_without_an_email_column_waits_for_the_user(db):
    job = upload(csv_bytes([["Name", "Mail address"], ["Ann Able", "ann@example.com"]]))
    assert job.status == ImportStatus.UPLOADED
    assert "Work e-mail" in job.preview["mapping_error"]
    services.import_job_preview(job=job, mapping={"Name": "full_name", "Mail address": "email"})
    assert job.status == ImportStatus.PREVIEWED
    apply(job)
    assert Person.objects.get().email == "ann@example.com"


def test_the_sample_bamboohr_export_imports_completely(db):
    content = (SAMPLES / "people-bamboohr.csv").read_bytes()
    job = upload(content, name="people-bamboohr.csv")
    assert job.preview["counts"] == {"created": 30, "updated": 0, "unchanged": 0, "rejected": 0}
    assert job.preview["date_order"] == "mdy"
    apply(job)
    ceo = Person.objects.get(email="helena.marsh@northwind.example")
    assert ceo.manager is None
    assert ceo.role_kind == RoleKind.LEADER
    zoe = Person.objects.get(external_id="1003")
    assert (zoe.first_name, zoe.manager.last_name, zoe.hire_date) == (
        "Zoë",
        "Varma",
        datetime.date(2019, 1, 20),
    )
    assert zoe.role_kind == RoleKind.TECHNICAL
    assert Person.objects.get(external_id="1016").is_active is False
    assert Person.objects.filter(manager__isnull=True).count() == 1
    assert Department.objects.count() == 14
    assert upload(content).preview["counts"]["unchanged"] == 30


def test_the_preview_lists_the_first_200_rows_and_counts_them_all(db):
    rows = [[f"P{i}", "Test", f"p{i}@example.com", "", "", ""] for i in range(250)]
    job = upload(people_csv(*rows))
    assert job.preview["counts"]["created"] == 250
    assert len(job.preview["created"]) == 200
    assert job.preview["created"][-1]["row"] == 201


def test_an_import_without_a_usable_mapping_cannot_be_applied(db):
    job = upload(csv_bytes([["Who", "Where"], ["Ann Able", "Leeds"]]))
    with pytest.raises(services.ImportStateError, match="Choose what each column holds"):
        services.import_job_confirm(job=job, by=None)
    assert not Person.objects.exists()
