"""`--every SECONDS` for the periodic commands: run once, or keep running where cron is absent."""

import time
from argparse import ArgumentParser
from collections.abc import Callable

from django.core.management.base import BaseCommand
from django.db import close_old_connections


def add_every(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--every",
        type=float,
        default=0,
        metavar="SECONDS",
        help="Repeat every SECONDS until stopped (for containers without cron). Default: once.",
    )


def run(command: BaseCommand, every: float, once: Callable[[], str]) -> None:
    while True:
        command.stdout.write(once())
        if not every:
            return
        close_old_connections()
        time.sleep(every)
