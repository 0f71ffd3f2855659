"""Small builders for import tests: CSV and XLSX bytes from rows."""

import csv
import io
from collections.abc import Sequence
from typing import Any

import openpyxl

PEOPLE_HEADER = [
    "First Name",
    "Last Name",
    "Work Email",
    "Department",
    "Job Title",
    "Manager Email",
]


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\r\n",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]], *, sheets: int = 1) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for index in range(1, sheets):
        workbook.create_sheet(f"Other {index}").append(["Not", "this", "sheet"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def people_csv(*rows: Sequence[Any], header: Sequence[str] = PEOPLE_HEADER) -> bytes:
    return csv_bytes([header, *rows])
