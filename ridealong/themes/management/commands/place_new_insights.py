"""`ridealong place_new_insights`: put insights added since the last run into themes."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ridealong.core.choices import RunStatus
from ridealong.themes.models import ThemeRun
from ridealong.themes.selectors import unplaced_insight_count
from ridealong.themes.services import themes_place_new


class Command(BaseCommand):
    help = (
        "Queue an incremental theme run for insights not yet in a theme (the worker does it). "
        "Run it from cron, e.g. hourly; with --every it repeats on its own."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="repeat every N seconds (0: run once)"
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            waiting = unplaced_insight_count()
            if waiting:
                run: ThemeRun = themes_place_new()
                state = "queued" if run.status == RunStatus.QUEUED else run.status
                self.stdout.write(f"{waiting} insights without a theme: run {run.pk} {state}.")
            else:
                self.stdout.write("Every insight is in a theme.")
            if not every:
                return
            time.sleep(every)
