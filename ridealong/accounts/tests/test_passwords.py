"""Password reset by e-mail (no account enumeration) and password change."""

import re
from urllib.parse import urlparse

from django.core import mail

from ridealong.core.models import Organisation
from tests.factories import PASSWORD

NEW_PASSWORD = "a new and rather long passphrase"


def without_csrf(content: bytes) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", content.decode())


def reset_link(message) -> str:
    return re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)


def test_a_reset_email_names_the_organisation_and_carries_a_working_link(client, cast, settings):
    settings.SITE_URL = "https://ridealong.example.com"
    org = Organisation.current()
    org.name = "Acme Machines"
    org.save()

    response = client.post("/accounts/password/reset/", {"email": "MAX@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["max@example.com"]
    assert "Acme Machines" in message.subject
    assert "Acme Machines" in message.body
    link = reset_link(message)
    assert link.startswith("https://ridealong.example.com/accounts/reset/")

    # The link leads to a form (Django swaps the token into the session first).
    page = client.get(urlparse(link).path, follow=True)
    assert page.status_code == 200
    assert "Choose a password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"
    cast.member.refresh_from_db()
    assert cast.member.check_password(NEW_PASSWORD)

    # It works once.
    again = client.get(urlparse(link).path, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_email_gets_the_same_page_and_no_mail(client, cast):
    known = client.post("/accounts/password/reset/", {"email": "max@example.com"}, follow=True)
    mail.outbox.clear()
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert (
        unknown.redirect_chain == known.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    )
    # The same page, byte for byte, apart from the per-response CSRF token.
    assert without_csrf(unknown.content) == without_csrf(known.content)
    assert "Check your inbox" in unknown.content.decode()
    assert mail.outbox == []


def test_an_inactive_login_gets_no_reset_mail(client, cast):
    cast.member.is_active = False
    cast.member.save()
    client.post("/accounts/password/reset/", {"email": "max@example.com"})
    assert mail.outbox == []


def test_an_invited_login_without_a_password_may_ask_for_a_new_link(client, cast):
    cast.member.set_unusable_password()
    cast.member.save()
    client.post("/accounts/password/reset/", {"email": "max@example.com"})
    assert len(mail.outbox) == 1


def test_a_tampered_reset_link_is_refused(client, cast):
    client.post("/accounts/password/reset/", {"email": "max@example.com"})
    path = urlparse(reset_link(mail.outbox[0])).path
    tampered = path[:-3] + "xx/"
    page = client.get(tampered, follow=True)
    assert "This link no longer works" in page.content.decode()


def test_a_signed_in_user_changes_their_password(client, cast):
    client.force_login(cast.member)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/me/"
    cast.member.refresh_from_db()
    assert cast.member.check_password(NEW_PASSWORD)
    # The session survives the change (Django updates the session hash).
    assert client.get("/accounts/me/").status_code == 200


def test_a_password_change_needs_the_old_password(client, cast):
    client.force_login(cast.member)
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    cast.member.refresh_from_db()
    assert cast.member.check_password(PASSWORD)


def test_password_change_needs_sign_in(client, db):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
