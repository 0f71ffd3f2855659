"""`ridealong worker`: runs background tasks (imports of large files, and later digests).

A thin layer over django-tasks-db's `db_worker` with defaults that suit Ridealong: every
queue, a check for new work each second, no autoreload. Every `db_worker` option passes
through (`--batch`, `--max-tasks`, `--queue-name`, `--interval`, …). SIGINT and SIGTERM
let the running task finish, then stop.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from ridealong.core import serving


class Command(DbWorkerCommand):
    help = (
        "Run Ridealong's background tasks (all queues by default). "
        "Ctrl-C or SIGTERM stops it after the running task."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", interval=1.0, reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        # Tasks run against the current schema; an unmigrated database fails on the first one.
        if pending := serving.pending_migrations():
            raise CommandError(
                f"{len(pending)} migration(s) not applied (e.g. {pending[0]}): "
                "run `ridealong migrate` first."
            )
        super().handle(*args, **options)
