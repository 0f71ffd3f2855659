"""`ridealong search_reindex`: rebuild the full-text index from engagements, notes, insights,
reflections and answers, printing progress. `--background` hands it to the worker instead."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ridealong.search.models import ReindexRun
from ridealong.search.services import search_reindex
from ridealong.search.tasks import reindex_search


class Command(BaseCommand):
    help = "Rebuild the search index from everything searchable."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue it for `ridealong worker` (progress in the ReindexRun row).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = ReindexRun.objects.create()
        if options["background"]:
            reindex_search.enqueue(run.pk)
            self.stdout.write(f"Queued reindex run {run.pk}; `ridealong worker` runs it.")
            return
        started = time.monotonic()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 1 or done >= total:
                last = now
                percent = 100 * done // total if total else 100
                self.stderr.write(f"\r{done:,}/{total:,} documents ({percent}%)", ending="")
                self.stderr.flush()

        count = search_reindex(run=run, progress=progress)
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count:,} documents in {time.monotonic() - started:.1f} s."
            )
        )
