"""After the contact: turning an assignment into an engagement."""

from typing import cast

from django.db import transaction

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.engagements.models import Engagement, Part
from ridealong.seats.models import ACTIVE_STATUSES, Assignment
from ridealong.seats.services.common import SeatRefused, _now


@transaction.atomic
def assignment_to_engagement(*, assignment: Assignment, by: User | None) -> tuple[Engagement, bool]:
    """Log the contact from the assignment: (engagement, created).

    Pre-filled from the opportunity (kind, customer, start, duration, channel, place), the
    host as host and the person as observer. Idempotent: a second call returns the same
    engagement; another observer of the same occurrence joins the engagement already logged."""
    from ridealong.engagements import services as engagements

    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("occurrence__opportunity__kind", "occurrence__opportunity__customer")
        .select_related("occurrence__opportunity__host", "person")
        .get(pk=assignment.pk)
    )
    if assignment.engagement_id:
        return cast(Engagement, assignment.engagement), False  # engagement_id is set
    occurrence = assignment.occurrence
    opportunity = occurrence.opportunity
    if assignment.status not in ACTIVE_STATUSES:
        raise SeatRefused("Only a seat that was held can be logged.", code="state")
    if occurrence.is_cancelled:
        raise SeatRefused("This date was cancelled.", code="cancelled")
    if occurrence.starts_at > _now():
        raise SeatRefused("Log it once it has happened.", code="started")
    sibling = (
        Assignment.objects.filter(occurrence=occurrence, engagement__isnull=False)
        .select_related("engagement")
        .first()
    )
    if sibling is not None:
        engagement = cast(Engagement, sibling.engagement)  # filtered on engagement__isnull=False
        participations = list(engagement.participations.select_related("person"))
        if assignment.person_id not in {p.person_id for p in participations}:
            engagements.engagement_update(
                engagement=engagement,
                by=by,
                kind=engagement.kind,
                customer=engagement.customer,
                participants=[(p.person, p.part) for p in participations]
                + [(assignment.person, Part.OBSERVER)],
                started_at=engagement.started_at,
                duration_minutes=engagement.duration_minutes,
                summary=engagement.summary,
                contacts=list(engagement.contacts.all()),
                channel=engagement.channel,
                place=engagement.place,
                notes=engagement.notes,
            )
        created = False
    else:
        participants = [(assignment.person, Part.OBSERVER)]
        if opportunity.host_id != assignment.person_id:
            participants.insert(0, (opportunity.host, Part.HOST))
        engagement = engagements.engagement_create(
            by=by,
            kind=opportunity.kind,
            customer=opportunity.customer,
            participants=participants,
            started_at=occurrence.starts_at,
            duration_minutes=occurrence.duration_minutes,
            summary=opportunity.title[:300],
            channel=opportunity.channel,
            place=opportunity.place,
        )
        created = True
    assignment.engagement = engagement
    assignment.save(update_fields=["engagement", "updated_at"])
    log_action(
        "seats.assignment.logged",
        actor=by,
        target=assignment,
        changes={"engagement": engagement.pk, "created": created},
    )
    return engagement, created
