"""Keeps a database made by an older Ridealong when an app was renamed.

An app that was renamed lists its former labels on its AppConfig (`former_labels = ("program",)`).
Before migrating, its tables, its migration history, its content types and the audit trail's
action names move to the new label, so `ridealong migrate` upgrades without losing anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TASK_TABLE = "django_tasks_database_dbtaskresult"


def former_labels() -> list[tuple[str, str, str]]:
    """(old label, new label, package) for every installed app that was renamed."""
    return [
        (old, config.label, config.name)
        for config in apps.get_app_configs()
        for old in getattr(config, "former_labels", ())
    ]


def rename_former_apps(using: str = "default") -> list[tuple[str, str]]:
    """Move every renamed app's data to its new label; returns the renames done."""
    connection = connections[using]
    done: list[tuple[str, str]] = []
    for old, new, package in former_labels():
        if _rename_app(connection, old, new, package):
            done.append((old, new))
    return done


def _rename_app(connection: BaseDatabaseWrapper, old: str, new: str, package: str) -> bool:
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", [old])
        if not cursor.fetchone()[0]:
            return False
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in _tables_of(tables, old):
            renamed = new + table[len(old) :]
            cursor.execute(f"ALTER TABLE {quote(table)} RENAME TO {quote(renamed)}")
        cursor.execute("UPDATE django_migrations SET app = %s WHERE app = %s", [new, old])
        if "django_content_type" in tables:
            cursor.execute(
                "UPDATE django_content_type SET app_label = %s WHERE app_label = %s", [new, old]
            )
        if "core_auditevent" in tables:
            # Audit actions and targets are named "<app>.<model>[.<verb>]".
            for column in ("action", "target_type"):
                cursor.execute(
                    f"UPDATE core_auditevent SET {column} = %s || SUBSTR({column}, %s) "  # noqa: S608
                    f"WHERE {column} LIKE %s",
                    [new, len(old) + 1, old + ".%"],
                )
        if TASK_TABLE in tables:
            # Tasks still queued name their function by its module path.
            old_package = package.rsplit(".", 1)[0] + "." + old
            cursor.execute(
                f"UPDATE {TASK_TABLE} SET task_path = %s || SUBSTR(task_path, %s) "  # noqa: S608
                "WHERE task_path LIKE %s",
                [package, len(old_package) + 1, old_package + ".%"],
            )
    return True


def _tables_of(tables: Iterable[str], label: str) -> list[str]:
    return sorted(t for t in tables if t.startswith(label + "_"))
