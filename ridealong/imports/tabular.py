"""Read a CSV or XLSX export into a header and rows, or explain clearly why not.

A plain module (no Django): it takes bytes and returns plain data, so it can be tested and
benchmarked alone. Every problem with the file itself raises `ImportFileError`, whose
message is written for the person who uploaded the file.

Formula-looking cells ("=SUM(A1)", "+HYPERLINK(…)", "@cmd|…") are kept as the text they
are, leading character included, and never evaluated; their positions are listed in
`Table.formula_cells` so the preview can flag them. The danger of such cells is in a later
export to a spreadsheet, which must escape them; changing the data on import would not help.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

Cell = str | int | float | bool | datetime.date | datetime.datetime | None

# A file with more rows than this is split by its owner; it would not fit in memory safely.
MAX_ROWS = 200_000
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}

FORMULA_RE = re.compile(
    r"""^(
        =.+                                   # anything Excel would evaluate
      | [+\-@]\s*\$?[A-Za-z]{1,3}\$?\d+\b     # +A1, -$B$2, @C3
      | [+\-@]\s*[A-Za-z_][\w.]*\s*\(         # +SUM(, -HYPERLINK(, @cmd(
      | [+\-@=]?\s*[A-Za-z]+\|                # DDE: cmd|' /C calc'!A0
    )""",
    re.VERBOSE,
)
EMAIL_LIKE_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_LIKE_RE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
NUMBER_LIKE_RE = re.compile(r"^[+-]?\d+([.,]\d+)?$")


class ImportFileError(Exception):
    """The file cannot be imported; `message` says why, for the person who uploaded it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Table:
    header: list[str]
    # (row number as a spreadsheet shows it, cells in header order)
    rows: list[tuple[int, list[Cell]]]
    file_format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    formula_cells: list[tuple[int, int]] = field(default_factory=list)  # (row, column index)

    @property
    def description(self) -> str:
        if self.file_format == "xlsx":
            return "Excel workbook (first sheet)"
        return (
            f"CSV, {self.encoding}, {DELIMITER_NAMES.get(self.delimiter, self.delimiter)}-separated"
        )


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        value = size / (1024 * 1024)
        return f"{value:.0f} MB" if value == int(value) or value >= 10 else f"{value:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def looks_like_formula(text: str) -> bool:
    return bool(FORMULA_RE.match(text))


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ImportFileError(
            "too_large",
            f"The file is {human_size(size)}; Ridealong imports files up to "
            f"{human_size(max_bytes)}. Split it into smaller files, or leave out columns "
            "you do not need.",
        )


def read_table(data: bytes, *, max_bytes: int) -> Table:
    """Read CSV or XLSX bytes (recognised by content, not by the file name)."""
    check_size(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError("empty", "The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "xls",
            "This is an old Excel (.xls) file or a password-protected workbook. "
            "Save it as .xlsx (without a password) or as CSV and upload it again.",
        )
    if data.startswith(b"%PDF"):
        raise ImportFileError("not_tabular", "This is a PDF. Export a CSV or XLSX file instead.")
    return _read_csv(data)


# --- CSV ---------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-16 (with BOM), UTF-8, Windows-1252, Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ImportFileError(
            "nul_bytes",
            "The file contains NUL bytes, so it is not a text CSV file (is it binary, "
            "or saved as UTF-16 without a byte-order mark?). Export it as CSV (UTF-8) or XLSX.",
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _check_text(text: str) -> None:
    sample = text[:65536]
    if "\x00" in text:
        raise ImportFileError("nul_bytes", "The file contains NUL characters; it is not CSV.")
    controls = sum(
        1 for ch in sample if ch not in "\t\r\n" and unicodedata.category(ch) in {"Cc", "Co"}
    )
    if controls > max(2, len(sample) // 100):
        raise ImportFileError(
            "binary",
            "The file does not look like text: it is neither CSV nor XLSX. "
            "Export the data as CSV or XLSX and upload that.",
        )


def sniff_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon, tab, pipe) that splits the first records most evenly."""
    sample = text[:65536]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        records = [r for r in records[:21] if any(c.strip() for c in r)]
        if len(records) > 1 and len(sample) == 65536:
            records = records[:-1]  # the last one may be cut off
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistency = sum(1 for r in records if len(r) == width) / len(records)
        score = (consistency, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    _check_text(text)
    if text.startswith("ï»¿"):  # a UTF-8 byte-order mark read as Windows-1252
        text = text[3:]
    if not text.strip():
        raise ImportFileError("empty", "The file is empty.")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[Cell]]] = []
    number = 0
    try:
        for record in reader:
            number += 1
            cells = [c.strip() for c in record]
            if header is None:
                if any(cells):
                    header = _clean_header(cells, number)
                continue
            _append_row(rows, number, cells, len(header))
    except csv.Error as exc:
        raise ImportFileError(
            "not_tabular",
            f"Row {number + 1} cannot be read as CSV ({exc}). Is a quote left open?",
        ) from exc
    return _finish(Table(header or [], rows, "csv", encoding=encoding, delimiter=delimiter))


# --- XLSX --------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
            raise ImportFileError(
                "not_tabular",
                "This is an OpenDocument spreadsheet (.ods). Save it as .xlsx or CSV.",
            )
        if "xl/workbook.xml" not in names:
            raise ImportFileError(
                "not_tabular", "This is a ZIP archive, not an Excel workbook or a CSV file."
            )
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            "bad_xlsx", "This Excel file is damaged or incomplete; save it again and retry."
        ) from exc

    import openpyxl  # imported here: CSV imports never need it

    try:
        # data_only=False: a formula cell comes back as its text, never as a computed value.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(
            "bad_xlsx", "This Excel file could not be read; save it again as .xlsx or CSV."
        ) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError("empty", "The workbook has no sheets.")
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, list[Cell]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_xlsx_cell(v) for v in values]
                if header is None:
                    if any(c not in (None, "") for c in cells):
                        header = _clean_header([_header_text(c) for c in cells], number)
                    continue
                _append_row(rows, number, cells, len(header))
        except ImportFileError:
            raise
        except Exception as exc:
            raise ImportFileError(
                "bad_xlsx", "This Excel file could not be read; save it again as .xlsx or CSV."
            ) from exc
    finally:
        workbook.close()
    return _finish(Table(header or [], rows, "xlsx"))


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.replace("\x00", "").strip()
        return value or None
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    if isinstance(value, bool | int | float | datetime.date):
        return value
    if isinstance(value, datetime.time):
        return value.isoformat()
    return str(value)


def _header_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# --- shared ------------------------------------------------------------------------------


def _clean_header(cells: list[str], number: int) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    header = [c or f"Column {i + 1}" for i, c in enumerate(cells)]
    for cell in header:
        if EMAIL_LIKE_RE.match(cell) or DATE_LIKE_RE.match(cell) or NUMBER_LIKE_RE.match(cell):
            raise ImportFileError(
                "no_header",
                f"Row {number} holds data (“{cell[:60]}”), not column names. Add a first row "
                "with the column names, such as First Name, Last Name, Work Email.",
            )
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for i, cell in enumerate(header):
        key = cell.casefold()
        if key in seen:
            duplicates.append(f"“{cell}” (columns {seen[key] + 1} and {i + 1})")
        else:
            seen[key] = i
    if duplicates:
        raise ImportFileError(
            "duplicate_headers",
            "Each column needs its own name, but the header repeats "
            + ", ".join(duplicates)
            + ". Rename or remove the repeated column and upload again.",
        )
    return header


def _append_row(rows: list[tuple[int, list[Cell]]], number: int, cells: list, width: int) -> None:
    cells = [None if c == "" else c for c in cells[:width]]
    if all(c is None for c in cells):
        return
    if len(rows) >= MAX_ROWS:
        raise ImportFileError(
            "too_many_rows",
            f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.",
        )
    cells.extend([None] * (width - len(cells)))
    rows.append((number, cells))


def _finish(table: Table) -> Table:
    if not table.header:
        raise ImportFileError("no_header", "The file has no header row and no data.")
    if not table.rows:
        raise ImportFileError(
            "no_rows", "The file has a header row but no data rows: there is nothing to import."
        )
    table.formula_cells = [
        (number, i)
        for number, cells in table.rows
        for i, cell in enumerate(cells)
        if isinstance(cell, str) and cell[:1] in "=+-@" and looks_like_formula(cell)
    ]
    return table
