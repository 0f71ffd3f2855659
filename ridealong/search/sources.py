"""What search indexes from the apps below it: engagements, notes, insights, reflections and
host-question threads. Registered with `registry.search_sources` in SearchConfig.ready()."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from ridealong.engagements.models import Engagement, Participation
from ridealong.insights.models import HostQuestion, Insight, Note, Reflection
from ridealong.search.models import DocumentKind
from ridealong.search.registry import Document, SearchRegistry, SearchSource


def filters_for_engagement(engagement: Engagement) -> dict[str, Any]:
    """The filter values an engagement gives whatever was written about it: its customer,
    segment, relationship, kind of contact and the departments of its participants (and
    engagement_id, so results link to the engagement)."""
    customer = engagement.customer
    departments = [
        p.person.department_id
        for p in engagement.participations.select_related("person")
        if p.person.department_id
    ]
    return {
        "engagement_id": engagement.pk,
        "customer_id": customer.pk if customer else None,
        "segment": customer.segment if customer else "",
        "relationship": customer.relationship if customer else "",
        "contact_kind_id": engagement.kind_id,
        "department_ids": departments,
    }


def _about(engagement: Engagement | None) -> dict[str, Any]:
    return {} if engagement is None else filters_for_engagement(engagement)


def engagement_document(engagement: Engagement) -> Document:
    return {
        "title": engagement.summary,
        "body": engagement.notes,
        "at": engagement.started_at,
        "filters": filters_for_engagement(engagement),
    }


def note_document(note: Note) -> Document:
    return {
        "title": f"Notes by {note.author.full_name}: {note.engagement.summary}",
        "body": note.text,
        "at": note.engagement.started_at,
        "filters": _about(note.engagement) | {"sentiment": note.sentiment},
    }


def insight_document(insight: Insight) -> Document:
    filters = _about(insight.engagement) or {
        "customer_id": insight.customer_id,
        "segment": insight.customer.segment,
        "relationship": insight.customer.relationship,
    }
    if insight.engagement is None and insight.author and insight.author.department_id:
        filters["department_ids"] = [insight.author.department_id]
    return {
        "title": f"{insight.get_type_display()} from {insight.customer.name}",
        "body": insight.text,
        "at": insight.created_at,
        "filters": filters
        | {
            "insight_type": insight.type,
            "tags": [t.name for t in insight.tags.all()],
            "product_area": insight.product_area.name if insight.product_area else "",
            "sentiment": insight.sentiment,
        },
    }


def reflection_document(reflection: Reflection) -> Document:
    return {
        "title": f"{reflection.person.full_name} reflects on {reflection.engagement.summary}",
        "body": reflection.text,
        "at": reflection.created_at,
        "filters": _about(reflection.engagement),
    }


def host_question_document(question: HostQuestion) -> Document:
    """A question and its answers are one document, of kind "answer"."""
    replies = "\n\n".join(r.text for r in question.replies.order_by("created_at", "id"))
    return {
        "title": f"{question.asked_by.full_name} asks {question.host.full_name}: "
        f"{question.text[:120]}",
        "body": f"{question.text}\n\n{replies}".strip(),
        "at": question.created_at,
        "filters": _about(question.engagement),
    }


_PARTICIPANTS = Prefetch(
    "engagement__participations", queryset=Participation.objects.select_related("person")
)


def _engagements() -> QuerySet[Any]:
    participants = Participation.objects.select_related("person").only(
        "engagement_id", "person__department_id"
    )
    return (
        Engagement.objects.select_related("customer")
        .prefetch_related(Prefetch("participations", queryset=participants))
        .order_by("pk")
    )


def _notes() -> QuerySet[Any]:
    return (
        Note.objects.select_related("author", "engagement__customer", "engagement__kind")
        .prefetch_related(_PARTICIPANTS)
        .order_by("pk")
    )


def _insights() -> QuerySet[Any]:
    return (
        Insight.objects.select_related(
            "customer", "author", "product_area", "engagement__customer", "engagement__kind"
        )
        .prefetch_related("tags", _PARTICIPANTS)
        .order_by("pk")
    )


def _reflections() -> QuerySet[Any]:
    return (
        Reflection.objects.select_related("person", "engagement__customer", "engagement__kind")
        .prefetch_related(_PARTICIPANTS)
        .order_by("pk")
    )


def _host_questions() -> QuerySet[Any]:
    return (
        HostQuestion.objects.select_related(
            "asked_by", "host", "engagement__customer", "engagement__kind"
        )
        .prefetch_related("replies", _PARTICIPANTS)
        .order_by("pk")
    )


def register(registry: SearchRegistry) -> None:
    """Engagements first: a reindex rebuilds them before what was written about them."""
    registry.add(
        DocumentKind.ENGAGEMENT,
        SearchSource(Engagement, DocumentKind.ENGAGEMENT, engagement_document, _engagements),
    )
    for source in (
        SearchSource(Note, DocumentKind.NOTE, note_document, _notes),
        SearchSource(Insight, DocumentKind.INSIGHT, insight_document, _insights),
        SearchSource(Reflection, DocumentKind.REFLECTION, reflection_document, _reflections),
        SearchSource(HostQuestion, DocumentKind.ANSWER, host_question_document, _host_questions),
    ):
        registry.add(source.kind, source, after=[DocumentKind.ENGAGEMENT])
