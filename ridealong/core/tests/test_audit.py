"""The audit trail: readable by admins, filtered, constant queries, never a secret."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ridealong.core.audit import REDACTED, log_action
from ridealong.core.models import AuditEvent
from tests import factories as f


def test_it_never_stores_passwords_tokens_or_secrets(cast):
    event = log_action(
        "accounts.user.updated",
        actor=cast.admin,
        target=cast.member,
        changes={
            "password": "hunter2",
            "new_password1": "hunter2",
            "api_token": "rdl_abc",
            "nested": {"client_secret": "s3cret", "role": ["member", "admin"]},
            "email": "max@example.com",
        },
    )
    event.refresh_from_db()
    assert event.changes == {
        "password": REDACTED,
        "new_password1": REDACTED,
        "api_token": REDACTED,
        "nested": {"client_secret": REDACTED, "role": ["member", "admin"]},
        "email": "max@example.com",
    }
    assert "hunter2" not in str(event.changes)


def test_it_lists_newest_first_with_actor_and_changes(admin_client_of_cast, cast):
    log_action(
        "people.person.updated",
        actor=cast.admin,
        target=cast.member.person,
        changes={"title": ["Engineer", "Lead engineer"]},
    )
    log_action(
        "accounts.user.role_changed",
        actor=cast.admin,
        target=cast.member,
        changes={"role": ["member", "manager"]},
    )
    page = admin_client_of_cast.get("/settings/audit/").content.decode()
    assert page.index("accounts.user.role_changed") < page.index("people.person.updated")
    assert "<del>Engineer</del> → <ins>Lead engineer</ins>" in page
    assert "Ada Admin" in page


def test_it_filters_by_action_prefix_and_actor(admin_client_of_cast, cast):
    log_action("people.person.updated", actor=cast.program_lead, target=cast.member.person)
    log_action("accounts.user.role_changed", actor=cast.admin, target=cast.member)
    by_prefix = admin_client_of_cast.get("/settings/audit/?action=accounts.").content.decode()
    assert "accounts.user.role_changed" in by_prefix
    assert "people.person.updated</code>" not in by_prefix
    by_actor = admin_client_of_cast.get(
        f"/settings/audit/?actor={cast.program_lead.pk}"
    ).content.decode()
    assert "people.person.updated</code>" in by_actor
    assert "accounts.user.role_changed</code>" not in by_actor


def test_it_paginates(admin_client_of_cast, cast):
    for n in range(55):
        log_action("test.thing.done", actor=cast.admin, changes={"n": n})
    first = admin_client_of_cast.get("/settings/audit/").content.decode()
    assert "Page 1 of 2" in first
    second = admin_client_of_cast.get("/settings/audit/?page=2").content.decode()
    assert second.count("test.thing.done</code>") == 5


def test_the_audit_trail_runs_a_constant_number_of_queries(admin_client_of_cast, cast):
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_of_cast.get("/settings/audit/").status_code == 200
        return len(ctx)

    log_action("test.thing.done", actor=cast.admin)
    page_queries()  # the first request of all creates the organisation's row
    few = page_queries()
    for _ in range(40):
        user = f.UserFactory()
        log_action("test.thing.done", actor=user, target=user, changes={"a": [1, 2]})
    assert page_queries() == few
    assert AuditEvent.objects.count() > 40
