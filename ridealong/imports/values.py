"""Turn the cells of an export into values: text, dates, yes/no, money, names, e-mail.

A plain module (no Django). Functions raise `ValueError` with a message for the preview
when a cell cannot be understood.

Dates: ISO (2024-03-01), numbers with / . or - (01/03/2024, 1.3.24), month names
(1 Mar 2024, March 1, 2024, 01-Mar-2024), Excel date cells and Excel serial numbers
(45352). For numeric dates that could be day/month or month/day, one rule per file:
`detect_date_order` looks at every numeric date in the file; a first part above 12 proves
day/month, a second part above 12 proves month/day; if nothing proves either, day/month is
assumed (the preview says so, and the user can choose the other order).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

DMY = "dmy"
MDY = "mdy"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janv", "januar", "enero"),
            ("feb", "february", "fev", "fevr", "februar", "febrero"),
            ("mar", "march", "mars", "marz", "maerz", "marzo"),
            ("apr", "april", "avr", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "juni", "junio"),
            ("jul", "july", "juil", "juillet", "juli", "julio"),
            ("aug", "august", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "oktober", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "dezember", "diciembre"),
        ],
        start=1,
    )
    for name in names
}

ISO_RE = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:z|[+-]\d\d:?\d\d)?)?$", re.IGNORECASE
)
NUMERIC_RE = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[T ][\d:.]+)?$", re.IGNORECASE
)
COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DAY_MONTH_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[-\s./]+([a-z]+)\.?,?[-\s./]+(\d{2}|\d{4})$")
MONTH_DAY_RE = re.compile(r"^([a-z]+)\.?[-\s./]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s./]+(\d{4})$")
SERIAL_RE = re.compile(r"^\d{5}(\.0+)?$")
WEEKDAY_RE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 is 1900-01-01, with Excel's 1900 leap bug
SERIAL_MIN, SERIAL_MAX = 10_000, 80_000  # 1927 … 2119: beyond that a number is not a date
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# Placeholders exports write for "no value".
EMPTY_WORDS = {"n/a", "na", "-", "--", "—", "none", "null", "unknown", "tbd", "?"}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in {"", *EMPTY_WORDS})


def text(cell: object) -> str:
    """A cell as text: numbers without a spurious ".0", dates in ISO form."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.isoformat()
    return str(cell).strip()


def _year(value: str) -> int:
    year = int(value)
    if len(value) == 2:
        year += 2000 if year < 70 else 1900
    return year


def numeric_date_parts(value: object) -> tuple[int, int] | None:
    """The first two parts of a numeric date like 03/04/2024, for detecting the order."""
    if not isinstance(value, str):
        return None
    match = NUMERIC_RE.match(value.strip())
    return (int(match[1]), int(match[2])) if match else None


def detect_date_order(values: list[object]) -> tuple[str, bool]:
    """(order, proven): the day/month order the file's numeric dates use.

    `proven` is False when no date in the file settles it and day/month is assumed.
    When the file holds evidence for both orders, the more frequent one wins; the dates
    that do not fit it are then rejected as not understood.
    """
    day_first = month_first = 0
    for value in values:
        parts = numeric_date_parts(value)
        if parts is None:
            continue
        if parts[0] > 12 >= parts[1]:
            day_first += 1
        elif parts[1] > 12 >= parts[0]:
            month_first += 1
    if month_first > day_first:
        return MDY, True
    return DMY, bool(day_first)


def parse_date(value: object, order: str = DMY) -> datetime.date | None:
    """A date from a cell; None for an empty cell; ValueError when not understood."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a date")
    if isinstance(value, int | float):
        return _serial(value, str(value))
    raw = str(value).strip()
    cleaned = WEEKDAY_RE.sub("", raw.lower())
    try:
        if match := ISO_RE.match(cleaned):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := COMPACT_RE.match(cleaned):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := NUMERIC_RE.match(cleaned):
            first, second, year = int(match[1]), int(match[2]), _year(match[3])
            day, month = (first, second) if order == DMY else (second, first)
            return datetime.date(year, month, day)
        if (match := DAY_MONTH_RE.match(cleaned)) and match[2] in MONTHS:
            return datetime.date(_year(match[3]), MONTHS[match[2]], int(match[1]))
        if (match := MONTH_DAY_RE.match(cleaned)) and match[1] in MONTHS:
            return datetime.date(int(match[3]), MONTHS[match[1]], int(match[2]))
        if SERIAL_RE.match(cleaned):
            return _serial(float(cleaned), raw)
    except ValueError:
        pass
    hint = "day/month" if order == DMY else "month/day"
    raise ValueError(
        f"“{raw[:40]}” is not a date Ridealong understands "
        f"(use 2024-03-01; numeric dates in this file are read as {hint})"
    )


def _serial(number: float, raw: str) -> datetime.date:
    if not SERIAL_MIN <= number <= SERIAL_MAX:
        raise ValueError(f"“{raw[:40]}” is not a date Ridealong understands (use 2024-03-01)")
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


TRUE_WORDS = {"true", "yes", "y", "1", "x", "on", "checked", "opted out", "optedout", "t"}
FALSE_WORDS = {"false", "no", "n", "0", "off", "", "unchecked", "f", "-"}


def parse_flag(value: object) -> bool:
    """Yes/no columns such as Do Not Contact or Email Opt Out."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"“{text(value)[:40]}” is not yes or no")


ACTIVE_WORDS = {
    "active", "yes", "y", "true", "1", "employed", "current", "on leave", "leave",
    "leave of absence", "onboarding", "probation", "full-time", "full time", "fulltime",
    "part-time", "part time", "parttime", "contractor", "contract", "intern", "temporary",
    "temp", "freelance", "permanent", "regular", "hired", "x",
}  # fmt: skip
INACTIVE_WORDS = {
    "inactive", "no", "n", "false", "0", "terminated", "former", "left", "resigned",
    "retired", "deactivated", "disabled", "offboarded", "ex-employee", "not active",
    "separated", "dismissed", "deceased", "withdrawn",
}  # fmt: skip


def parse_active(value: object) -> bool | None:
    """An employment status as active or not; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    word = " ".join(text(value).lower().split())
    if word in ACTIVE_WORDS:
        return True
    if word in INACTIVE_WORDS:
        return False
    raise ValueError(f"“{text(value)[:40]}” is neither active nor inactive")


CURRENCY_RE = re.compile(r"[A-Za-z$€£¥₹\s'’_]")
SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
MAX_MONEY = Decimal(10) ** 14  # the column holds 16 digits, two of them after the point


def parse_money(value: object) -> Decimal | None:
    """An amount such as 1,200,000 or 1.200.000,50 or $1.2M; None for an empty cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not an amount")
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        raw = text(value)
        lowered = raw.lower().rstrip(". ")
        multiplier = Decimal(1)
        for suffix in ("mn", "bn"):
            if lowered.endswith(suffix):
                lowered = lowered[:-1]
        if lowered[-1:] in SUFFIXES and re.search(r"\d\s*[kmb]$", lowered):
            multiplier = SUFFIXES[lowered[-1]]
            lowered = lowered[:-1]
        number = CURRENCY_RE.sub("", lowered)
        mark = _decimal_mark(number, scaled=multiplier != 1)
        if mark == ",":
            number = number.replace(".", "").replace(",", ".")
        elif mark == ".":
            number = number.replace(",", "")
        else:
            number = number.replace(",", "").replace(".", "")
        try:
            amount = Decimal(number) * multiplier
        except InvalidOperation:
            raise ValueError(f"“{raw[:40]}” is not an amount") from None
    if not amount.is_finite():
        raise ValueError(f"“{text(value)[:40]}” is not an amount")
    if amount < 0:
        raise ValueError(f"“{text(value)[:40]}” is negative")
    if amount >= MAX_MONEY:
        raise ValueError(f"“{text(value)[:40]}” is too large")
    return amount.quantize(Decimal("0.01"))


def _decimal_mark(number: str, *, scaled: bool) -> str:
    """Which of , and . separates the decimals ("" when neither does)."""
    if "," in number and "." in number:
        return "," if number.rfind(",") > number.rfind(".") else "."
    for mark in (",", "."):
        # "1,200" and "1.200" group thousands; "1,5", "1.50" and "1.2k" have decimals.
        if number.count(mark) == 1 and (scaled or not re.search(rf"\{mark}\d{{3}}$", number)):
            return mark
    return ""


def split_name(full: str) -> tuple[str, str]:
    """("Ann Marie", "Able") from "Ann Marie Able" or from "Able, Ann Marie"."""
    full = " ".join(full.split())
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    first, _, last = full.rpartition(" ")
    if not first:
        return last, ""
    return first, last


def is_email(value: str) -> bool:
    return len(value) <= 254 and bool(EMAIL_RE.match(value))
