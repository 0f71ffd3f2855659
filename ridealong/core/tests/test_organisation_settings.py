"""Organisation settings: name, time zone, week start, logo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ridealong.core.models import AuditEvent, Organisation


def image_file(fmt="PNG", size=(40, 20), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def post(client, **extra):
    data = {"name": "Acme Machines", "time_zone": "Europe/Berlin", "week_start": "6", **extra}
    return client.post("/settings/organisation/", data)


def test_it_saves_name_time_zone_and_week_start(admin_client_of_cast, cast):
    response = post(admin_client_of_cast)
    assert response.status_code == 302
    org = Organisation.current()
    assert (org.name, org.time_zone, org.week_start) == ("Acme Machines", "Europe/Berlin", 6)
    event = AuditEvent.objects.get(action="core.organisation.updated")
    assert event.actor == cast.admin
    assert event.changes["time_zone"] == ["UTC", "Europe/Berlin"]


def test_the_time_zone_is_picked_from_real_names(admin_client_of_cast):
    page = admin_client_of_cast.get("/settings/organisation/").content.decode()
    assert '<option value="Europe/Berlin"' in page
    response = post(admin_client_of_cast, time_zone="Mars/Olympus_Mons")
    assert response.status_code == 200
    assert Organisation.current().time_zone == "UTC"


def test_it_accepts_a_logo_and_shows_it(admin_client_of_cast):
    assert post(admin_client_of_cast, logo=image_file()).status_code == 302
    org = Organisation.current()
    assert org.logo.name.startswith("organisation/")
    assert org.logo.url in admin_client_of_cast.get("/settings/").content.decode()


def test_a_new_logo_replaces_and_deletes_the_old_one(
    admin_client_of_cast, django_capture_on_commit_callbacks
):
    post(admin_client_of_cast, logo=image_file())
    old = Organisation.current().logo
    old_path = old.path
    with django_capture_on_commit_callbacks(execute=True):
        post(admin_client_of_cast, logo=image_file("JPEG", name="new.jpg"))
    org = Organisation.current()
    assert org.logo.name.endswith(".jpg")
    assert not org.logo.storage.exists(old.name), old_path


def test_the_logo_can_be_removed(admin_client_of_cast):
    post(admin_client_of_cast, logo=image_file())
    post(admin_client_of_cast, remove_logo="on")
    assert not Organisation.current().logo


def test_it_refuses_a_logo_over_2_mb(admin_client_of_cast, monkeypatch):
    big = image_file()
    monkeypatch.setattr("ridealong.core.forms.LOGO_MAX_BYTES", big.size - 1)
    response = post(admin_client_of_cast, logo=big)
    assert response.status_code == 200
    assert "larger than 2 MB" in response.content.decode()
    assert not Organisation.current().logo


def test_it_refuses_a_file_that_is_not_an_image(admin_client_of_cast):
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = post(admin_client_of_cast, logo=fake)
    assert response.status_code == 200
    assert not Organisation.current().logo


def test_it_refuses_an_image_of_another_format(admin_client_of_cast):
    response = post(admin_client_of_cast, logo=image_file("BMP", name="logo.bmp"))
    assert response.status_code == 200
    assert "PNG, JPEG, GIF or WebP" in response.content.decode()
