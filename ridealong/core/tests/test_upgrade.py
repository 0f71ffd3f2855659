"""Renamed apps keep their data: tables, migration history, audit trail and queued tasks."""

import pytest
from django.db import connection

from ridealong.core.audit import log_action
from ridealong.core.models import AuditEvent
from ridealong.core.upgrade import _rename_app, former_labels, rename_former_apps

pytestmark = pytest.mark.django_db


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _migrated_apps() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT app FROM django_migrations")
        return {row[0] for row in cursor.fetchall()}


def test_renamed_apps_name_their_former_labels():
    assert ("program", "seats", "ridealong.seats") in former_labels()
    assert ("analytics", "themes", "ridealong.themes") in former_labels()


def test_it_moves_tables_history_and_audit_trail_to_the_new_label():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE legacy_visit (id integer PRIMARY KEY, note varchar(20))")
        cursor.execute("INSERT INTO legacy_visit (id, note) VALUES (1, 'kept')")
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('legacy', '0001_initial', CURRENT_TIMESTAMP)"
        )
    log_action("legacy.visit.created")
    log_action("legacyother.visit.created")

    assert _rename_app(connection, "legacy", "renamed", "ridealong.renamed") is True

    assert "legacy_visit" not in _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM renamed_visit")
        assert cursor.fetchall() == [("kept",)]
    assert "renamed" in _migrated_apps()
    assert "legacy" not in _migrated_apps()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    # Only the renamed app's own actions move, not an app whose label merely starts alike.
    assert actions == {"renamed.visit.created", "legacyother.visit.created"}


def test_queued_tasks_follow_the_new_module_path():
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('legacy', '0001_initial', CURRENT_TIMESTAMP)"
        )
    queued = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="ridealong.legacy.tasks.recompute",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )

    _rename_app(connection, "legacy", "renamed", "ridealong.renamed")

    queued.refresh_from_db()
    assert queued.task_path == "ridealong.renamed.tasks.recompute"


def test_a_database_already_upgraded_is_left_alone():
    assert rename_former_apps() == []
    assert _rename_app(connection, "nothing", "renamed", "ridealong.renamed") is False
