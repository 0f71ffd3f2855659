"""`ridealong send_pending_emails`: send every queued e-mail that is due.

The worker sends each e-mail right after commit; this is the safety net for a task that was
lost, a queue that was down, or retries on a task backend that cannot defer. Idempotent.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ridealong.notifications.management.commands._loop import add_every, run
from ridealong.notifications.outbox import send_pending


class Command(BaseCommand):
    help = "Send queued e-mails that are due (retries included). Safe to run at any time."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_every(parser)
        parser.add_argument("--limit", type=int, default=500, help="At most this many per run.")

    def handle(self, *args: Any, **options: Any) -> None:
        def once() -> str:
            counts = send_pending(limit=options["limit"])
            return (
                f"{counts['sent']} sent, {counts['retry']} to retry, "
                f"{counts['failed']} failed, {counts['skipped']} skipped"
            )

        run(self, options["every"], once)
