"""`ridealong import people|customers FILE`: the same service, on the command line."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ridealong.core.models import AuditEvent
from ridealong.customers.models import Customer
from ridealong.imports.models import ImportJob, ImportStatus
from ridealong.imports.tests.helpers import csv_bytes, people_csv
from ridealong.people.models import Person
from tests import factories as f

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def people_file(tmp_path) -> Path:
    path = tmp_path / "staff.csv"
    path.write_bytes(
        people_csv(
            ["Ann", "Able", "ann@example.com", "Engineering", "Head of Engineering", ""],
            ["Bob", "Baker", "bob@example.com", "Engineering", "Developer", "ann@example.com"],
            ["Cid", "Cole", "cid@example.com", "Sales", "Agent", "ghost@example.com"],
        )
    )
    return path


def test_a_dry_run_prints_the_preview_and_changes_nothing(db, people_file):
    out, _ = run("people", str(people_file), "--dry-run")
    assert "staff.csv: CSV, UTF-8, comma-separated, 3 rows." in out
    assert '"Manager Email" → Manager (e-mail, employee ID or name) (manager)' in out
    assert "Would create 2, would update 0, unchanged 0, rejected 1." in out
    assert (
        "row 4: Cid Cole <cid@example.com> — manager “ghost@example.com” is not in the file "
        "or in Ridealong"
    ) in out
    assert "row 3: Bob Baker <bob@example.com> — Engineering (new) · Developer" in out
    assert not Person.objects.exists()
    assert not ImportJob.objects.exists()


def test_it_imports_and_records_the_import(db, people_file):
    admin = f.UserFactory(email="ada@example.com", role="admin")
    out, _ = run("people", str(people_file), "--as", "ada@example.com")
    assert "Created 2, updated 0, unchanged 0, rejected 1." in out
    job = ImportJob.objects.get()
    assert f"Recorded as import #{job.pk}." in out
    assert (job.status, job.created_by, job.confirmed_by) == (ImportStatus.DONE, admin, admin)
    assert Person.objects.get(email="bob@example.com").manager.email == "ann@example.com"
    assert AuditEvent.objects.get(action="imports.people.imported").actor == admin

    out, _ = run("people", str(people_file))
    assert "Created 0, updated 0, unchanged 2, rejected 1." in out


def test_map_corrects_the_automatic_mapping(db, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(
        csv_bytes([["Who", "Address", "Personal Email"], ["Ann Able", "ann@example.com", "a@home"]])
    )
    with pytest.raises(CommandError, match="Map a column to Work e-mail"):
        run("people", str(path))
    out, _ = run(
        "people", str(path), "--map", "Who=full_name", "--map", "Address=Work e-mail",
        "--map", "Personal Email=",
    )  # fmt: skip
    assert '"Personal Email" → not imported' in out
    assert Person.objects.get().email == "ann@example.com"


def test_a_mapping_naming_an_unknown_column_or_field_fails_clearly(db, people_file):
    with pytest.raises(CommandError, match='the file has no column "Salary"'):
        run("people", str(people_file), "--map", "Salary=title")
    with pytest.raises(CommandError, match="“wage” is not a field of a people import"):
        run("people", str(people_file), "--map", "Job Title=wage")


def test_dates_can_be_read_month_first(db, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_bytes(
        csv_bytes([["Name", "Email", "Hire Date"], ["Ann A", "a@example.com", "03/04/2024"]])
    )
    run("people", str(path), "--dates", "mdy")
    assert Person.objects.get().hire_date.isoformat() == "2024-03-04"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "staff.csv: The file is empty."),
        (b"Name,Email,name\nAnn,a@x.com,b\n", "repeats “name”"),
        (b"First Name,Email\n", "no data rows"),
    ],
)
def test_a_bad_file_exits_with_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "staff.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("people", str(path))


def test_a_missing_file_or_one_over_the_limit_exits_clearly(db, tmp_path, settings):
    with pytest.raises(CommandError, match="no such file"):
        run("people", str(tmp_path / "nope.csv"))
    settings.IMPORT_MAX_BYTES = 10
    path = tmp_path / "big.csv"
    path.write_bytes(b"Name,Email\n" + b"Ann,a@example.com\n" * 5)
    with pytest.raises(CommandError, match="up to 10 bytes"):
        run("people", str(path))


def test_large_files_report_progress_on_stderr(db, tmp_path, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    path = tmp_path / "many.csv"
    path.write_bytes(
        people_csv(*[[f"P{i}", "X", f"p{i}@example.com", "", "", ""] for i in range(3)])
    )
    out, err = run("people", str(path))
    assert "Checked 3 of 3 rows; saving…" in err
    assert "Created 3," in out


def test_it_imports_customers_with_contacts(db):
    out, _ = run("customers", str(SAMPLES / "customers-salesforce.csv"))
    assert "Created 10, updated 0, unchanged 0, rejected 0." in out
    assert "Contacts: 13 added, 0 updated." in out
    assert Customer.objects.get(external_id="0015g00000AcmeF1").contacts.count() == 2


def test_an_unknown_kind_is_refused(db, people_file):
    with pytest.raises(CommandError, match="invalid choice"):
        run("payroll", str(people_file))
