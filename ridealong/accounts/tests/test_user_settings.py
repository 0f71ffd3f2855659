"""Users and roles: list, search, create a login for a person, role, (de)activation."""

import re
from urllib.parse import urlparse

from django.core import mail

from ridealong.accounts.models import Role, User
from ridealong.core.models import AuditEvent
from tests import factories as f


def test_the_list_shows_role_person_and_last_sign_in(admin_client_of_cast, cast):
    page = admin_client_of_cast.get("/settings/users/").content.decode()
    for email in ("max@example.com", "mia@example.com", "ada@example.com"):
        assert email in page
    assert "Program lead" in page
    assert "never" in page


def test_the_list_is_searchable(admin_client_of_cast, cast):
    page = admin_client_of_cast.get("/settings/users/?q=olga").content.decode()
    assert "olga@example.com" in page
    assert "max@example.com" not in page
    by_role = admin_client_of_cast.get("/settings/users/?role=program_lead").content.decode()
    assert "pat@example.com" in by_role
    assert "max@example.com" not in by_role


def test_the_users_page_runs_a_constant_number_of_queries(
    admin_client_of_cast, cast, django_assert_max_num_queries
):
    for _ in range(30):
        f.UserFactory()
    with django_assert_max_num_queries(10):
        admin_client_of_cast.get("/settings/users/")


def test_it_creates_a_login_for_a_person_and_sends_a_set_your_password_email(
    admin_client_of_cast, cast
):
    person = f.PersonFactory(first_name="Nina", last_name="New", email="nina@example.com")
    page = admin_client_of_cast.get("/settings/users/new/").content.decode()
    assert "Nina New" in page
    assert "Max Member" not in page  # Max already has a login

    response = admin_client_of_cast.post(
        "/settings/users/new/", {"person": person.pk, "email": "", "role": "manager"}
    )
    assert response.status_code == 302
    user = User.objects.get(person=person)
    assert (user.email, user.role, user.has_usable_password()) == (
        "nina@example.com",
        Role.MANAGER,
        False,
    )
    assert AuditEvent.objects.filter(
        action="accounts.user.created", target_id=str(user.pk)
    ).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.com"]
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body).group(0)
    admin_client_of_cast.logout()
    form = admin_client_of_cast.get(urlparse(link).path, follow=True)
    assert "Choose a password" in form.content.decode()
    admin_client_of_cast.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nina's own passphrase", "new_password2": "nina's own passphrase"},
    )
    user.refresh_from_db()
    assert user.check_password("nina's own passphrase")
    # The token never reaches the audit trail.
    token = urlparse(link).path.rstrip("/").split("/")[-1]
    assert token not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_the_login_email_may_differ_from_the_persons(admin_client_of_cast, cast):
    person = f.PersonFactory(email="nina@example.com")
    admin_client_of_cast.post(
        "/settings/users/new/",
        {"person": person.pk, "email": "Nina.N@Example.com", "role": "member"},
    )
    assert User.objects.get(person=person).email == "nina.n@example.com"


def test_an_email_that_already_has_a_login_is_refused(admin_client_of_cast, cast):
    person = f.PersonFactory(email="nina@example.com")
    response = admin_client_of_cast.post(
        "/settings/users/new/", {"person": person.pk, "email": "max@example.com", "role": "member"}
    )
    assert response.status_code == 200
    assert "There is already a login for max@example.com" in response.content.decode()
    assert mail.outbox == []


def test_a_role_change_is_audited_from_and_to(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(
        f"/settings/users/{cast.member.pk}/", {"role": "program_lead", "is_active": "on"}
    )
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.role == Role.PROGRAM_LEAD
    event = AuditEvent.objects.get(action="accounts.user.role_changed")
    assert event.actor == cast.admin
    assert event.target_id == str(cast.member.pk)
    assert event.changes == {"role": ["member", "program_lead"]}


def test_making_someone_admin_gives_them_the_django_admin_and_back(admin_client_of_cast, cast):
    url = f"/settings/users/{cast.member.pk}/"
    admin_client_of_cast.post(url, {"role": "admin", "is_active": "on"})
    cast.member.refresh_from_db()
    assert cast.member.is_staff
    assert cast.member.is_superuser
    admin_client_of_cast.post(url, {"role": "member", "is_active": "on"})
    cast.member.refresh_from_db()
    assert not cast.member.is_staff
    assert not cast.member.is_superuser


def test_an_admin_cannot_remove_their_own_admin_role(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(
        f"/settings/users/{cast.admin.pk}/", {"role": "member", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "You cannot remove your own admin role" in response.content.decode()
    cast.admin.refresh_from_db()
    assert cast.admin.role == Role.ADMIN
    assert not AuditEvent.objects.filter(action="accounts.user.role_changed").exists()


def test_an_admin_cannot_deactivate_themselves(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(f"/settings/users/{cast.admin.pk}/", {"role": "admin"})
    assert response.status_code == 200
    assert "You cannot deactivate your own login" in response.content.decode()
    cast.admin.refresh_from_db()
    assert cast.admin.is_active


def test_deactivation_and_reactivation_are_audited_and_take_effect(client, cast):
    client.force_login(cast.admin)
    member_client = client.__class__()
    member_client.force_login(cast.member)
    assert member_client.get("/accounts/me/").status_code == 200

    client.post(f"/settings/users/{cast.member.pk}/", {"role": "member"})
    cast.member.refresh_from_db()
    assert not cast.member.is_active
    assert AuditEvent.objects.filter(action="accounts.user.deactivated").exists()
    # The deactivated user's session no longer works.
    assert member_client.get("/accounts/me/").status_code == 302

    client.post(f"/settings/users/{cast.member.pk}/", {"role": "member", "is_active": "on"})
    cast.member.refresh_from_db()
    assert cast.member.is_active
    assert AuditEvent.objects.filter(action="accounts.user.reactivated").exists()


def test_a_password_link_can_be_sent_again(admin_client_of_cast, cast):
    response = admin_client_of_cast.post(f"/settings/users/{cast.member.pk}/invite/")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["max@example.com"]
    assert AuditEvent.objects.filter(action="accounts.user.password_link_sent").exists()
