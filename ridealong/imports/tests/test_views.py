"""The import pages: who may use them, and upload → preview → remap → confirm."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import ROLES
from ridealong.imports import services
from ridealong.imports.models import ImportJob, ImportStatus
from ridealong.imports.tests.helpers import csv_bytes, people_csv
from ridealong.people.models import Person
from tests import factories as f

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ALLOWED = {"program_lead", "admin"}


def csv_upload(content: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def job(cast) -> ImportJob:
    return services.import_job_create(
        kind="people",
        content=people_csv(["Ann", "Able", "ann@example.com", "Engineering", "Engineer", ""]),
        name="people.csv",
        by=cast.program_lead,
    )


def page_urls(job: ImportJob) -> list[str]:
    return [
        reverse("imports:list"),
        reverse("imports:detail", args=[job.pk]),
        reverse("imports:progress", args=[job.pk]),
        reverse("imports:sample", args=["people"]),
        reverse("imports:sample", args=["customers"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_program_leads_and_admins_see_the_import_pages(client, cast, job, role):
    user = cast.user(role)
    if user:
        client.force_login(user)
    for url in page_urls(job):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login")), url
        elif role in ALLOWED:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", ROLES)
def test_only_program_leads_and_admins_upload_remap_and_confirm(client, cast, job, role):
    user = cast.user(role)
    if user:
        client.force_login(user)
    upload = client.post(
        reverse("imports:list"),
        {
            "kind": "people",
            "file": csv_upload(people_csv(["Bo", "B", "bo@example.com", "", "", ""])),
        },
    )
    remap = client.post(reverse("imports:remap", args=[job.pk]), {})
    confirm = client.post(reverse("imports:confirm", args=[job.pk]))
    statuses = {upload.status_code, remap.status_code, confirm.status_code}
    if role == "anonymous":
        assert statuses == {302}
    elif role in ALLOWED:
        assert upload.status_code == 302
        assert confirm.status_code == 302
    else:
        assert statuses == {403}
        job.refresh_from_db()
        assert job.status == ImportStatus.PREVIEWED
        assert not Person.objects.filter(email__in=["ann@example.com", "bo@example.com"]).exists()


def test_posting_only_pages_refuse_get(client, cast, job):
    client.force_login(cast.program_lead)
    assert client.get(reverse("imports:remap", args=[job.pk])).status_code == 405
    assert client.get(reverse("imports:confirm", args=[job.pk])).status_code == 405


def test_a_missing_import_is_404(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("imports:detail", args=[999])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[999])).status_code == 404


def test_the_upload_page_states_formats_and_limit_and_offers_samples(client, cast):
    client.force_login(cast.program_lead)
    page = client.get(reverse("imports:list")).content.decode()
    assert "CSV" in page
    assert ".xlsx" in page
    assert "up to <strong>50 MB</strong>" in page
    assert reverse("imports:sample", args=["people"]) in page
    assert reverse("imports:sample", args=["customers"]) in page


def test_a_sample_file_downloads_as_csv(client, cast):
    client.force_login(cast.program_lead)
    response = client.get(reverse("imports:sample", args=["people"]))
    assert response["Content-Disposition"] == 'attachment; filename="people-bamboohr.csv"'
    assert b"Employee #,First Name" in b"".join(response.streaming_content)
    assert client.get(reverse("imports:sample", args=["payroll"])).status_code == 404


def test_upload_preview_remap_and_confirm(client, cast):
    client.force_login(cast.program_lead)
    content = csv_bytes(
        [
            ["Name", "Address", "Team", "Boss"],
            ["Ann Able", "ann@example.com", "Firmware", "mia@example.com"],
            ["Bob Baker", "bob@example.com", "Firmware", "Ann Able"],
        ]
    )
    response = client.post(reverse("imports:list"), {"kind": "people", "file": csv_upload(content)})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("imports:detail", args=[job.pk])
    assert job.created_by == cast.program_lead

    # "Address" and "Boss" are not headers Ridealong knows: the page asks for a mapping.
    page = client.get(response["Location"]).content.decode()
    assert "Map a column to Work e-mail" in page
    assert "e.g. ann@example.com · bob@example.com" in page

    mapping = {"column_0": "full_name", "column_1": "email", "column_2": "department",
               "column_3": "manager", "date_order": ""}  # fmt: skip
    response = client.post(reverse("imports:remap", args=[job.pk]), mapping)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert job.mapping == {"Name": "full_name", "Address": "email", "Team": "department",
                           "Boss": "manager"}  # fmt: skip
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Create 2 people</button>" in page
    assert "reports to Mia Manager" in page

    response = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert "Imported: 2 created, 0 updated, 0 unchanged, 0 rejected." in response.content.decode()
    bob = Person.objects.get(email="bob@example.com")
    assert bob.manager.email == "ann@example.com"
    assert bob.department.name == "Firmware"
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.confirmed_by == cast.program_lead


def test_a_mapping_that_uses_a_field_twice_is_refused_on_the_page(client, cast, job):
    client.force_login(cast.program_lead)
    data = {f"column_{i}": "" for i in range(6)} | {"column_0": "email", "column_2": "email"}
    response = client.post(reverse("imports:remap", args=[job.pk]), data)
    assert response.status_code == 400
    assert "both mapped to Work e-mail" in response.content.decode()
    job.refresh_from_db()
    assert job.mapping["Work Email"] == "email"  # unchanged


def test_rejected_rows_are_listed_with_row_numbers_and_reasons(client, cast):
    client.force_login(cast.admin)
    content = people_csv(
        ["Ann", "Able", "ann@example.com", "", "", "bob@example.com"],
        ["Bob", "Baker", "bob@example.com", "", "", "ann@example.com"],
        ["Cid", "Cole", "cid@example", "", "", ""],
    )
    client.post(reverse("imports:list"), {"kind": "people", "file": csv_upload(content)})
    page = client.get(reverse("imports:detail", args=[ImportJob.objects.get().pk])).content.decode()
    assert "Rejected" in page
    assert "management cycle: Ann Able, who reports to Bob Baker" in page
    assert "“cid@example” is not a valid e-mail address" in page
    assert "Nothing to import" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"First Name,Last Name\r\n", "no data rows"),
        (b"Email,Name,email\nann@x.com,Ann,b@x.com\n", "repeats “email” (columns 1 and 3)"),
        (b"\x00\x01\x02garbage" * 50, "NUL"),
    ],
)
def test_a_bad_file_gets_a_clear_message_on_the_upload_page(client, cast, content, message):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("imports:list"), {"kind": "people", "file": csv_upload(content, "bad.csv")}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_refused_stating_the_limit(client, cast, settings):
    settings.IMPORT_MAX_BYTES = 2048
    client.force_login(cast.program_lead)
    content = people_csv(*[["Ann", "Able", f"a{i}@example.com", "", "", ""] for i in range(100)])
    response = client.post(reverse("imports:list"), {"kind": "people", "file": csv_upload(content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ridealong imports files up to 2 KB" in page
    assert "up to <strong>2 KB</strong>" in page
    assert not ImportJob.objects.exists()


def test_a_large_file_is_applied_by_the_worker_with_progress(client, cast, settings):
    settings.IMPORT_BACKGROUND_ROWS = 3
    client.force_login(cast.program_lead)
    rows = [[f"P{i}", "Test", f"p{i}@example.com", "Support", "Agent", "mia@example.com"]
            for i in range(5)]  # fmt: skip
    client.post(reverse("imports:list"), {"kind": "people", "file": csv_upload(people_csv(*rows))})
    job = ImportJob.objects.get()
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "imported in the background" in page

    # The test settings run tasks immediately; in production `ridealong worker` runs it.
    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.processed_rows, job.total_rows) == (5, 5)
    assert (
        Person.objects.filter(email__startswith="p", manager__email="mia@example.com").count() == 5
    )

    # Once done, the polling progress bar asks htmx to reload the whole page.
    response = client.get(
        reverse("imports:progress", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert response["HX-Refresh"] == "true"


def test_the_progress_bar_polls_while_the_worker_runs(client, cast, job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, processed_rows=0)
    client.force_login(cast.program_lead)
    page = client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    fragment = client.get(
        reverse("imports:progress", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="import-progress"')
    assert "Checking rows: 0 of 1" in fragment
    assert 'hx-trigger="every 1s"' in fragment


def test_a_queued_import_cannot_be_remapped_or_confirmed_again(client, cast, job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    client.force_login(cast.program_lead)
    response = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert "cannot be applied now: it is queued." in response.content.decode()
    assert not Person.objects.filter(email="ann@example.com").exists()


def test_the_list_shows_recent_imports_in_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for i in range(3):
        services.import_job_create(
            kind="people",
            content=people_csv(["Ann", "Able", f"ann{i}@example.com", "", "", ""]),
            name=f"batch-{i}.csv",
            by=f.UserFactory(role="program_lead"),
        )
    client.force_login(cast.program_lead)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("imports:list")).content.decode()
    assert "batch-2.csv" in page
    assert "batch-0.csv" in page


def test_the_sample_people_file_imports_through_the_pages(client, cast):
    client.force_login(cast.admin)
    content = (SAMPLES / "people-bamboohr.csv").read_bytes()
    client.post(
        reverse("imports:list"),
        {"kind": "people", "file": csv_upload(content, "people-bamboohr.csv")},
    )
    job = ImportJob.objects.get()
    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.result["created"] == 30


@pytest.mark.parametrize("role", ["member", "manager", "other_manager"])
def test_others_get_403_whatever_method_they_use(client, cast, job, role):
    client.force_login(cast.user(role))
    assert client.get(reverse("imports:confirm", args=[job.pk])).status_code == 403
    assert client.post(reverse("imports:detail", args=[job.pk])).status_code == 403
    assert client.post(reverse("imports:confirm", args=[999])).status_code == 403
