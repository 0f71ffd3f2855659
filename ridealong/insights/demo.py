# ruff: noqa: E501 (the machine list reads better on two lines)
"""The insights part of the demo company: notes with guide answers, ~150 insights with
realistic quotes, reflections, questions to hosts, a wall link and a few learning tasks.

Deterministic (everything drawn from `rng`); reads the people, customers and engagements the
demo company made. Quotes cluster around a dozen recurring subjects (changeovers, manuals,
spare parts, invoices, field technicians, remote support, …) so themes come out readable."""

import datetime
import random
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.core.registry import demo_parts
from ridealong.customers.models import Contact
from ridealong.engagements.models import Engagement, Part, Participation
from ridealong.insights.demo_texts import ANSWERS, DIFFERENTLY, LEARNED, QUESTIONS, QUOTE_BANK, O, P
from ridealong.insights.models import (
    GuideQuestion,
    HostQuestion,
    HostReply,
    Insight,
    LearningTask,
    Note,
    NoteAnswer,
    ProductArea,
    QuestionGuide,
    Reflection,
    Tag,
    WallLink,
)
from ridealong.insights.selectors import learning_task_candidates
from ridealong.insights.services.common import announce_saved, sentiment_score_object


def _machine(customer: Any, rng: random.Random) -> str:
    machines = ["FW-300 flow wrapper", "TS-80 tray sealer", "CP-12 case packer", "CT-500 cartoner",
                "VF-220 bagger", "LX-5 labeller", "BP-400 blister line", "CF-90 cup filler"]  # fmt: skip
    for machine in machines:
        if machine.split()[0] in (customer.notes or ""):
            return machine
    return rng.choice(machines)


# Reads every engagement, those logged from seats too; after standards and before the
# outbox to keep the shared generator's sequence (the same demo company every time).
@demo_parts.register("insights", after=["seats", "standards"], before=["notifications"])
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    now = timezone.now()
    engagements = list(
        Engagement.objects.filter(customer__isnull=False, started_at__lte=now)
        .select_related("customer", "kind")
        .prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("person"))
        )
        .order_by("started_at", "id")
    )
    if not engagements:
        return {}
    guides = {
        g.kind_id: list(g.questions.all())
        for g in QuestionGuide.objects.prefetch_related("questions")
    }
    areas = {a.name: a for a in ProductArea.objects.all()}
    contacts: dict[int, list[Contact]] = {}
    for contact in Contact.objects.all():
        contacts.setdefault(contact.customer_id, []).append(contact)

    # Notes on about half the engagements, by one participant, answering the guide.
    noted = [e for e in engagements if rng.random() < 0.5]
    notes: list[Note] = []
    answers: list[NoteAnswer] = []
    for engagement in noted:
        author = rng.choice(list(engagement.participations.all())).person
        stamp = engagement.ended_at + datetime.timedelta(hours=rng.randint(1, 20))
        note = Note(
            engagement=engagement,
            author=author,
            free_text=rng.choice(LEARNED) if rng.random() < 0.6 else "",
            is_draft=False,
            created_at=min(stamp, now),
            updated_at=min(stamp, now),
        )
        notes.append(note)
    Note.objects.bulk_create(notes)
    for note in notes:
        questions: list[GuideQuestion] = guides.get(note.engagement.kind_id, [])
        machine = _machine(note.engagement.customer, rng)
        for question in questions[: rng.randint(2, max(2, len(questions)))]:
            answers.append(
                NoteAnswer(
                    note=note,
                    question=question,
                    question_text=question.text,
                    answer=rng.choice(ANSWERS).format(m=machine),
                    position=question.position,
                )
            )
    NoteAnswer.objects.bulk_create(answers)

    # ~150 insights, mostly from notes; each quote of the bank used at least once.
    bank = list(QUOTE_BANK)
    rng.shuffle(bank)
    picks = bank + [rng.choice(QUOTE_BANK) for _ in range(150 - len(bank))]
    tag_objs = {
        t: Tag.objects.get_or_create(name=t)[0] for _, _, tags, _ in QUOTE_BANK for t in tags
    }
    insights: list[Insight] = []
    insight_tags: list[list[str]] = []
    sources = notes or []
    # Recent engagements get more quotes: the feed, digest and wall look at recent weeks.
    weights = [
        1 + 3 * (n.engagement.started_at > now - datetime.timedelta(days=42)) for n in sources
    ]
    for kind, area, tags, text in picks:
        note = rng.choices(sources, weights=weights)[0]
        engagement = note.engagement
        customer = engagement.customer
        assert customer is not None  # only engagements with a customer were read
        at = note.created_at + datetime.timedelta(minutes=rng.randint(5, 600))
        insights.append(
            Insight(
                text=text.format(m=_machine(customer, rng)),
                type=kind,
                customer=customer,
                contact=rng.choice(contacts[customer.pk])
                if contacts.get(customer.pk) and rng.random() < 0.7
                else None,
                engagement=engagement,
                note=note,
                product_area=areas.get(area),
                author=note.author,
                created_at=min(at, now),
            )
        )
        insight_tags.append(tags)
    Insight.objects.bulk_create(insights)
    through = Insight.tags.through
    through.objects.bulk_create(
        through(insight_id=i.pk, tag_id=tag_objs[t].pk)
        for i, tags in zip(insights, insight_tags, strict=True)
        for t in tags
    )

    # Reflections: most participants reflect; the demo sign-ins leave a few missing.
    login_people = set(User.objects.filter(role=Role.MEMBER).values_list("person_id", flat=True))
    reflections: list[Reflection] = []
    for engagement in engagements:
        for p in engagement.participations.all():
            recent = engagement.started_at > now - datetime.timedelta(days=21)
            if p.person_id in login_people and recent and rng.random() < 0.6:
                continue
            if rng.random() < 0.55:
                stamp = min(engagement.ended_at + datetime.timedelta(hours=rng.randint(2, 40)), now)
                reflections.append(
                    Reflection(
                        engagement=engagement,
                        person=p.person,
                        learned=rng.choice(LEARNED),
                        do_differently=rng.choice(DIFFERENTLY),
                        created_at=stamp,
                        updated_at=stamp,
                    )
                )
    Reflection.objects.bulk_create(reflections)

    # Questions to hosts (the last two still wait for an answer).
    hosted = [
        e
        for e in engagements[-80:]
        if any(p.part == Part.HOST for p in e.participations.all())
        and any(p.part == Part.OBSERVER for p in e.participations.all())
    ]
    asked_count = 0
    for (text, answer), engagement in zip(
        QUESTIONS, rng.sample(hosted, min(len(hosted), len(QUESTIONS))), strict=False
    ):
        host = next(p.person for p in engagement.participations.all() if p.part == Part.HOST)
        asker = next(p.person for p in engagement.participations.all() if p.part == Part.OBSERVER)
        asked = min(engagement.ended_at + datetime.timedelta(hours=3), now)
        host_question = HostQuestion.objects.create(
            engagement=engagement, asked_by=asker, host=host, text=text, created_at=asked
        )
        if answer:
            replied = min(asked + datetime.timedelta(hours=rng.randint(2, 30)), now)
            HostReply.objects.create(
                question=host_question, author=host, text=answer, created_at=replied
            )
            host_question.answered_at = replied
            host_question.save(update_fields=["answered_at"])
        asked_count += 1

    WallLink.objects.create(name="Reception screen, Bielefeld", token="demo-reception-wall")  # noqa: S106

    # Learning tasks for the customers with the most pains and objections.
    negative: dict[int, int] = {}
    for insight in insights:
        if insight.type in (P, O):
            negative[insight.customer_id] = negative.get(insight.customer_id, 0) + 1
    worst = sorted(negative, key=lambda pk: (-negative[pk], pk))[:3]
    candidates = list(learning_task_candidates()[:40])
    by_customer = {i.customer_id: i.customer for i in insights}
    tasks = 0
    for n, customer_id in enumerate(worst):
        if not candidates:
            break
        LearningTask.objects.create(
            customer=by_customer[customer_id],
            assignee=rng.choice(candidates),
            reason=f"{negative[customer_id]} pains and objections in recent contacts.",
            due_on=today + datetime.timedelta(days=7 + 7 * n),
        )
        tasks += 1

    # Sentiment and search, as the services would have done on each write.
    scored: list[Note | Insight] = [*notes, *insights]
    for obj in scored:
        sentiment_score_object(obj)
    indexed: list[Note | Insight | Reflection | HostQuestion] = [
        *scored,
        *reflections,
        *HostQuestion.objects.all(),
    ]
    for searchable in indexed:
        announce_saved(searchable)
    return {
        "notes": len(notes),
        "insights": len(insights),
        "reflections": len(reflections),
        "host questions": asked_count,
        "learning tasks": tasks,
    }
