"""Themes and sentiment for any CSV of texts (the `ridealong analyze` command). No Django.

Reads UTF-8 with or without a byte-order mark (the delimiter is sniffed: comma, semicolon or
tab), keeps every column and row as it was and adds the result columns at the end.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ridealong.language import sentiment, themes

if TYPE_CHECKING:
    import numpy as np

Progress = Callable[[str], None]


class AnalyzeError(Exception):
    """A problem with the input that the user can fix; the message says how."""


def read_table(path: Path, column: str) -> tuple[list[str], list[list[str]], int]:
    """Header, rows, and the index of the text column."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AnalyzeError(f"No such file: {path}") from None
    except OSError as error:
        raise AnalyzeError(f"Cannot read {path}: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnalyzeError(
            f"{path} is not UTF-8 (byte {error.start}): save it as UTF-8 CSV and try again."
        ) from None
    if not text.strip():
        raise AnalyzeError(f"{path} is empty: it needs a header row and at least one row.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(text.splitlines(), dialect) if any(c.strip() for c in row)]
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    if column not in header:
        folded = [h.casefold() for h in header]
        if column.casefold() in folded:
            index = folded.index(column.casefold())
        else:
            available = ", ".join(f'"{h}"' for h in header)
            raise AnalyzeError(f'No column "{column}" in {path}. Available columns: {available}.')
    else:
        index = header.index(column)
    if not body:
        raise AnalyzeError(f"{path} has a header but no rows to analyse.")
    return header, body, index


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as error:
        raise AnalyzeError(f"Cannot write {path}: {error.strerror}") from None


def analyze_sentiment(
    source: Path, column: str, out: Path, progress: Progress | None = None
) -> dict[str, int]:
    header, rows, index = read_table(source, column)
    counts = dict.fromkeys(sentiment.LABELS, 0)
    result_rows = []
    for number, row in enumerate(rows, start=1):
        value = sentiment.score_one(_cell(row, index))
        counts[value.label] += 1
        result_rows.append([*row, value.label, f"{value.score:.4f}"])
        if progress and (number % 1000 == 0 or number == len(rows)):
            progress(f"scored {number:,} of {len(rows):,} rows")
    write_table(out, [*header, "sentiment", "score"], result_rows)
    return {"rows": len(rows), **counts}


def analyze_themes(
    source: Path,
    column: str,
    out: Path,
    progress: Progress | None = None,
    k: int | None = None,
    vectors_for: Callable[[list[str]], np.ndarray] | None = None,
) -> themes.ThemeResult:
    header, rows, index = read_table(source, column)
    texts = [_cell(row, index) for row in rows]
    if progress:
        progress(f"read {len(texts):,} rows")
    last = [-1]

    def step(what: str, done: float) -> None:
        percent = int(done * 100)
        if progress and percent // 10 != last[0]:
            last[0] = percent // 10
            progress(f"{what}: {percent}%")

    vectors = vectors_for(texts) if vectors_for else None
    result = themes.find_themes(texts, k=k, vectors=vectors, progress=step)
    names = {t.id: t.name for t in result.themes}
    result_rows = [
        [*row, str(label), names[label]] for row, label in zip(rows, result.labels, strict=True)
    ]
    write_table(out, [*header, "theme_id", "theme_name"], result_rows)
    return result
