"""{% load standards_progress %}{% my_progress %}: the signed-in person's progress card."""

from typing import Any

from django import template

from ridealong.standards.selectors import progress_for

register = template.Library()


@register.inclusion_tag("standards/_my_progress.html", takes_context=True)
def my_progress(context: dict[str, Any]) -> dict[str, Any]:
    person = getattr(context.get("user"), "person", None)  # none when signed out or unlinked
    if person is None:
        return {"mine": None}
    return {"mine": progress_for([person]).get(person.pk)}
