"""Template filters for engagements."""

from django import template

register = template.Library()


@register.filter
def minutes(value: int | None) -> str:
    """90 → '1 h 30 min'; 240 → '4 h'; 45 → '45 min'."""
    try:
        total = int(value or 0)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(total, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"
