"""The demo company's surveys: a quarterly NPS survey sent to 20 contacts, answered by
most, with three detractors whose follow-ups went to an engineer and an accountant — one of
whom has called and written down what she learned."""

import datetime
import random
import secrets
import zoneinfo
from typing import Any

from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.core.models import Organisation
from ridealong.core.registry import demo_parts
from ridealong.customers.models import Contact
from ridealong.people.models import Department, Person
from ridealong.surveys import services
from ridealong.surveys.models import (
    FollowUp,
    Invitation,
    InvitationChannel,
    Outcome,
    QuestionKind,
    Response,
    RoutingKind,
    token_digest,
)

ENGINEER = "jonas.weber@falkenrath.example"
ACCOUNTANT = "lena.hoffmann@falkenrath.example"

# (NPS, CSAT, why) — three detractors first, then passives and promoters.
ANSWERS = [
    (3, 2, "Spare parts for the sealing station took three weeks; the line stood still."),
    (5, 3, "The invoices never match the order confirmation, our accounts team hates it."),
    (4, 2, "After the firmware update the format change takes longer than before."),
    (8, 4, "Solid machines. The HMI could be clearer for new operators."),
    (7, 4, "Good service, but the hotline is hard to reach at night."),
    (9, 5, "Your field technician knew our line better than we did."),
    (10, 5, "Reliable, and the remote support is quick."),
    (9, 4, ""),
    (8, 4, "Fine overall."),
    (10, 5, "Best supplier we work with, thank you."),
    (9, 5, "The training for our new shift leads was excellent."),
    (7, 3, ""),
]


# After the theme run and the reindex: its follow-up goes through the services, which
# score and index on write, and stays out of the demo's themes as it always has.
@demo_parts.register("surveys", after=["themes", "search"], before=["notifications"])
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    lead = User.objects.filter(role=Role.PROGRAM_LEAD).order_by("pk").first()
    engineer = Person.objects.filter(email=ENGINEER).first()
    accountant = Person.objects.filter(email=ACCOUNTANT).first()
    contacts = list(
        Contact.objects.filter(do_not_contact=False)
        .exclude(email="")
        .select_related("customer")
        .order_by("customer__name", "pk")
    )
    if lead is None or not contacts:
        return {}
    rng.shuffle(contacts)
    contacts = contacts[:20]

    quality = Department.objects.filter(name="Quality").first()
    if engineer and accountant:
        services.routing_rule_create(
            by=lead,
            name="Volunteers from engineering and finance",
            kind=RoutingKind.ROTATION,
            volunteers=sorted([engineer, accountant], key=lambda p: p.pk),
            weekly_max=2,
        )
    if quality:
        services.routing_rule_create(
            by=lead,
            name="Quality, when the volunteers are full",
            kind=RoutingKind.DEPARTMENT,
            department=quality,
            weekly_max=2,
        )

    survey = services.survey_create(
        by=lead,
        title="How are we doing? (Q3 customer survey)",
        intro="Three short questions — it takes a minute. Your answer goes to our whole team.",
        thank_you="Thank you! Someone from our team may call you to learn more.",
        reminder_after_days=7,
    )
    services.question_add(
        survey=survey,
        by=lead,
        kind=QuestionKind.NPS,
        text="How likely are you to recommend Falkenrath to a colleague?",
    )
    services.question_add(
        survey=survey,
        by=lead,
        kind=QuestionKind.CSAT,
        text="How satisfied are you with our service this quarter?",
    )
    services.question_add(
        survey=survey,
        by=lead,
        kind=QuestionKind.TEXT,
        text="What is the main reason for your score?",
        required=False,
    )
    services.survey_open(survey=survey, by=lead)
    questions = {q.kind: q for q in survey.questions.all()}

    # The demo's own "today" (tests load it on a fixed date), never later than the real clock.
    zone = zoneinfo.ZoneInfo(Organisation.current().time_zone)
    now = min(timezone.now(), datetime.datetime.combine(today, datetime.time(12), tzinfo=zone))
    sent_at = now - datetime.timedelta(days=12)
    invitations = []
    for contact in contacts:
        invitations.append(
            Invitation.objects.create(
                survey=survey,
                contact=contact,
                email=contact.email,
                channel=InvitationChannel.EMAIL,
                token_digest=token_digest(secrets.token_urlsafe(24)),
                created_by=lead,
                created_at=sent_at,
                sent_at=sent_at,
                # Valid by the real clock too, so the demo's open links can still be answered.
                expires_at=max(sent_at, timezone.now())
                + datetime.timedelta(days=survey.link_valid_days),
            )
        )
    answered = 0
    for invitation, (nps, csat, why) in zip(invitations, ANSWERS, strict=False):
        answers: dict[int, Any] = {
            questions[QuestionKind.NPS].pk: nps,
            questions[QuestionKind.CSAT].pk: csat,
        }
        if why:
            answers[questions[QuestionKind.TEXT].pk] = why
        response = services.response_submit(invitation=invitation, answers=answers)
        when = sent_at + datetime.timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 9))
        Response.objects.filter(pk=response.pk).update(submitted_at=when)
        Invitation.objects.filter(pk=invitation.pk).update(responded_at=when)
        FollowUp.objects.filter(response=response).update(
            created_at=when, assigned_at=when, due_at=when + datetime.timedelta(days=5)
        )
        answered += 1

    # The accountant has called her customer and written down what she learned.
    follow_up = (
        FollowUp.objects.filter(assignee=accountant)
        .select_related("customer")
        .order_by("pk")
        .first()
        if accountant
        else None
    )
    logged = 0
    if follow_up is not None:
        accountant_user = User.objects.filter(person=accountant).first()
        started = follow_up.created_at + datetime.timedelta(days=1, hours=2)
        services.follow_up_record(
            follow_up=follow_up,
            by=accountant_user,
            channel="phone",
            started_at=min(started, now - datetime.timedelta(hours=1)),
            duration_minutes=25,
            summary=f"Called {follow_up.contact} about invoices that do not match the order",
            reflection=(
                "Their AP clerk re-keys every invoice because our order confirmation lists "
                "spare parts by our article numbers and the invoice by theirs. It costs them an "
                "hour a week and makes us look careless."
            ),
            do_differently="Ask ERP to print the customer's article numbers on our invoices.",
            outcome=Outcome.LEARNED,
        )
        logged = 1
    return {
        "surveys": 1,
        "survey invitations": len(invitations),
        "survey responses": answered,
        "survey follow-ups": FollowUp.objects.count(),
        "follow-ups logged": logged,
    }
