"""RFC 5545 recurrence rules read in a local time zone (no Django imports).

A rule repeats the first occurrence's local wall-clock time: "9:00 on weekdays" stays 9:00 in
Berlin across the change to and from summer time, so its UTC time moves by an hour.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.rrule import DAILY, rrule, rrulestr

# No more than this many occurrences are generated from one rule at a time.
MAX_OCCURRENCES = 400
UTC = datetime.UTC


class RecurrenceError(ValueError):
    """The rule is not one we can use; the message says why in plain words."""


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime  # aware, UTC
    ends_at: datetime.datetime  # aware, UTC


def _clean(text: str) -> str:
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return text.strip()


def parse_rule(text: str, *, first_local: datetime.datetime) -> rrule:
    """The rule for a naive local first start, or RecurrenceError with a reason."""
    text = _clean(text)
    if "\x00" in text or "\n" in text or "\r" in text:
        raise RecurrenceError("Write one RRULE line, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR.")
    if "DTSTART" in text.upper():
        raise RecurrenceError("Leave DTSTART out: the first start is the start above.")
    try:
        rule = rrulestr(text, dtstart=first_local, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise RecurrenceError(
            f"This is not a recurrence rule we understand ({error}); "
            "e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR or FREQ=WEEKLY;INTERVAL=2;COUNT=6."
        ) from None
    if not isinstance(rule, rrule):
        raise RecurrenceError("Write a single rule, without RDATE or EXDATE lines.")
    if rule._freq > DAILY:  # HOURLY, MINUTELY, SECONDLY
        raise RecurrenceError("Repeat at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY).")
    if rule._interval < 1 or rule._interval > 366:
        raise RecurrenceError("INTERVAL is between 1 and 366.")
    return rule


def validate(text: str, *, first_local: datetime.datetime) -> None:
    rule = parse_rule(text, first_local=first_local)
    if rule.after(first_local, inc=True) is None:
        raise RecurrenceError("This rule never happens; check BYDAY, COUNT and UNTIL.")


def _aware(local: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """A naive local time made aware; a time skipped by the clock change moves forward."""
    aware = local.replace(tzinfo=zone)
    # Round-trip through UTC: a non-existent local time (02:30 on the spring change) comes
    # back as 03:30, which is what the clock on the wall shows.
    return aware.astimezone(UTC)


def expand(
    *,
    rule_text: str,
    first_start: datetime.datetime,
    first_end: datetime.datetime,
    time_zone: str,
    exception_dates: Iterable[datetime.date] = (),
    window_start: datetime.datetime,
    window_end: datetime.datetime,
) -> list[Slot]:
    """The occurrences that start in [window_start, window_end), in UTC.

    `first_start`/`first_end` are aware; the rule repeats their local wall-clock times and
    local duration in `time_zone`. `exception_dates` are local calendar days left out."""
    zone = zoneinfo.ZoneInfo(time_zone)
    local_start = first_start.astimezone(zone).replace(tzinfo=None)
    local_end = first_end.astimezone(zone).replace(tzinfo=None)
    wall_duration = local_end - local_start
    skip = set(exception_dates)
    if not rule_text:
        if first_start.astimezone(zone).date() in skip:
            return []
        if window_start <= first_start < window_end:
            return [Slot(first_start.astimezone(UTC), first_end.astimezone(UTC))]
        return []
    rule = parse_rule(rule_text, first_local=local_start)
    # Compare in local naive time, widened by a day so no edge occurrence is lost.
    lo = window_start.astimezone(zone).replace(tzinfo=None) - datetime.timedelta(days=1)
    hi = window_end.astimezone(zone).replace(tzinfo=None) + datetime.timedelta(days=1)
    slots: list[Slot] = []
    for local in rule.xafter(max(lo, local_start), inc=True):
        if local > hi or len(slots) >= MAX_OCCURRENCES:
            break
        if local.date() in skip:
            continue
        start = _aware(local, zone)
        end = _aware(local + wall_duration, zone)
        if end <= start:  # a duration across the autumn change that collapses
            end = start + (first_end - first_start)
        if window_start <= start < window_end:
            slots.append(Slot(start, end))
    return slots
