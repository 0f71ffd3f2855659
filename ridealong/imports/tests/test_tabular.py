"""Reading CSV and XLSX files: encodings, delimiters, and clear errors for bad files."""

import datetime
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ridealong.imports.tabular import ImportFileError, looks_like_formula, read_table
from ridealong.imports.tests.helpers import csv_bytes, xlsx_bytes

LIMIT = 50 * 1024 * 1024


def read(data: bytes, limit: int = LIMIT):
    return read_table(data, max_bytes=limit)


def problem(data: bytes, limit: int = LIMIT) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        read(data, limit)
    return info.value


ROWS = [["Name", "City"], ["Zoë Äström", "Köln"], ["José Núñez", "Málaga"]]


def test_it_reads_utf8():
    table = read(csv_bytes(ROWS))
    assert table.encoding == "UTF-8"
    assert table.header == ["Name", "City"]
    assert table.rows == [(2, ["Zoë Äström", "Köln"]), (3, ["José Núñez", "Málaga"])]


def test_it_reads_utf8_with_a_byte_order_mark():
    table = read(b"\xef\xbb\xbf" + csv_bytes(ROWS))
    assert table.header == ["Name", "City"]  # no BOM glued to the first header
    assert table.rows[0][1] == ["Zoë Äström", "Köln"]


def test_it_reads_latin1():
    table = read(csv_bytes(ROWS, encoding="latin-1"))
    assert table.encoding in {"Windows-1252", "Latin-1"}
    assert table.rows[1][1] == ["José Núñez", "Málaga"]


def test_it_reads_windows_1252_with_euro_sign_and_curly_quotes():
    rows = [["Name", "Note"], ["Ann", "“Budget” is 5 000 € – ‘soon’"]]
    table = read(csv_bytes(rows, encoding="cp1252"))
    assert table.encoding == "Windows-1252"
    assert table.rows[0][1] == ["Ann", "“Budget” is 5 000 € – ‘soon’"]


def test_it_reads_latin1_bytes_that_windows_1252_leaves_undefined():
    data = "Name,Note\nAnn,caf\xe9\n".encode("latin-1") + b"Bob,x\x81y\n"
    table = read(data)
    assert table.encoding == "Latin-1"
    assert table.rows[0][1] == ["Ann", "café"]


def test_it_reads_utf16_with_a_byte_order_mark():
    table = read(csv_bytes(ROWS, encoding="utf-16", delimiter="\t"))
    assert table.encoding == "UTF-16"
    assert table.rows[0][1] == ["Zoë Äström", "Köln"]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_it_reads_any_line_ending(newline):
    table = read(csv_bytes(ROWS, newline=newline))
    assert [cells for _, cells in table.rows] == [ROWS[1], ROWS[2]]


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")])
def test_it_detects_the_delimiter(delimiter, name):
    rows = [["First", "Last", "Amount"], ["Ann", "Able", "1,5"], ["Bob", "Baker", "2,25"]]
    table = read(csv_bytes(rows, delimiter=delimiter))
    assert table.header == ["First", "Last", "Amount"]
    assert table.rows[0][1] == ["Ann", "Able", "1,5"]
    assert name in table.description


def test_it_reads_quoted_fields_with_delimiters_quotes_and_newlines():
    data = b'Name,Notes\r\n"Able, Ann","She said ""hi""\r\nand left"\r\n'
    table = read(data)
    assert table.rows == [(2, ["Able, Ann", 'She said "hi"\r\nand left'])]


def test_it_skips_blank_rows_but_keeps_spreadsheet_row_numbers():
    table = read(b"Name,City\n\nAnn,Leeds\n,\nBob,York\n")
    assert [number for number, _ in table.rows] == [3, 5]


def test_it_pads_short_rows_and_trims_whitespace():
    table = read(b"Name,City,Country\n  Ann  ,Leeds\n")
    assert table.rows == [(2, ["Ann", "Leeds", None])]


def test_it_refuses_an_empty_file():
    assert problem(b"").code == "empty"
    assert problem(b"  \r\n\r\n").message == "The file is empty."


def test_it_refuses_a_header_without_rows():
    error = problem(b"First Name,Last Name,Work Email\r\n")
    assert error.code == "no_rows"
    assert "no data rows" in error.message


def test_it_refuses_a_file_without_a_header():
    error = problem(b"ann@example.com,Ann,Able\nbob@example.com,Bob,Baker\n")
    assert error.code == "no_header"
    assert "ann@example.com" in error.message


def test_it_names_duplicate_headers():
    error = problem(b"Name,Email,Title,email\nAnn,a@x.com,Eng,b@x.com\n")
    assert error.code == "duplicate_headers"
    assert "“email” (columns 2 and 4)" in error.message


def test_it_states_the_size_limit():
    error = problem(b"Name\n" + b"x" * 2000 + b"\n", limit=1024)
    assert error.code == "too_large"
    assert "up to 1 KB" in error.message


def test_it_states_the_limit_in_megabytes():
    error = problem(b"x" * (LIMIT + 1))
    assert "up to 50 MB" in error.message


def test_it_refuses_nul_bytes():
    error = problem(b"Name,City\nAnn\x00,Leeds\n")
    assert error.code == "nul_bytes"


def test_it_refuses_binary_garbage():
    garbage = bytes(range(1, 32)) * 200 + bytes(range(128, 160)) * 200
    assert problem(garbage).code == "binary"


def test_it_refuses_a_pdf():
    assert "PDF" in problem(b"%PDF-1.7 ...").message


def test_it_refuses_an_old_excel_file():
    error = problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert error.code == "xls"
    assert ".xlsx" in error.message


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "ZIP archive" in problem(buffer.getvalue()).message


def test_it_refuses_a_damaged_workbook():
    data = xlsx_bytes([["Name"], ["Ann"]])
    assert problem(data[: len(data) // 2]).code == "bad_xlsx"


def test_it_reads_the_first_sheet_of_a_workbook_with_dates_as_dates():
    data = xlsx_bytes(
        [
            ["Employee ID", "Name", "Hire Date", "Salary"],
            [1001, "Ann Able", datetime.date(2024, 3, 1), 50000.0],
            [1002, "Bob Baker", datetime.datetime(2023, 1, 15, 0, 0), None],
        ],
        sheets=2,
    )
    table = read(data)
    assert table.file_format == "xlsx"
    assert table.header == ["Employee ID", "Name", "Hire Date", "Salary"]
    assert table.rows[0] == (2, [1001, "Ann Able", datetime.date(2024, 3, 1), 50000.0])
    assert table.rows[1][1][2] == datetime.date(2023, 1, 15)


def test_it_keeps_workbook_formulas_as_text_and_flags_them():
    data = xlsx_bytes([["Name", "Title"], ["Ann", "=1+1"], ["Bob", "Engineer"]])
    table = read(data)
    assert table.rows[0][1] == ["Ann", "=1+1"]  # the formula, not 2
    assert table.formula_cells == [(2, 1)]


def test_it_flags_formula_looking_cells_and_keeps_them_verbatim():
    data = csv_bytes(
        [
            ["Name", "Title", "Phone"],
            ["Ann", '=HYPERLINK("http://evil","x")', "+44 113 000 0001"],
            ["Bob", "@SUM(A1:A2)", "-5"],
            ["Cid", "+cmd|' /C calc'!A0", "555-0100"],
        ]
    )
    table = read(data)
    assert table.rows[0][1][1] == '=HYPERLINK("http://evil","x")'
    assert table.formula_cells == [(2, 1), (3, 1), (4, 1)]


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=A1", True),
        ("+A1", True),
        ("-SUM(A1:A3)", True),
        ("@IF(1,2)", True),
        ("=", False),
        ("+44 20 7946 0000", False),
        ("-5", False),
        ("- Sales", False),
        ("@ann", False),
        ("Engineer", False),
    ],
)
def test_it_tells_formulas_from_phone_numbers_and_handles(text, formula):
    assert looks_like_formula(text) is formula


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_a_table_or_a_clear_error(data):
    try:
        table = read(data)
    except ImportFileError as error:
        message = error.message
        assert message
    else:
        assert table.header
        assert table.rows
        assert all(len(cells) == len(table.header) for _, cells in table.rows)


@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_any_text_table_gives_a_table_or_a_clear_error(rows):
    try:
        read(csv_bytes(rows))
    except ImportFileError as error:
        message = error.message
        assert message
