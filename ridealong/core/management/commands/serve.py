"""`ridealong serve`: Ridealong in production, through gunicorn.

Warns when migrations are pending (it does not apply them: that is a deliberate step in a
deployment), collects static files when they are stale, then replaces itself with gunicorn,
so a process supervisor's signals reach gunicorn directly. Access log on stdout.
"""

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from ridealong.core import serving


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Serve Ridealong with gunicorn (production)."

    def add_arguments(self, parser: CommandParser | ArgumentParser) -> None:
        parser.add_argument(
            "--bind",
            default=serving.default_bind(),
            help="Address to listen on (default: $BIND or 0.0.0.0:8000).",
        )
        parser.add_argument(
            "--workers",
            type=positive_int,
            default=None,
            help="Worker processes (default: $WEB_CONCURRENCY or 2 × cores + 1, at most 8).",
        )
        parser.add_argument(
            "--timeout",
            type=positive_int,
            default=int(os.environ.get("GUNICORN_TIMEOUT", "30")),
            help="Seconds before a silent worker is restarted (default: 30).",
        )

    def handle(self, *args: Any, bind: str, workers: int | None, timeout: int, **options: Any):
        pending = serving.pending_migrations()
        if pending:
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: {len(pending)} migration(s) not applied "
                    f"(e.g. {pending[0]}). Run `ridealong migrate` before serving."
                )
            )
        if serving.collectstatic_if_needed():
            self.stdout.write("Collected static files.")
        argv = serving.gunicorn_argv(
            bind=bind, workers=workers or serving.default_workers(), timeout=timeout
        )
        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 (our own interpreter, our own arguments)
