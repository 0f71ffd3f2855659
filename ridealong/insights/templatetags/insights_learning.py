"""Inclusion tags that let the engagement pages show learning without depending on this app.

{% load insights_learning %}
{% engagement_learning engagement %} — notes, insights and the reflection for one engagement.
{% missing_reflections %} — the signed-in person's contacts still waiting for a reflection.
"""

from typing import Any

from django import template

from ridealong.insights import selectors
from ridealong.insights.models import Insight, Note, Reflection

register = template.Library()


@register.inclusion_tag("insights/_engagement_learning.html", takes_context=True)
def engagement_learning(context: dict[str, Any], engagement: Any) -> dict[str, Any]:
    user = context.get("user")
    person_id = getattr(user, "person_id", None)
    participant_ids = {p.person_id for p in engagement.participations.all()}
    is_participant = person_id in participant_ids
    return {
        "engagement": engagement,
        "is_participant": is_participant,
        "notes": Note.objects.filter(engagement=engagement).count(),
        "insights": Insight.objects.filter(engagement=engagement).count(),
        "reflected": person_id is not None
        and is_participant
        and Reflection.objects.filter(engagement=engagement, person_id=person_id).exists(),
    }


@register.inclusion_tag("insights/_missing_reflections.html", takes_context=True)
def missing_reflections(context: dict[str, Any]) -> dict[str, Any]:
    user = context.get("user")
    person = getattr(user, "person", None)
    if person is None:
        return {"engagements": []}
    return {"engagements": list(selectors.missing_reflections(person, limit=5))}
