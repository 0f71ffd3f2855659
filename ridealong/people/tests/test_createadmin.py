"""`ridealong createadmin`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ridealong.accounts.models import Role, User
from ridealong.core.models import AuditEvent
from ridealong.people.models import Person

STRONG = "a long enough admin passphrase"


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command("createadmin", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_it_creates_an_admin_non_interactively(db):
    output = run(
        "--no-input", "--email", "Root@Example.com", "--name", "Rosa Root", "--password", STRONG
    )
    user = User.objects.get(email="root@example.com")
    assert (user.role, user.is_staff, user.is_superuser) == (Role.ADMIN, True, True)
    assert user.check_password(STRONG)
    assert "Created the admin root@example.com" in output
    # No person had that e-mail: one is created so the admin has a place in the directory.
    assert (user.person.first_name, user.person.last_name) == ("Rosa", "Root")
    assert AuditEvent.objects.filter(action="accounts.user.created").count() == 1


def test_it_links_the_admin_to_the_person_with_that_email(cast):
    person_count = Person.objects.count()
    run("--no-input", "--email", "fay@example.com", "--password", STRONG)
    # Fay already has a login: it is promoted, not duplicated.
    assert Person.objects.count() == person_count
    fay = User.objects.get(email="fay@example.com")
    assert fay.role == Role.ADMIN
    assert fay.person.email == "fay@example.com"


def test_a_person_without_a_login_is_linked(db):
    person = Person.objects.create(first_name="Lin", last_name="Ked", email="lin@example.com")
    run("--no-input", "--email", "lin@example.com", "--password", STRONG)
    assert User.objects.get(email="lin@example.com").person == person


def test_it_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("RIDEALONG_ADMIN_PASSWORD", STRONG)
    run("--no-input", "--email", "env@example.com")
    assert User.objects.get(email="env@example.com").check_password(STRONG)


def test_it_is_idempotent_and_promotes_an_existing_login(cast):
    output = run("--no-input", "--email", "max@example.com")
    assert "already had a login: it is now an admin" in output
    assert "password is unchanged" in output
    cast.member.refresh_from_db()
    assert (cast.member.role, cast.member.is_staff, cast.member.is_superuser) == (
        Role.ADMIN,
        True,
        True,
    )
    event = AuditEvent.objects.get(action="accounts.user.role_changed")
    assert event.changes == {"role": ["member", "admin"]}
    run("--no-input", "--email", "max@example.com")
    assert User.objects.filter(email="max@example.com").count() == 1
    assert AuditEvent.objects.filter(action="accounts.user.role_changed").count() == 1


def test_it_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match=r"too short|too common"):
        run("--no-input", "--email", "weak@example.com", "--password", "admin")
    assert not User.objects.exists()


def test_it_needs_an_email_and_a_password_without_input(db, monkeypatch):
    monkeypatch.delenv("RIDEALONG_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="--email"):
        run("--no-input")
    with pytest.raises(CommandError, match="--password"):
        run("--no-input", "--email", "a@example.com")


def test_it_prompts_interactively(db, monkeypatch):
    answers = iter(["Ivy@Example.com", "Ivy Interactive"])
    passwords = iter(["short", "short", STRONG, "typo", STRONG, STRONG])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))
    monkeypatch.delenv("RIDEALONG_ADMIN_PASSWORD", raising=False)
    run(stderr=StringIO())
    user = User.objects.get(email="ivy@example.com")
    assert user.check_password(STRONG)
    assert user.person.full_name == "Ivy Interactive"
