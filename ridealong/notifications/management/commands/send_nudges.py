"""`ridealong send_nudges`: the weekly nudge to people behind their standard.

Each gets three open seats that fit them, at most once per ISO week, so running it daily is
safe. From cron, Monday morning:  0 8 * * 1  ridealong send_nudges
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ridealong.notifications.management.commands._loop import add_every, run
from ridealong.notifications.services import nudges_send


class Command(BaseCommand):
    help = "Queue the weekly nudge (open seats) for people behind their standard. Once a week."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_every(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        run(self, options["every"], lambda: f"{nudges_send()} nudge(s) queued")
