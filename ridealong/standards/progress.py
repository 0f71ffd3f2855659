"""Progress against a standard: plain data in, plain data out (no Django).

The window is ROLLING and counted in whole days of the organisation's calendar: on `today`,
a standard with a period of P days counts the contacts that started on one of the last P
days, today included (from today - P + 1 to today). A contact counts by the day it STARTED,
with its whole duration: a contact that straddles the window's first day (started the
evening before, ended inside) does not count, and one that started on the first day counts
fully. Contacts after today do not count yet.

"Days left" answers "how long until this gets worse if I do nothing":
- met: the number of days it stays met without a new contact (when the contacts that make
  it met drop out of the window), e.g. "2 h of 2 h, met for 17 more days";
- behind, with something counted: the number of days the missing amount stays as it is,
  that is until the oldest counted contact drops out — "1 h 30 of 2 h, 17 days left" means
  "get the missing 30 minutes within 17 days, after that you need more";
- behind with nothing counted: 0 (due now).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contact:
    """One customer contact of one person: the local day it started, how long, what kind."""

    on: datetime.date
    minutes: int
    kind_id: int
    is_live: bool
    is_support: bool = False


@dataclass(frozen=True)
class Rule:
    """What a standard asks for. `kind_ids` None: every kind counts."""

    period_days: int
    min_minutes: int | None = None
    min_contacts: int | None = None
    min_live: int = 0
    kind_ids: frozenset[int] | None = None
    standard_id: int | None = None
    name: str = ""

    def __post_init__(self) -> None:
        if self.period_days < 1:
            raise ValueError("The period must be at least one day.")
        if self.min_minutes is None and self.min_contacts is None:
            raise ValueError("A rule asks for minutes, contacts, or both.")

    def counts(self, contact: Contact) -> bool:
        return self.kind_ids is None or contact.kind_id in self.kind_ids


@dataclass(frozen=True)
class Progress:
    rule: Rule
    today: datetime.date
    minutes_done: int
    contacts_done: int
    live_done: int
    days_left: int
    counted: tuple[Contact, ...] = field(default=(), repr=False)

    @property
    def window_start(self) -> datetime.date:
        return window_start(self.rule, self.today)

    @property
    def minutes_needed(self) -> int:
        return self.rule.min_minutes or 0

    @property
    def contacts_needed(self) -> int:
        return self.rule.min_contacts or 0

    @property
    def live_needed(self) -> int:
        return self.rule.min_live

    @property
    def minutes_missing(self) -> int:
        return max(0, self.minutes_needed - self.minutes_done)

    @property
    def contacts_missing(self) -> int:
        return max(0, self.contacts_needed - self.contacts_done)

    @property
    def live_missing(self) -> int:
        return max(0, self.live_needed - self.live_done)

    @property
    def met(self) -> bool:
        return not (self.minutes_missing or self.contacts_missing or self.live_missing)

    @property
    def fraction(self) -> float:
        """0 … 1: the least-fulfilled of what is asked (the progress bar)."""
        parts = [
            min(1.0, done / needed)
            for done, needed in (
                (self.minutes_done, self.minutes_needed),
                (self.contacts_done, self.contacts_needed),
                (self.live_done, self.live_needed),
            )
            if needed
        ]
        return min(parts) if parts else 1.0

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)

    def summary(self) -> str:
        """ "1 h 30 of 2 h, 17 days left" (or "… met for 17 more days", "… due now")."""
        parts = []
        if self.minutes_needed:
            parts.append(
                f"{format_minutes(self.minutes_done)} of {format_minutes(self.minutes_needed)}"
            )
        if self.contacts_needed:
            parts.append(f"{self.contacts_done} of {self.contacts_needed} contacts")
        if self.live_needed:
            parts.append(f"{self.live_done} of {self.live_needed} live")
        done = ", ".join(parts)
        return f"{done}, {days_left_label(self)}"


def days_left_label(progress: Progress) -> str:
    days = progress.days_left
    unit = "day" if days == 1 else "days"
    if progress.met:
        return f"met for {days} more {unit}"
    if days <= 0:
        return "due now"
    return f"{days} {unit} left"


def format_minutes(minutes: int) -> str:
    """120 → "2 h", 90 → "1 h 30", 45 → "45 min", 0 → "0 h"."""
    if minutes <= 0:
        return "0 h"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d}"


def window_start(rule: Rule, today: datetime.date) -> datetime.date:
    """The first day the window counts, on `today`."""
    return today - datetime.timedelta(days=rule.period_days - 1)


def _totals(rule: Rule, contacts: Iterable[Contact]) -> tuple[int, int, int]:
    minutes = count = live = 0
    for contact in contacts:
        minutes += contact.minutes
        count += 1
        live += contact.is_live
    return minutes, count, live


def _met(rule: Rule, minutes: int, count: int, live: int) -> bool:
    return (
        minutes >= (rule.min_minutes or 0)
        and count >= (rule.min_contacts or 0)
        and live >= rule.min_live
    )


def progress(rule: Rule, contacts: Iterable[Contact], today: datetime.date) -> Progress:
    """How far one person is with one rule on `today`."""
    first = window_start(rule, today)
    counted = tuple(
        sorted(
            (c for c in contacts if first <= c.on <= today and rule.counts(c)),
            key=lambda c: c.on,
        )
    )
    minutes, count, live = _totals(rule, counted)
    days_left = 0
    if counted:
        if _met(rule, minutes, count, live):
            # Walk the days the counted contacts drop out, oldest first, until it is not met.
            remaining = list(counted)
            while remaining:
                drop_day = remaining[0].on + datetime.timedelta(days=rule.period_days)
                remaining = [c for c in remaining if c.on > remaining[0].on]
                if not _met(rule, *_totals(rule, remaining)):
                    days_left = (drop_day - today).days
                    break
        else:
            days_left = (counted[0].on + datetime.timedelta(days=rule.period_days) - today).days
    return Progress(
        rule=rule,
        today=today,
        minutes_done=minutes,
        contacts_done=count,
        live_done=live,
        days_left=days_left,
        counted=counted,
    )


def tightest(progresses: Sequence[Progress]) -> Progress | None:
    """The standard that defines a person's deficit: the least fulfilled one (smallest
    fraction), then the one with the most minutes, contacts and live contacts missing, then
    the one that gets worse soonest."""
    if not progresses:
        return None
    return min(
        progresses,
        key=lambda p: (
            p.fraction,
            -p.minutes_missing,
            -p.contacts_missing,
            -p.live_missing,
            p.days_left,
        ),
    )


@dataclass(frozen=True)
class NewHire:
    """The new-hire rule for one person: technical and hired in the last `rule_days` days."""

    applies: bool
    has_support_contact: bool = False
    deadline: datetime.date | None = None

    @property
    def needs_support_seat(self) -> bool:
        return self.applies and not self.has_support_contact

    def days_left(self, today: datetime.date) -> int:
        return max(0, (self.deadline - today).days) if self.deadline else 0


def new_hire_status(
    *,
    is_technical: bool,
    hire_date: datetime.date | None,
    rule_days: int,
    contacts: Iterable[Contact],
    today: datetime.date,
) -> NewHire:
    """Technical people hired on one of the last `rule_days` days (today included) need a
    support contact (support listening or a support shift) on or after their hire date."""
    if not is_technical or hire_date is None or hire_date > today:
        return NewHire(applies=False)
    if (today - hire_date).days >= rule_days:
        return NewHire(applies=False)
    has_support = any(c.is_support and hire_date <= c.on <= today for c in contacts)
    return NewHire(
        applies=True,
        has_support_contact=has_support,
        deadline=hire_date + datetime.timedelta(days=rule_days),
    )


@dataclass(frozen=True)
class Deficit:
    """What a person still misses, for the scheduler.

    minutes/contacts/live_missing come from the TIGHTEST applicable standard (see
    `tightest`); `kind_ids` are the kinds that count for it (None: any kind);
    `needs_support_seat` is the new-hire rule. All zero/False: nothing missing.
    """

    person_id: int
    minutes_missing: int = 0
    contacts_missing: int = 0
    live_missing: int = 0
    days_left: int = 0
    standard_id: int | None = None
    standard_name: str = ""
    kind_ids: frozenset[int] | None = None
    needs_support_seat: bool = False
    fraction: float = 1.0

    @property
    def hours_missing(self) -> float:
        return self.minutes_missing / 60

    @property
    def is_behind(self) -> bool:
        return bool(
            self.minutes_missing
            or self.contacts_missing
            or self.live_missing
            or self.needs_support_seat
        )


def deficit(person_id: int, progresses: Sequence[Progress], new_hire: NewHire) -> Deficit:
    worst = tightest(progresses)
    if worst is None or worst.met:
        return Deficit(person_id=person_id, needs_support_seat=new_hire.needs_support_seat)
    return Deficit(
        person_id=person_id,
        minutes_missing=worst.minutes_missing,
        contacts_missing=worst.contacts_missing,
        live_missing=worst.live_missing,
        days_left=worst.days_left,
        standard_id=worst.rule.standard_id,
        standard_name=worst.rule.name,
        kind_ids=worst.rule.kind_ids,
        needs_support_seat=new_hire.needs_support_seat,
        fraction=worst.fraction,
    )


def days_since(last: datetime.date | None, today: datetime.date) -> int | None:
    return None if last is None else (today - last).days
