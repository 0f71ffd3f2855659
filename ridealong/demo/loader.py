"""Loading the demo company: people, customers and engagements, then every app's part."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation, Weekday
from ridealong.core.registry import demo_parts
from ridealong.demo.company import (
    DEMO_PASSWORD,
    DOMAIN,
    ORGANISATION_NAME,
    SEED,
    TIME_ZONE,
    DemoLogin,
    DemoNotLoadable,
    DemoSummary,
)
from ridealong.demo.engagements import EngagementBuilder
from ridealong.demo.people import LOGIN_ORDER
from ridealong.people.models import Person


class _DemoBuilder(EngagementBuilder):
    """People, then customers, then engagements: each builder adds to the one before."""


def demo_logins() -> list[DemoLogin]:
    """The demo sign-ins that exist in this database (after `load_demo`)."""
    users = sorted(
        User.objects.filter(email__endswith=f"@{DOMAIN}").select_related("person"),
        key=lambda u: (LOGIN_ORDER.index(u.role), u.person_id or 0),
    )
    return [
        DemoLogin(u.role, u.email, u.display_name, u.person.title if u.person else "")
        for u in users
    ]


def _extend_demo(rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Let each app add its part of the demo company.

    An app that wants demo data registers
    `extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]` with
    `ridealong.core.registry.demo_parts`, in its `AppConfig.ready()`. The parts run in the
    registry's order once people, customers and engagements exist; each reads what it needs
    from the database and returns counts of what it added."""
    extras: dict[str, int] = {}
    for _name, part in demo_parts.items():
        extras.update(part(rng=rng, today=today))
    return extras


def load_demo(*, today: datetime.date | None = None) -> DemoSummary:
    """Load the demo company into an empty database and return what was loaded."""
    if Person.objects.exists():
        raise DemoNotLoadable(
            "The database already holds people; the demo company loads only into an empty one."
        )
    today = today or timezone.now().astimezone(ZoneInfo(TIME_ZONE)).date()
    builder = _DemoBuilder(random.Random(SEED), today)
    with transaction.atomic():
        org = Organisation.current()
        org.name = ORGANISATION_NAME
        org.time_zone = TIME_ZONE
        org.week_start = Weekday.MONDAY
        org.save()
        builder.build_people()
        departments, logins = builder.save_people()
        customers = builder.build_customers()
        contacts = builder.build_contacts()
        builder.build_engagements()
        participations = builder.save_engagements()
        extras = _extend_demo(random.Random(SEED + 1), today)
        summary = DemoSummary(
            organisation=ORGANISATION_NAME,
            departments=departments,
            people=len(builder.people),
            customers=customers,
            contacts=contacts,
            engagements=len(builder.engagements),
            participations=participations,
            password=DEMO_PASSWORD,
            logins=logins,
            extras=extras,
        )
        log_action(
            "core.demo.loaded",
            target=org,
            changes={
                "people": summary.people,
                "customers": summary.customers,
                "contacts": summary.contacts,
                "engagements": summary.engagements,
            },
        )
    return summary
