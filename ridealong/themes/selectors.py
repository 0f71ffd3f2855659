"""Reads for themes. Everyone signed in reads themes (insights are shared company-wide);
program leads and admins edit them and ask for recomputation."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ridealong.accounts.roles import can_manage_program, require
from ridealong.core.choices import RunStatus
from ridealong.core.models import Organisation
from ridealong.themes.models import Theme, ThemeMembership, ThemeRun

TREND_MONTHS = 12
QUOTES = 3


def can_edit_themes(user: Any) -> bool:
    return can_manage_program(user)


def get_theme_for_user(user: Any, pk: int, *, write: bool = False) -> Theme:
    theme = get_object_or_404(Theme, pk=pk)
    if write:
        require(can_edit_themes(user))
    return theme


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.all()


def latest_run() -> ThemeRun | None:
    return ThemeRun.objects.select_related("requested_by").first()


def get_run(pk: int) -> ThemeRun:
    return get_object_or_404(ThemeRun, pk=pk)


def unplaced_insight_count() -> int:
    from ridealong.insights.models import Insight

    return Insight.objects.filter(theme_membership__isnull=True).count()


@dataclass
class MonthCount:
    month: datetime.date
    count: int
    percent: int  # of the busiest month, for the bar height


@dataclass
class ThemeSummary:
    theme: Theme
    trend: list[MonthCount] = field(default_factory=list)
    customers: list[tuple[int, str]] = field(default_factory=list)  # (id, name), most first
    customer_count: int = 0
    more_customers: int = 0
    segments: list[str] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)  # Insight
    growing: bool = False


def _months(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def theme_summaries(themes: list[Theme], *, quotes: int = QUOTES) -> list[ThemeSummary]:
    """Trend per month (the organisation's time zone), customers and segments touched and
    representative quotes for each theme, in a constant number of queries."""
    from ridealong.insights.models import Insight

    ids = [t.pk for t in themes]
    zone = zoneinfo.ZoneInfo(Organisation.current().time_zone)
    today = timezone.now().astimezone(zone).date()
    months = _months(today, TREND_MONTHS)
    rows = ThemeMembership.objects.filter(theme_id__in=ids).values_list(
        "theme_id",
        "insight_id",
        "insight__created_at",
        "insight__customer_id",
        "insight__customer__name",
        "insight__customer__segment",
    )
    per_month: dict[int, Counter] = {pk: Counter() for pk in ids}
    customers: dict[int, Counter] = {pk: Counter() for pk in ids}
    names: dict[int, str] = {}
    segments: dict[int, Counter] = {pk: Counter() for pk in ids}
    latest: dict[int, list[tuple[datetime.datetime, int]]] = {pk: [] for pk in ids}
    for theme_id, insight_id, created, customer_id, customer_name, segment in rows:
        local = created.astimezone(zone).date()
        per_month[theme_id][local.replace(day=1)] += 1
        customers[theme_id][customer_id] += 1
        names[customer_id] = customer_name
        if segment:
            segments[theme_id][segment] += 1
        latest[theme_id].append((created, insight_id))
    wanted: dict[int, list[int]] = {}
    for theme in themes:
        members = {pk for _, pk in latest[theme.pk]}
        # The computed representatives first, then the latest; candidates are checked for
        # duplicate texts below (a few more than needed are fetched for that).
        chosen = [pk for pk in theme.representatives if pk in members][:quotes]
        for _, pk in sorted(latest[theme.pk], reverse=True):
            if len(chosen) >= quotes * 3:
                break
            if pk not in chosen:
                chosen.append(pk)
        wanted[theme.pk] = chosen
    quote_ids = [pk for chosen in wanted.values() for pk in chosen]
    insights = Insight.objects.select_related("customer", "contact").in_bulk(quote_ids)
    out = []
    for theme in themes:
        counts = [per_month[theme.pk].get(m, 0) for m in months]
        peak = max(counts) or 1
        recent, before = sum(counts[-3:]), sum(counts[-6:-3])
        out.append(
            ThemeSummary(
                theme=theme,
                trend=[
                    MonthCount(month=m, count=c, percent=round(c * 100 / peak))
                    for m, c in zip(months, counts, strict=True)
                ],
                customers=[(pk, names[pk]) for pk, _ in customers[theme.pk].most_common(5)],
                customer_count=len(customers[theme.pk]),
                more_customers=max(0, len(customers[theme.pk]) - 5),
                segments=[s for s, _ in segments[theme.pk].most_common(4)],
                quotes=_distinct([insights[pk] for pk in wanted[theme.pk] if pk in insights])[
                    :quotes
                ],
                growing=recent > before and recent >= 2,
            )
        )
    return out


def _distinct(insights: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for insight in insights:
        key = " ".join(insight.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(insight)
    return out


def theme_members(theme: Theme) -> QuerySet[Any]:
    from ridealong.insights.models import Insight

    return (
        Insight.objects.filter(theme_membership__theme=theme)
        .select_related("customer", "theme_membership")
        .order_by("-created_at", "-id")
    )


def active_run() -> ThemeRun | None:
    return ThemeRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
