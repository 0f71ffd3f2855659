"""The closed loop: opening, assigning, recording and chasing follow-ups."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.core.audit import log_action
from ridealong.engagements.models import Engagement
from ridealong.people.models import Person
from ridealong.surveys.models import FollowUp, FollowUpStatus, Outcome, Response, RoutingRule
from ridealong.surveys.services.common import _clean_text, _setting
from ridealong.surveys.services.routing import eligible_people, route
from ridealong.surveys.services.sending import send_email


def follow_up_open(*, response: Response) -> FollowUp:
    """Open a follow-up for a detractor's response, routed by rule (possibly to nobody yet,
    when every rule's people are at their weekly maximum: a program lead assigns it)."""
    now = timezone.now()
    rule, person = route(now=now)
    follow_up = FollowUp.objects.create(
        response=response,
        customer_id=response.customer_id,
        contact_id=response.contact_id,
        assignee=person,
        rule=rule,
        reason=response.detractor_reason,
        assigned_at=now if person else None,
        due_at=now + datetime.timedelta(days=_setting("SURVEY_FOLLOW_UP_DAYS", 5)),
    )
    if rule is not None and person is not None:
        RoutingRule.objects.filter(pk=rule.pk).update(last_assigned=person)
        _notify_assignee(follow_up)
    log_action(
        "surveys.follow_up.opened",
        target=follow_up,
        changes={"assignee": str(person or ""), "reason": follow_up.reason},
    )
    return follow_up


def _follow_up_url(follow_up: FollowUp) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:follow_up', args=[follow_up.pk])}"


def _notify_assignee(follow_up: FollowUp, *, reminder: bool = False) -> None:
    person = follow_up.assignee
    if person is None:
        return
    subject = (
        f"Reminder: call {follow_up.customer}"
        if reminder
        else f"A customer to learn from: {follow_up.customer}"
    )
    text = (
        f"Hello {person.first_name},\n\n"
        f"{follow_up.contact} at {follow_up.customer} answered a survey unhappily "
        f"({follow_up.reason}).\n"
        "Please call or visit them to listen and learn, then log it with what you learned:\n"
        f"{_follow_up_url(follow_up)}\n\nDue by {timezone.localtime(follow_up.due_at):%d %b %Y}.\n"
    )
    send_email(
        key=f"survey-follow-up-{'reminder' if reminder else 'new'}-{follow_up.pk}",
        to=person.email,
        subject=subject,
        text=text,
    )


@transaction.atomic
def follow_up_assign(*, follow_up: FollowUp, by: User, person: Person) -> FollowUp:
    if not eligible_people().filter(pk=person.pk).exists():
        raise ValidationError(
            {"assignee": ["Pick someone active, with a login, outside sales and support."]}
        )
    before = str(follow_up.assignee or "")
    follow_up.assignee = person
    follow_up.assigned_at = timezone.now()
    follow_up.reminded_at = None
    follow_up.save(update_fields=["assignee", "assigned_at", "reminded_at"])
    _notify_assignee(follow_up)
    log_action(
        "surveys.follow_up.assigned",
        actor=by,
        target=follow_up,
        changes={"assignee": [before, str(person)]},
    )
    return follow_up


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    by: User | None,
    channel: str,
    started_at: datetime.datetime,
    duration_minutes: int,
    summary: str,
    reflection: str,
    outcome: str,
    do_differently: str = "",
) -> FollowUp:
    """Log the call or visit as a "survey follow-up" engagement, with a reflection and an
    outcome; the follow-up is then done."""
    from ridealong.engagements.models import ContactKind, Part
    from ridealong.engagements.services import engagement_create

    errors: dict[str, list[str]] = {}
    if not follow_up.is_open:
        raise ValidationError("This follow-up is already done.")
    if outcome not in Outcome.values:
        errors["outcome"] = ["Pick what came of it."]
    reflection = _clean_text("reflection", reflection, 5000, errors)
    if not reflection and "reflection" not in errors:
        errors["reflection"] = ["Write down what you learned — that is the point."]
    do_differently = _clean_text("do_differently", do_differently, 5000, errors)
    if not do_differently and "do_differently" not in errors:
        errors["do_differently"] = ["Say what you — or we — will do differently."]
    person: Person | None = follow_up.assignee or getattr(by, "person", None)
    if person is None:
        errors["__all__"] = ["Assign the follow-up to someone first."]
    if errors:
        raise ValidationError(errors)
    assert person is not None  # a missing person is one of the errors above
    kind = ContactKind.objects.filter(slug="survey-follow-up").first()
    if kind is None:
        raise ValidationError("The kind of contact “Survey follow-up” is missing; ask an admin.")
    engagement = engagement_create(
        by=by,
        kind=kind,
        customer=follow_up.customer,
        contacts=[follow_up.contact],
        participants=[(person, Part.LEAD)],
        started_at=started_at,
        duration_minutes=duration_minutes,
        summary=summary,
        channel=channel,
        notes=reflection,
    )
    follow_up.engagement = engagement
    follow_up.first_contact_at = follow_up.first_contact_at or started_at
    follow_up.reflection = reflection
    follow_up.outcome = outcome
    follow_up.status = FollowUpStatus.DONE
    follow_up.closed_at = timezone.now()
    follow_up.save()
    follow_up.do_differently = do_differently
    follow_up.save(update_fields=["do_differently"])
    _link_reflection(follow_up, engagement, person=person, do_differently=do_differently, by=by)
    log_action("surveys.follow_up.done", actor=by, target=follow_up, changes={"outcome": outcome})
    return follow_up


def _link_reflection(
    follow_up: FollowUp,
    engagement: Engagement,
    *,
    person: Person,
    do_differently: str,
    by: User | None,
) -> None:
    """The insights app keeps reflections per engagement: the follow-up's goes there too, and
    the follow-up links to it (its own text stays, for the follow-up page)."""
    try:
        from ridealong.insights.services import reflection_save
    except ImportError:
        return
    reflection = reflection_save(
        engagement=engagement,
        person=person,
        learned=follow_up.reflection,
        do_differently=do_differently,
        by=by,
    )
    follow_up.insight_reflection = reflection
    follow_up.save(update_fields=["insight_reflection"])


def follow_up_reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Overdue follow-ups: remind the assignee once, then escalate to the program leads once.

    Idempotent: reminded_at and escalated_at are set as each is sent."""
    now = now or timezone.now()
    escalate_after = datetime.timedelta(days=_setting("SURVEY_FOLLOW_UP_ESCALATE_DAYS", 3))
    reminded = escalated = 0
    overdue = FollowUp.objects.filter(status=FollowUpStatus.OPEN, due_at__lte=now).select_related(
        "assignee", "customer", "contact"
    )
    leads = list(
        User.objects.filter(role=Role.PROGRAM_LEAD, is_active=True).values_list("email", flat=True)
    )
    for follow_up in overdue:
        with transaction.atomic():
            if follow_up.reminded_at is None and follow_up.assignee_id:
                if FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    _notify_assignee(follow_up, reminder=True)
                    reminded += 1
                continue
            late = follow_up.reminded_at or follow_up.due_at
            if follow_up.escalated_at is not None or late + escalate_after > now:
                continue
            claimed = FollowUp.objects.filter(pk=follow_up.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if not claimed:
                continue
            who = f" with {follow_up.assignee}" if follow_up.assignee else " and unassigned"
            for email in leads:
                send_email(
                    key=f"survey-follow-up-escalated-{follow_up.pk}-{email}",
                    to=email,
                    subject=f"Overdue follow-up: {follow_up.customer}",
                    text=(
                        f"The follow-up with {follow_up.contact} at {follow_up.customer} "
                        f"({follow_up.reason}) is overdue{who}.\n{_follow_up_url(follow_up)}\n"
                    ),
                )
            log_action("surveys.follow_up.escalated", target=follow_up)
            escalated += 1
    return {"reminded": reminded, "escalated": escalated}
