"""Adding, editing, marking inactive and deleting people (program leads and admins)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ridealong.core.models import AuditEvent
from ridealong.people.models import Person, RoleKind
from tests import factories as f

CREATE = "people:create"


def person_data(**overrides: object) -> dict[str, object]:
    data = {
        "first_name": "Nina",
        "last_name": "New",
        "email": "Nina.New@Example.com",
        "title": "QA engineer",
        "department": "",
        "manager": "",
        "role_kind": RoleKind.TECHNICAL,
        "hire_date": "2025-01-15",
        "location": "Lyon",
        "external_id": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def png(size: tuple[int, int] = (4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("manager", 403),
        ("other_manager", 403),
        ("program_lead", 200),
        ("admin", 200),
    ],
)
def test_only_program_leads_and_admins_open_the_person_form(client, cast, role, status):
    client.force_login(cast.user(role))
    assert client.get(reverse(CREATE)).status_code == status
    edit = reverse("people:edit", args=[cast.member.person_id])
    assert client.get(edit).status_code == status
    delete = reverse("people:delete", args=[cast.member.person_id])
    assert client.get(delete).status_code == status


def test_a_member_cannot_post_a_new_person(client, cast):
    client.force_login(cast.member)
    assert client.post(reverse(CREATE), person_data()).status_code == 403
    assert not Person.objects.filter(first_name="Nina").exists()


def test_a_program_lead_adds_a_person_and_it_is_audited(client, cast):
    client.force_login(cast.program_lead)
    data = person_data(department=cast.engineering.pk, manager=cast.manager.person_id)
    response = client.post(reverse(CREATE), data)
    nina = Person.objects.get(first_name="Nina")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[nina.pk])
    assert nina.email == "nina.new@example.com"
    assert nina.manager == cast.manager.person
    assert nina.department == cast.engineering
    event = AuditEvent.objects.get(action="people.person.created")
    assert event.actor == cast.program_lead


def test_it_keeps_what_was_typed_when_the_email_is_taken(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(reverse(CREATE), person_data(email="MAX@example.com"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.errors
    html = response.content.decode()
    assert 'value="Nina"' in html
    assert 'value="QA engineer"' in html
    assert Person.objects.filter(email="max@example.com").count() == 1


def test_it_keeps_what_was_typed_when_a_field_is_invalid(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse(CREATE), person_data(email="not-an-address", hire_date="31/31/2025")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "hire_date"}
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert 'value="Lyon"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"first_name": ""},
        {"first_name": "x" * 5000},
        {"title": "nul\x00byte"},
        {"manager": "999999"},
        {"role_kind": "astronaut"},
    ],
)
def test_bad_input_is_a_message_not_a_500(client, cast, overrides):
    client.force_login(cast.program_lead)
    response = client.post(reverse(CREATE), person_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Person.objects.filter(last_name="New").exists()


def test_it_refuses_a_manager_that_would_make_a_cycle(client, cast):
    mia = cast.manager.person
    client.force_login(cast.admin)
    response = client.post(
        reverse("people:edit", args=[mia.pk]),
        person_data(
            first_name="Mia",
            last_name="Manager",
            email="mia@example.com",
            title="Head of engineering (acting)",
            manager=cast.member.person_id,
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["manager"]
    assert "management cycle" in errors[0]
    assert 'value="Head of engineering (acting)"' in response.content.decode()
    mia.refresh_from_db()
    assert mia.manager is None
    assert mia.title == "Head of engineering"


def test_a_program_lead_edits_a_person_and_the_change_is_audited(client, cast):
    fay = cast.other_member.person
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("people:edit", args=[fay.pk]),
        person_data(
            first_name="Fay",
            last_name="Finance",
            email="fay@example.com",
            title="Senior accountant",
            department=cast.finance.pk,
            manager=cast.other_manager.person_id,
            role_kind=RoleKind.OTHER,
        ),
    )
    assert response.status_code == 302
    fay.refresh_from_db()
    assert fay.title == "Senior accountant"
    event = AuditEvent.objects.get(action="people.person.updated")
    assert event.changes["title"] == ["Accountant", "Senior accountant"]


def test_the_edit_form_starts_with_the_persons_values(client, cast):
    client.force_login(cast.admin)
    response = client.get(reverse("people:edit", args=[cast.other_member.person_id]))
    html = response.content.decode()
    assert 'value="fay@example.com"' in html
    assert 'value="Accountant"' in html


def test_it_stores_a_photo(client, cast):
    client.force_login(cast.admin)
    photo = SimpleUploadedFile("nina.png", png(), content_type="image/png")
    response = client.post(reverse(CREATE), {**person_data(), "photo": photo})
    assert response.status_code == 302
    assert Person.objects.get(first_name="Nina").photo.name.startswith("people/")


def test_it_refuses_a_photo_that_is_not_an_image(client, cast):
    client.force_login(cast.admin)
    fake = SimpleUploadedFile("cv.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(reverse(CREATE), {**person_data(), "photo": fake})
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert not Person.objects.filter(first_name="Nina").exists()


def test_it_refuses_a_photo_over_five_megabytes(client, cast):
    client.force_login(cast.admin)
    big = SimpleUploadedFile("big.png", png() + b"\0" * (5 * 1024 * 1024), content_type="image/png")
    response = client.post(reverse(CREATE), {**person_data(), "photo": big})
    assert response.status_code == 200
    assert "larger than 5 MB" in response.context["form"].errors["photo"][0]


def test_the_delete_page_offers_marking_inactive_first(client, cast):
    client.force_login(cast.program_lead)
    html = client.get(reverse("people:delete", args=[cast.member.person_id])).content.decode()
    assert "Mark Max inactive" in html
    assert 'value="delete"' not in html  # Max has engagements: no delete button
    assert "cannot be deleted" in html


def test_marking_inactive_keeps_the_person_and_their_history(client, cast):
    max_ = cast.member.person
    client.force_login(cast.program_lead)
    response = client.post(reverse("people:delete", args=[max_.pk]), {"action": "deactivate"})
    assert response.status_code == 302
    max_.refresh_from_db()
    assert max_.is_active is False
    assert max_.participations.count() == 1


def test_it_refuses_to_delete_someone_who_took_part_in_engagements(client, cast):
    max_ = cast.member.person
    client.force_login(cast.admin)
    response = client.post(reverse("people:delete", args=[max_.pk]), {"action": "delete"})
    assert response.status_code == 200
    assert "mark them inactive instead" in response.content.decode()
    assert Person.objects.filter(pk=max_.pk).exists()


def test_it_deletes_someone_without_engagements_and_audits_it(client, cast):
    nobody = f.PersonFactory(first_name="Temp", last_name="Record")
    client.force_login(cast.admin)
    page = client.get(reverse("people:delete", args=[nobody.pk])).content.decode()
    assert 'value="delete"' in page
    response = client.post(reverse("people:delete", args=[nobody.pk]), {"action": "delete"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:list")
    assert not Person.objects.filter(pk=nobody.pk).exists()
    assert AuditEvent.objects.filter(action="people.person.deleted").exists()


def test_a_member_cannot_delete_or_deactivate(client, cast):
    fay = cast.other_member.person
    client.force_login(cast.member)
    for action in ("delete", "deactivate"):
        response = client.post(reverse("people:delete", args=[fay.pk]), {"action": action})
        assert response.status_code == 403
    fay.refresh_from_db()
    assert fay.is_active


def test_the_department_choice_names_sub_departments_with_their_parent(client, cast):
    f.DepartmentFactory(name="Firmware", parent=cast.engineering)
    client.force_login(cast.admin)
    html = client.get(reverse(CREATE)).content.decode()
    assert "Engineering › Firmware" in html
    assert "No manager" in html
