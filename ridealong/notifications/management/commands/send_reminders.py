"""`ridealong send_reminders`: e-mail everyone with a confirmed seat tomorrow.

Idempotent (one reminder per seat and date), so run it from cron once a day or every hour:
    0 * * * *  ridealong send_reminders
or beside the worker without cron: `ridealong send_reminders --every 3600`.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ridealong.notifications.management.commands._loop import add_every, run
from ridealong.notifications.services import reminders_send


class Command(BaseCommand):
    help = "Queue reminders for tomorrow's seats (the worker sends them). Safe to repeat."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_every(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run(self, options["every"], lambda: f"{reminders_send()} reminder(s) queued")
