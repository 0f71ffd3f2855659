"""The demo company's seats (a demo part, run by the demo app once people and customers exist).

The story: Customer Support offers "support line listening" every weekday morning (2 seats)
and a weekly support shift for new technical hires; Sales and Field Service offer seats on
named customer calls and installations over the next four weeks. Some are full with a
waitlist; Jonas (software) has a seat coming up and one from last week he has not logged yet;
Lena (finance) waits on a full sales call. A few past seats are already engagements.
"""

import datetime
import random
import zoneinfo

from django.db.models import Q

from ridealong.core.models import Organisation
from ridealong.core.registry import demo_parts
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department, Person
from ridealong.seats import services
from ridealong.seats.models import Assignment, AssignmentSource, Eligibility, Opportunity
from ridealong.seats.services import SeatRefused

SALES_TOPICS = [
    ("Sales call with {c}: the new cartoner line", "How they talk about downtime and changeover."),
    ("Quarterly review at {c}", "Which complaints they raise before we ask; what they praise."),
    ("{c}: quote follow-up for a tray sealer", "Where the price objection really comes from."),
    ("Demo for {c}'s plant manager", "What they try first without being shown."),
    ("First visit at {c} (prospect)", "How they pack today and what they find hard about it."),
]
INSTALL_TOPICS = [
    ("Installation at {c}: flow wrapper, day 1", "How operators learn the HMI in the first hour."),
    ("Format-change training at {c}", "Which steps they write on sticky notes."),
    ("Commissioning the case packer at {c}", "What the night shift asks the technician."),
]
JONAS = "jonas.weber@falkenrath.example"
LENA = "lena.hoffmann@falkenrath.example"


def _at(day: datetime.date, hour: int, minute: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def _monday_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=7 - day.weekday())


def _workday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _dept(name: str) -> Department | None:
    return Department.objects.filter(name=name).first()


def _people(department: str) -> list[Person]:
    return list(
        Person.objects.active()
        .filter(department__name=department)
        .filter(manager__isnull=False)
        .order_by("id")
    )


def _sign_up(opportunity: Opportunity, person: Person, *, waitlist: bool = False) -> bool:
    for occurrence in opportunity.occurrences.all()[:1]:
        try:
            services.signup(occurrence=occurrence, person=person, by=None, waitlist=waitlist)
        except SeatRefused:
            return False
        return True
    return False


def _past_seat(opportunity: Opportunity, person: Person, seat: int) -> Assignment:
    """History: a seat someone held on a date that has passed (no invite for the past)."""
    occurrence = opportunity.occurrences.get()
    assignment = services.assignment_place(
        occurrence=occurrence,
        person=person,
        by=None,
        source=AssignmentSource.SIGNUP,
        publish=False,
        check_eligibility=False,
    )
    Assignment.objects.filter(pk=assignment.pk).update(is_published=True)
    assignment.is_published = True
    return assignment


@demo_parts.register("seats")
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    zone = zoneinfo.ZoneInfo(Organisation.current().time_zone)
    real_today = datetime.datetime.now(zone).date()
    # Offers lie ahead of the real clock too, so sign-ups on them are still open.
    ahead = max(today, real_today)
    kinds = {k.slug: k for k in ContactKind.objects.all()}
    support = _people("Customer Support")
    sales = _people("Sales")
    field = _people("Field Service")
    customers = list(
        Customer.objects.filter(relationship="current").order_by("id")
        or Customer.objects.order_by("id")
    )
    engineering = _dept("Engineering")
    if not (support and sales and field and customers and kinds):
        return {}
    everyone = list(
        Person.objects.active()
        .exclude(department__name__in=["Sales", "Customer Support", "Field Service"])
        .order_by("id")
    )
    jonas = Person.objects.filter(email=JONAS).first()
    lena = Person.objects.filter(email=LENA).first()
    counts = {
        "seat opportunities": 0,
        "seats taken": 0,
        "on a waitlist": 0,
        "past seats logged": 0,
    }

    # Support line listening, every weekday 9:00-11:00, two seats; no session on a team day.
    first = _monday_after(ahead)
    listening = services.opportunity_create(
        by=None,
        host=support[0],
        kind=kinds["support-listening"],
        title="Support line listening",
        starts_at=_at(first, 9, 0, zone),
        ends_at=_at(first, 11, 0, zone),
        channel="phone",
        place="Support centre, Bielefeld — desk 3, spare headset",
        seats=2,
        briefing=(
            "Listen for the words customers use for our machines (not ours for them), and "
            "note every call where they had to ask twice."
        ),
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        exception_dates=[first + datetime.timedelta(days=9)],
    )
    shift_day = first + datetime.timedelta(days=1)
    shift = services.opportunity_create(
        by=None,
        host=support[1 % len(support)],
        kind=kinds["support-shift"],
        title="Support shift for new technical hires",
        starts_at=_at(shift_day, 13, 0, zone),
        ends_at=_at(shift_day, 17, 0, zone),
        channel="phone",
        place="Support centre, Bielefeld",
        seats=1,
        eligibility=Eligibility.NEW_HIRES,
        briefing="Take calls with your buddy; write down each question you could not answer.",
        recurrence_rule="FREQ=WEEKLY;COUNT=8",
    )
    counts["seat opportunities"] += 2

    offers: list[Opportunity] = []
    for n in range(8):
        host = sales[n % len(sales)]
        customer = customers[rng.randrange(len(customers))]
        title, briefing = SALES_TOPICS[n % len(SALES_TOPICS)]
        day = _workday(ahead + datetime.timedelta(days=2 + n * 3 + rng.randrange(2)))
        hour = rng.choice([9, 10, 11, 14, 15])
        offers.append(
            services.opportunity_create(
                by=None,
                host=host,
                kind=kinds["sales-ride-along"],
                customer=customer,
                title=title.format(c=customer.name),
                starts_at=_at(day, hour, 0, zone),
                ends_at=_at(day, hour + 1, 30, zone),
                channel=rng.choice(["on_site", "on_site", "video"]),
                place=customer.city or "",
                seats=rng.choice([1, 2, 2]),
                eligibility=Eligibility.NOT_HOST_TEAM if n % 3 == 0 else Eligibility.EVERYONE,
                requires_approval=n % 4 == 1,
                briefing=briefing,
            )
        )
    for n in range(4):
        host = field[n % len(field)]
        customer = customers[rng.randrange(len(customers))]
        title, briefing = INSTALL_TOPICS[n % len(INSTALL_TOPICS)]
        day = _workday(ahead + datetime.timedelta(days=4 + n * 6))
        offers.append(
            services.opportunity_create(
                by=None,
                host=host,
                kind=kinds["setup-ride-along"],
                customer=customer,
                title=title.format(c=customer.name),
                starts_at=_at(day, 8, 0, zone),
                ends_at=_at(day, 12, 0, zone),
                channel="on_site",
                place=f"{customer.name} plant, {customer.city}".strip(", "),
                seats=2,
                eligibility=Eligibility.DEPARTMENTS if engineering and n % 2 else "everyone",
                departments=[engineering] if engineering and n % 2 else [],
                briefing=briefing,
            )
        )
    counts["seat opportunities"] += len(offers)

    # Jonas has a sales call and a listening session coming up.
    if jonas is not None:
        counts["seats taken"] += _sign_up(offers[1], jonas)
        second = listening.occurrences.order_by("starts_at")[1:2]
        for occurrence in second:
            services.signup(occurrence=occurrence, person=jonas, by=None)
            counts["seats taken"] += 1
    # Sign-ups: a few people on the next listening sessions and most offers.
    pool = [p for p in everyone if p not in {jonas, lena}]
    rng.shuffle(pool)
    for occurrence in listening.occurrences.order_by("starts_at")[:6]:
        for person in pool[:2]:
            try:
                services.signup(occurrence=occurrence, person=person, by=None)
                counts["seats taken"] += 1
            except SeatRefused:
                pass
        pool = pool[2:] + pool[:2]
    for offer in offers:
        for person in pool[: rng.randrange(0, offer.seats + 1)]:
            counts["seats taken"] += _sign_up(offer, person)
        pool = pool[3:] + pool[:3]
    # One sales call is full with people waiting; Lena is in line.
    full = offers[2]
    for person in pool[:4]:
        counts["seats taken"] += _sign_up(full, person, waitlist=True)
    if lena is not None:
        _sign_up(full, lena, waitlist=True)
    new_hires = [
        p
        for p in Person.objects.active().filter(hire_date__isnull=False).order_by("-hire_date")
        if p.department is not None and p.department.name not in {"Customer Support", "Sales"}
    ][:3]
    for occurrence, person in zip(shift.occurrences.order_by("starts_at"), new_hires, strict=False):
        try:
            services.signup(occurrence=occurrence, person=person, by=None)
            counts["seats taken"] += 1
        except SeatRefused:
            pass

    # The past three weeks: seats held, most already turned into engagements.
    for n in range(5):
        host = sales[(n + 1) % len(sales)] if n % 2 else field[n % len(field)]
        customer = customers[rng.randrange(len(customers))]
        kind = kinds["sales-ride-along"] if n % 2 else kinds["setup-ride-along"]
        day = _workday(today - datetime.timedelta(days=4 + n * 4))
        if day >= today:
            day -= datetime.timedelta(days=7)
        title = (SALES_TOPICS if n % 2 else INSTALL_TOPICS)[n % 3][0].format(c=customer.name)
        past = services.opportunity_create(
            by=None,
            host=host,
            kind=kind,
            customer=customer,
            title=title,
            starts_at=_at(day, 10, 0, zone),
            ends_at=_at(day, 11, 30, zone),
            channel="on_site",
            place=customer.city or "",
            seats=2,
            now=_at(day, 9, 0, zone),
        )
        counts["seat opportunities"] += 1
        person = jonas if (n == 0 and jonas is not None) else pool[(n * 5) % len(pool)]
        seat = _past_seat(past, person, 1)
        if person != jonas:  # Jonas still has to log his: the "Log it" button waits for him
            services.assignment_to_engagement(assignment=seat, by=None)
            counts["past seats logged"] += 1
    counts["on a waitlist"] = Assignment.objects.filter(status="waitlisted").count()
    counts["seats taken"] = Assignment.objects.filter(status__in=["confirmed", "pending"]).count()
    return counts | {
        "opportunities with seats ahead": Opportunity.objects.filter(
            Q(occurrences__starts_at__date__gte=ahead), is_cancelled=False
        )
        .distinct()
        .count()
    }
