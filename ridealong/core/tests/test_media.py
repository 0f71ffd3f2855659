"""Uploaded files are for signed-in users; the organisation's logo is for everyone."""

from django.core.files.base import ContentFile

from ridealong.core.models import Organisation


def store(settings, name: str, content: bytes = b"GIF89a...") -> None:
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_uploads_need_sign_in(client, cast, settings):
    store(settings, "people/max.jpg")
    response = client.get("/media/people/max.jpg")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/media/people/max.jpg"


def test_signed_in_users_get_uploads(client, cast, settings):
    store(settings, "people/max.jpg", b"jpeg bytes")
    client.force_login(cast.member)
    response = client.get("/media/people/max.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"jpeg bytes"
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_current_logo_is_public_because_the_sign_in_page_shows_it(client, db):
    org = Organisation.current()
    org.logo.save("logo.png", ContentFile(b"png bytes"))
    assert client.get(org.logo.url).status_code == 200
    assert org.logo.url in client.get("/accounts/login/").content.decode()
    # Other files in the same folder are not.
    org.logo.storage.save("organisation/old.png", ContentFile(b"old"))
    assert client.get("/media/organisation/old.png").status_code == 302


def test_paths_outside_media_root_are_refused(client, cast, settings):
    client.force_login(cast.member)
    (settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    # Django's serve() treats an escape attempt as a bad request.
    assert client.get("/media/../../etc/passwd").status_code in {400, 404}
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code in {400, 404}
    assert client.get("/media/people/").status_code == 404  # no directory listings
    assert client.get("/media/missing.png").status_code == 404


def test_import_files_are_never_served_even_to_admins(client, cast, settings):
    store(settings, "imports/2026/11/people.csv", b"First Name,Work Email\nMax,max@example.com\n")
    for user in (cast.member, cast.admin):
        client.force_login(user)
        assert client.get("/media/imports/2026/11/people.csv").status_code == 404
