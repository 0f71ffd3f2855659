"""A person's availability as plain data (no Django), for the scheduler and the pages."""

import datetime
from dataclasses import dataclass

MON_TO_FRI = frozenset(range(5))


@dataclass(frozen=True)
class Availability:
    """When the scheduler may place a person.

    working_days: weekdays (Monday 0 … Sunday 6) the person works.
    away: out-of-office ranges (first day, last day), inclusive, that touch the asked period.
    weekly_max: at most this many customer activities in one week.
    preferred_kind_ids: kinds of contact the person prefers (a tie-breaker, not a rule).
    """

    person_id: int
    working_days: frozenset[int] = MON_TO_FRI
    weekly_max: int = 2
    preferred_kind_ids: frozenset[int] = frozenset()
    away: tuple[tuple[datetime.date, datetime.date], ...] = ()

    def is_away(self, day: datetime.date) -> bool:
        return any(first <= day <= last for first, last in self.away)

    def is_available_on(self, day: datetime.date) -> bool:
        """Works that weekday and is not out of office."""
        return day.weekday() in self.working_days and not self.is_away(day)


def weekdays_from_bits(bits: int) -> frozenset[int]:
    return frozenset(day for day in range(7) if bits & (1 << day))


def bits_from_weekdays(days: "set[int] | frozenset[int] | list[int]") -> int:
    bits = 0
    for day in days:
        if not 0 <= int(day) <= 6:
            raise ValueError(f"{day} is not a weekday (0 = Monday … 6 = Sunday).")
        bits |= 1 << int(day)
    return bits
