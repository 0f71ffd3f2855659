"""`ridealong analyze themes|sentiment FILE.csv --text-column COL --out OUT.csv`.

For analysts with an export in hand: the same models as the Themes page, on any CSV of texts.
Progress goes to stderr; exit code 0 on success, 1 on a problem with the input (the message
says what), 2 on wrong arguments.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ridealong.language import embeddings
from ridealong.themes.csvfiles import AnalyzeError, analyze_sentiment, analyze_themes


class Command(BaseCommand):
    help = (
        "Add themes (theme_id, theme_name) or sentiment (sentiment, score from -1 to 1) to "
        "each row of a CSV file of texts. Offline; the number of themes is chosen automatically."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("analysis", choices=["themes", "sentiment"])
        parser.add_argument("file", type=Path, help="a UTF-8 CSV file (with or without BOM)")
        parser.add_argument("--text-column", required=True, help="the column holding the texts")
        parser.add_argument("--out", required=True, type=Path, help="the CSV file to write")
        parser.add_argument(
            "--themes", type=int, default=None, help="themes: a fixed number instead of automatic"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        out: Path = options["out"]
        if out.resolve() == source.resolve():
            raise CommandError("--out must be another file than the input.")

        def progress(message: str) -> None:
            print(message, file=sys.stderr, flush=True)

        try:
            if options["analysis"] == "sentiment":
                counts = analyze_sentiment(source, options["text_column"], out, progress)
                summary = (
                    f"{counts['rows']:,} rows: {counts['negative']:,} negative, "
                    f"{counts['neutral']:,} neutral, {counts['positive']:,} positive"
                )
            else:
                encode = embeddings.encoder()
                progress(f"model: {embeddings.model_name()}")
                number = options["themes"]
                if number is not None and number < 1:
                    raise CommandError("--themes must be at least 1.")
                result = analyze_themes(
                    source, options["text_column"], out, progress, k=number, vectors_for=encode
                )
                summary = f"{len(result.labels):,} rows in {len(result.themes)} themes"
        except AnalyzeError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{summary}; wrote {out}")
