"""Cell values: dates in the usual formats, the day/month rule, amounts, yes/no, names."""

import datetime
from decimal import Decimal

import pytest

from ridealong.imports import values

MARCH_1 = datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    "cell",
    [
        "2024-03-01",
        "2024/03/01",
        "2024-03-01T00:00:00Z",
        "2024-03-01 09:30:00",
        "20240301",
        "01/03/2024",
        "1.3.2024",
        "01-03-24",
        "1 Mar 2024",
        "1 March 2024",
        "01-Mar-2024",
        "1st March 2024",
        "March 1, 2024",
        "Mar 1 2024",
        "Friday, 1 March 2024",
        "45352",
        45352,
        45352.0,
        datetime.date(2024, 3, 1),
        datetime.datetime(2024, 3, 1, 0, 0),
    ],
)
def test_it_reads_dates_in_the_usual_formats(cell):
    assert values.parse_date(cell, values.DMY) == MARCH_1


def test_it_reads_numeric_dates_month_first_when_told():
    assert values.parse_date("03/01/2024", values.MDY) == MARCH_1
    assert values.parse_date("03/01/2024", values.DMY) == datetime.date(2024, 1, 3)


@pytest.mark.parametrize("cell", [None, "", "  ", "N/A", "-"])
def test_an_empty_date_is_none(cell):
    assert values.parse_date(cell) is None


@pytest.mark.parametrize("cell", ["soon", "31/02/2024", "2024", "13/13/2024", "1 Smarch 2024", 99])
def test_it_rejects_what_is_not_a_date(cell):
    with pytest.raises(ValueError, match="not a date"):
        values.parse_date(cell)


def test_a_day_above_12_proves_day_first():
    assert values.detect_date_order(["01/02/2024", "25/12/2023", None]) == (values.DMY, True)


def test_a_second_part_above_12_proves_month_first():
    assert values.detect_date_order(["01/02/2024", "12/25/2023"]) == (values.MDY, True)


def test_nothing_proven_assumes_day_first():
    assert values.detect_date_order(["01/02/2024", "2024-05-06", "3 Mar 2024"]) == (
        values.DMY,
        False,
    )


def test_mixed_evidence_follows_the_majority():
    dates = ["25/12/2023", "31/01/2024", "12/25/2023"]
    assert values.detect_date_order(dates) == (values.DMY, True)


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("1,200,000", "1200000"),
        ("1.200.000,50", "1200000.50"),
        ("1 200 000", "1200000"),
        ("$1.2M", "1200000"),
        ("€ 950k", "950000"),
        ("EUR 5,000,000", "5000000"),
        ("1200000.5", "1200000.50"),
        ("3,5", "3.50"),
        ("2.5 bn", "2500000000"),
        (1500000, "1500000"),
        (1.5e6, "1500000"),
    ],
)
def test_it_reads_amounts(cell, amount):
    assert values.parse_money(cell) == Decimal(amount)


@pytest.mark.parametrize(("cell", "reason"), [("-5", "negative"), ("lots", "not an amount")])
def test_it_rejects_bad_amounts(cell, reason):
    with pytest.raises(ValueError, match=reason):
        values.parse_money(cell)


@pytest.mark.parametrize(("cell", "active"), [("Active", True), ("Full-Time", True),
                                               ("Terminated", False), ("inactive", False),
                                               ("On Leave", True), ("", None)])  # fmt: skip
def test_it_reads_employment_status(cell, active):
    assert values.parse_active(cell) is active


def test_it_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="neither active nor inactive"):
        values.parse_active("Maybe")


@pytest.mark.parametrize(
    ("cell", "flag"),
    [("true", True), ("Yes", True), ("1", True), ("false", False), ("", False), (0, False)],
)
def test_it_reads_yes_no_flags(cell, flag):
    assert values.parse_flag(cell) is flag


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Ann Marie Able", ("Ann Marie", "Able")),
        ("Able, Ann", ("Ann", "Able")),
        ("Cher", ("Cher", "")),
        ("  Ann   Able ", ("Ann", "Able")),
    ],
)
def test_it_splits_full_names(full, parts):
    assert values.split_name(full) == parts


def test_numbers_from_workbooks_read_as_text_without_a_decimal_point():
    assert values.text(1001.0) == "1001"
    assert values.text(datetime.date(2024, 3, 1)) == "2024-03-01"
