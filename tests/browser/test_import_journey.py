"""A program lead imports a small people file from an HR export, through the preview."""

import re

from ridealong.people.models import Person
from tests.browser.conftest import sign_in, watch_console

# A Personio-style export: the manager appears after her report, one row is broken.
HR_EXPORT = (
    "Employee ID;First name;Last name;Email;Department;Position;Supervisor email;Start date\r\n"
    "E-1;Ines;Ortega;ines.ortega@example.com;Quality;QA engineer;lena.berg@example.com;"
    "02.09.2024\r\n"
    "E-2;Lena;Berg;lena.berg@example.com;Quality;Head of quality;;15.01.2019\r\n"
    "E-3;Tom;Nobody;not-an-email;Quality;Inspector;;01.02.2023\r\n"
).encode("utf-8-sig")


def test_a_program_lead_imports_people_through_the_preview(
    desktop, live_server, data, screenshot, tmp_path
):
    problems = watch_console(desktop)
    export = tmp_path / "personio-export.csv"
    export.write_bytes(HR_EXPORT)

    sign_in(desktop, live_server, "pat@example.com")
    desktop.goto(f"{live_server.url}/imports/")
    desktop.get_by_label("People", exact=False).first.check()
    desktop.set_input_files("input[type=file]", str(export))
    desktop.click("button:has-text('Upload and preview')")
    desktop.wait_for_url(re.compile(r"/imports/\d+/$"))
    preview = desktop.locator("main").inner_text()
    screenshot(desktop, "import-preview")
    assert "“not-an-email” is not a valid e-mail address" in preview
    assert re.search(r"2\s+to create", preview)
    assert not Person.objects.filter(email="lena.berg@example.com").exists()  # nothing yet

    desktop.click("button:has-text('Create 2 people')")
    desktop.wait_for_load_state("networkidle")
    screenshot(desktop, "import-done")
    ines = Person.objects.get(email="ines.ortega@example.com")
    assert ines.manager.email == "lena.berg@example.com"
    assert ines.department.name == "Quality"
    assert str(ines.hire_date) == "2024-09-02"
    assert not Person.objects.filter(last_name="Nobody").exists()
    assert problems == []
