"""`ridealong worker`: runs background tasks (imports of large files, and later digests).

A thin layer over django-tasks-db's `db_worker` with defaults that suit Ridealong: every
queue, a check for new work each second, no autoreload. Every `db_worker` option passes
through (`--batch`, `--max-tasks`, `--queue-name`, `--interval`, …). SIGINT and SIGTERM
let the running task finish, then stop.
"""

from argparse import ArgumentParser

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = (
        "Run Ridealong's background tasks (all queues by default). "
        "Ctrl-C or SIGTERM stops it after the running task."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", interval=1.0, reload=False)
