"""The demo company's standards, groups and availability (a demo part, run by the demo app).

The story: everyone has the shipped 2-hours-every-6-weeks standard; Engineering also needs a
live contact; the leadership team (the leaders, who are the role model) needs two live
contacts every 4 weeks. Sales and Support are far ahead, Finance, HR and Legal behind — the
engagements the demo company logs make that so. Some people are away over the holidays, some
work four days, and engineers prefer visits and support listening.
"""

import datetime
import random

from ridealong.core.registry import demo_parts
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department, Person, RoleKind
from ridealong.standards.availability import bits_from_weekdays
from ridealong.standards.catalog import install_default_standard
from ridealong.standards.models import (
    Availability,
    NewHireRule,
    OutOfOffice,
    PeopleGroup,
    Scope,
    Standard,
)

REASONS = ["Holiday", "Holiday", "Training", "Trade fair", "Parental leave", "Conference"]
PREFERENCES = {
    "engineering": ["site-visit", "support-listening", "setup-ride-along"],
    "finance": ["call-for-opinion", "sales-ride-along"],
    "sales": ["lunch-coffee", "networking"],
}


@demo_parts.register("standards")
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    install_default_standard(Standard)
    NewHireRule.current()
    kinds = {k.slug: k for k in ContactKind.objects.all()}
    engineering = Department.objects.filter(name="Engineering", parent__isnull=True).first()
    standards = 1
    if engineering is not None:
        Standard.objects.get_or_create(
            name="Engineering: 2 hours every 6 weeks, at least one live",
            defaults={
                "description": "Engineers build for customers they have met.",
                "scope": Scope.DEPARTMENT,
                "department": engineering,
                "period_length": 6,
                "period_unit": "weeks",
                "min_minutes": 120,
                "min_live": 1,
            },
        )
        standards += 1
    leaders = list(Person.objects.filter(role_kind=RoleKind.LEADER, is_active=True))
    group, _ = PeopleGroup.objects.get_or_create(
        name="Leadership team", defaults={"description": "Heads of department and the board."}
    )
    group.members.set(leaders)
    Standard.objects.get_or_create(
        name="Leadership team: 2 live contacts every 4 weeks",
        defaults={
            "description": "Leaders are the role model: their progress is visible to all.",
            "scope": Scope.GROUP,
            "group": group,
            "period_length": 4,
            "period_unit": "weeks",
            "min_contacts": 2,
            "min_live": 2,
        },
    )
    standards += 1

    people = list(Person.objects.filter(is_active=True).select_related("department__parent"))
    absences: list[OutOfOffice] = []
    availabilities = 0
    for person in people:
        department = person.department
        root = department.parent if department and department.parent_id else department
        area = (root.name if root else "").lower()
        roll = rng.random()
        if roll < 0.18:  # away for a few days in the coming two months
            first = today + datetime.timedelta(days=rng.randint(3, 55))
            absences.append(
                OutOfOffice(
                    person=person,
                    starts_on=first,
                    ends_on=first + datetime.timedelta(days=rng.randint(0, 9)),
                    reason=rng.choice(REASONS),
                )
            )
        slugs = PREFERENCES.get("engineering" if area == "engineering" else area, [])
        if (slugs and rng.random() < 0.5) or roll > 0.9:
            days = [0, 1, 2, 3] if roll > 0.93 else [0, 1, 2, 3, 4]
            availability = Availability.objects.create(
                person=person,
                working_days=bits_from_weekdays(days),
                weekly_max=1 if roll > 0.96 else 2,
            )
            chosen = [kinds[s] for s in rng.sample(slugs, min(2, len(slugs))) if s in kinds]
            availability.preferred_kinds.set(chosen)
            availabilities += 1
    OutOfOffice.objects.bulk_create(absences)
    return {
        "standards": standards,
        "standard groups": 1,
        "out-of-office ranges": len(absences),
        "availabilities": availabilities,
    }
