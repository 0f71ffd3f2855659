"""The themes section of the weekly team digest; registered with insights' digest_sections
in ThemesConfig.ready()."""

import datetime
from typing import Any

from django.db.models import Count, Q

from ridealong.people.models import Department
from ridealong.themes.models import Theme


def digest_themes(
    *, department: Department, since: datetime.datetime, until: datetime.datetime
) -> list[dict[str, Any]]:
    """Themes the team's insights of the week joined, most new quotes first (at most five)."""
    week = Q(
        memberships__insight__created_at__gte=since,
        memberships__insight__created_at__lt=until,
        memberships__insight__author__department=department,
    )
    rows = (
        Theme.objects.annotate(new=Count("memberships", filter=week))
        .filter(new__gt=0)
        .order_by("-new", "name")[:5]
    )
    return [{"name": t.name, "size": t.size, "new": t.new} for t in rows]
