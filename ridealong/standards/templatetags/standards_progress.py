"""{% load standards_progress %}{% my_progress %}: the signed-in person's progress card."""

from typing import Any

from django import template

from ridealong.standards.selectors import progress_for

register = template.Library()


@register.inclusion_tag("standards/_my_progress.html", takes_context=True)
def my_progress(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return {"mine": None}
    return {"mine": progress_for([user.person]).get(person_id)}  # type: ignore[union-attr]
