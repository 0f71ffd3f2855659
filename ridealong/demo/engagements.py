"""The demo company's six months of customer contacts: who went, to whom, how often.

Sales, Support and Field Service host most; others join as observers as readily as their
`observe` says, and lead contacts of their own as often as their `lead` says."""

import datetime
import random
import string
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from ridealong.customers.models import Contact
from ridealong.demo import bulk
from ridealong.demo.company import CHICAGO, DAYS, TIME_ZONE, PlannedCustomer, PlannedPerson
from ridealong.demo.customers import (
    CURRENT,
    FIELD_REGIONS,
    PROSPECT,
    RIVAL,
    SALES_REGIONS,
    CustomerBuilder,
)
from ridealong.demo.people import DEPARTMENTS
from ridealong.demo.stories import (
    CALL_OBSERVATIONS,
    EVENTS,
    FOLLOW_UPS,
    INTERNAL_OBSERVATIONS,
    LEARNED,
    NEW_MARKETS,
    ON_SITE_OBSERVATIONS,
    PROSPECT_SUMMARIES,
    QUOTES,
    SHOPPER_OBSERVATIONS,
    SUMMARIES,
    WORKSHOP_SEGMENTS,
)
from ridealong.engagements.models import Engagement, EngagementChannel, Part

# kind: (channels with weights, duration range in minutes, step)
KIND_SHAPE: dict[str, tuple[list[tuple[str, int]], tuple[int, int], int]] = {
    "sales-ride-along": ([("on_site", 3), ("video", 1)], (45, 120), 15),
    "setup-ride-along": ([("on_site", 1)], (180, 480), 30),
    "support-listening": ([("phone", 1)], (60, 120), 15),
    "support-shift": ([("phone", 1)], (180, 240), 30),
    "site-visit": ([("on_site", 1)], (90, 300), 30),
    "call-for-opinion": ([("phone", 3), ("video", 2)], (20, 45), 5),
    "lunch-coffee": ([("on_site", 1)], (45, 90), 15),
    "networking": ([("on_site", 1)], (30, 90), 15),
    "field-conversation": ([("on_site", 2), ("phone", 1)], (15, 45), 5),
    "survey-follow-up": ([("phone", 7), ("video", 2), ("on_site", 1)], (20, 45), 5),
    "secret-shopper": ([("phone", 1)], (10, 25), 5),
    "role-play": ([("on_site", 1)], (60, 90), 15),
    "workshop": ([("on_site", 1)], (120, 180), 30),
}

# How much each department likes each kind when joining as an observer (default 1).
OBSERVER_AFFINITY: dict[str, dict[str, float]] = {
    "software": {"support-listening": 2.5, "setup-ride-along": 0.5, "lunch-coffee": 0.3},
    "controls": {"setup-ride-along": 2.5, "site-visit": 1.5, "support-listening": 1.2},
    "mechanical": {"setup-ride-along": 2.5, "site-visit": 1.5, "sales-ride-along": 0.2},
    "production": {"setup-ride-along": 2.0, "site-visit": 1.5, "sales-ride-along": 0.1},
    "quality": {"site-visit": 1.8, "setup-ride-along": 1.2, "lunch-coffee": 0.3},
    "finance": {"sales-ride-along": 1.6, "lunch-coffee": 2.0, "setup-ride-along": 0.3},
    "executive": {"site-visit": 1.5, "lunch-coffee": 1.5, "support-listening": 0.6},
}

# What people lead themselves, by department (kind: weight).
LEAD_KINDS: dict[str, dict[str, int]] = {
    "default": {"call-for-opinion": 5, "site-visit": 2, "survey-follow-up": 2,
                "field-conversation": 1},
    "finance": {"survey-follow-up": 4, "call-for-opinion": 3, "lunch-coffee": 2, "site-visit": 1},
    "quality": {"survey-follow-up": 5, "site-visit": 3, "call-for-opinion": 2},
    "ceo": {"site-visit": 3, "lunch-coffee": 3, "networking": 2, "field-conversation": 2,
            "call-for-opinion": 1},
    "cx": {"survey-follow-up": 4, "call-for-opinion": 4, "site-visit": 2},
}  # fmt: skip


CUSTOMER_PLACEHOLDERS = {"short", "contact", "contact_title", "city", "owner", "industry"}


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _pick_weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class EngagementBuilder(CustomerBuilder):
    """Draws six months of engagements (`build_engagements`), then writes them with who took
    part and the contacts met (`save_engagements`)."""

    def day(self, earliest: datetime.date | None = None) -> datetime.date:
        """A working day in the last six months, more of them recently (the program grows)."""
        days_ago = 1 + int((DAYS - 1) * self.rng.random() ** 1.3)
        date = self.today - datetime.timedelta(days=days_ago)
        if earliest is not None and date <= earliest:
            span = (self.today - earliest).days - 1
            if span >= 1:
                date = earliest + datetime.timedelta(days=self.rng.randint(1, span))
        if date.weekday() == 5:
            date -= datetime.timedelta(days=1)
        elif date.weekday() == 6:
            date -= datetime.timedelta(days=2)
        return date

    def pick_customer(
        self, *, regions: set[str] | None = None, rel: str = CURRENT
    ) -> PlannedCustomer:
        pool = [c for c in self.customers if c.obj.relationship == rel]
        if regions:
            pool = [c for c in pool if c.region in regions] or pool
        return self.rng.choices(pool, weights=[c.weight for c in pool])[0]

    def observers(self, kind: str, date: datetime.date, exclude: set[str], n: int):
        rng = self.rng
        chosen: list[PlannedPerson] = []
        candidates = [p for p in self.people if p.key not in exclude and p.observe > 0]
        for _ in range(n):
            weights = []
            for p in candidates:
                w = p.observe * OBSERVER_AFFINITY.get(p.department, {}).get(kind, 1.0)
                if p in chosen or not self.here_on(p, date):
                    w = 0.0
                elif kind in {"support-listening", "setup-ride-along"} and (
                    self.hire_date(p) > self.today - datetime.timedelta(days=60)
                ):
                    w *= 4  # new hires go to the customer first
                weights.append(w)
            if not any(weights):
                break
            chosen.append(rng.choices(candidates, weights=weights)[0])
        return chosen

    def add(
        self,
        slug: str,
        date: datetime.date,
        customer: PlannedCustomer | None,
        participants: Sequence[tuple[PlannedPerson, str]],
        **context: Any,
    ) -> None:
        rng = self.rng
        channels, (low, high), step = KIND_SHAPE[slug]
        channel = rng.choices([c for c, _ in channels], weights=[w for _, w in channels])[0]
        duration = rng.randrange(low, high + 1, step)
        host = next((p for p, part in participants if part == Part.HOST), participants[0][0])
        tz = customer.tz if customer else ZoneInfo(TIME_ZONE)
        if slug in {"support-listening", "support-shift"}:
            tz = ZoneInfo("America/Chicago" if host.location == CHICAGO else TIME_ZONE)

        met: list[Contact] = []
        if customer and slug not in {"support-shift"}:
            reachable = [c for c in customer.contacts if not c.do_not_contact]
            if reachable:
                met = rng.sample(reachable, k=min(len(reachable), rng.choice([1, 1, 1, 2])))
        contact = met[0] if met else None
        values: dict[str, Any] = {
            "short": customer.short if customer else "",
            "city": customer.obj.city.split(",")[0] if customer else "",
            "industry": customer.obj.industry.lower() if customer else "",
            "product": rng.choice(customer.products) if customer else "FW-300 flow wrapper",
            "language": customer.language if customer else "German",
            "contact": contact.name if contact else "the plant manager",
            "contact_title": contact.title if contact else "Plant Manager",
            "owner": (
                self.person_for(customer.obj.owner_id).first_name if customer else host.first_name
            ),
            "tech": host.first_name,
            "agent": host.first_name,
            "line": rng.randint(1, 6),
            "n": rng.randint(9, 23),
            "m": rng.randint(5, 8),
            "hours": duration // 60,
            "event": rng.choice(EVENTS["na" if customer and customer.region == "na" else "eu"]),
            "new_market": rng.choice(NEW_MARKETS),
            "segment": rng.choice(WORKSHOP_SEGMENTS),
        }
        values.update(context)
        templates = SUMMARIES[slug]
        if customer and customer.obj.relationship == PROSPECT:
            templates = PROSPECT_SUMMARIES.get(slug, templates)
        if customer is None:
            # Without a customer, only the lines that name none.
            templates = [t for t in templates if not CUSTOMER_PLACEHOLDERS & set(_fields(t))]
        summary = rng.choice(templates).format_map(values)[:300]
        hour = rng.choice([7, 8, 9, 10, 11, 13, 14, 15])
        if "night shift" in summary and slug in {"site-visit", "setup-ride-along"}:
            hour = 22  # they went at night to see it
        minute = rng.choice([0, 15, 30, 45])
        started = datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=tz)
        while started + datetime.timedelta(minutes=duration) > self.cutoff:
            started -= datetime.timedelta(days=1)  # everything happened before today
        notes = self.notes(slug, customer, channel, values) if rng.random() < 0.65 else ""
        if channel == EngagementChannel.ON_SITE:
            if slug in {"role-play", "workshop"}:
                place = "Training room, Bielefeld"
            elif slug == "networking":
                place = values["event"]
            elif slug == "lunch-coffee":
                place = f"Lunch near the {values['city']} plant"
            else:
                place = f"{customer.short}, {values['city']}" if customer else "Bielefeld"
        elif slug in {"support-listening", "support-shift"}:
            place = "Support centre, " + ("Chicago" if host.location == CHICAGO else "Bielefeld")
        else:
            place = ""
        ended = started + datetime.timedelta(minutes=duration)
        logged = min(ended + datetime.timedelta(minutes=rng.randint(10, 900)), self.now)
        self.engagements.append(
            Engagement(
                kind=self.kinds[slug],
                customer=customer.obj if customer else None,
                started_at=started.astimezone(datetime.UTC),
                duration_minutes=duration,
                channel=channel,
                place=place,
                summary=summary,
                notes=notes,
                created_by=self.users_by_person.get(host.saved.pk),
                created_at=max(logged, started),
            )
        )
        self.participants.append(participants)
        self.contacts_met.append(met)

    def notes(self, slug: str, customer: PlannedCustomer | None, channel: str, values: dict) -> str:
        """A few sentences of what was heard and learned, in the voice of the kind of contact."""
        rng = self.rng
        if slug == "secret-shopper":
            return f"{rng.choice(SHOPPER_OBSERVATIONS)} Score: {rng.randint(3, 9)}/10."
        if slug in {"role-play", "workshop"}:
            return f"{rng.choice(INTERNAL_OBSERVATIONS)} What I learned: {rng.choice(LEARNED)}"
        parts = []
        if customer and rng.random() < 0.7:
            parts.append(rng.choice(QUOTES))
        on_site = customer is not None and channel == EngagementChannel.ON_SITE
        parts.append(rng.choice(ON_SITE_OBSERVATIONS if on_site else CALL_OBSERVATIONS))
        parts.append("What I learned: " + rng.choice(LEARNED))
        if rng.random() < 0.5:
            follow_ups = FOLLOW_UPS if customer else [f for f in FOLLOW_UPS if "{" not in f]
            parts.append(rng.choice(follow_ups).format_map(values))
        return " ".join(parts)

    def observer_count(self, weights: list[int]) -> int:
        return self.rng.choices(range(len(weights)), weights=weights)[0]

    def build_engagements(self) -> None:
        rng = self.rng
        in_dept = {d: [p for p in self.people if p.department == d] for d in DEPARTMENTS}
        support_agents = [p for p in in_dept["support"] if p.key != "head_support"]

        # Sales host ride-alongs, lunches, field conversations and networking, about weekly.
        for rep in in_dept["sales"]:
            regions = SALES_REGIONS.get(rep.location, {"dach"})
            count = 5 if rep.key == "sales-9" else rng.randint(12, 24)  # one rep rarely logs
            for _ in range(count):
                date = self.day(self.hire_date(rep))
                if not self.here_on(rep, date, settled=True):
                    continue
                slug = _pick_weighted(
                    rng,
                    {
                        "sales-ride-along": 9,
                        "lunch-coffee": 3,
                        "site-visit": 2,
                        "field-conversation": 3,
                        "networking": 2,
                        "call-for-opinion": 1,
                    },
                )
                rel = {"field-conversation": PROSPECT, "networking": RIVAL}.get(slug, CURRENT)
                if slug == "sales-ride-along" and rng.random() < 0.25:
                    rel = PROSPECT
                customer: PlannedCustomer | None = self.pick_customer(regions=regions, rel=rel)
                n = self.observer_count([4, 4, 2] if slug != "networking" else [6, 1])
                others = self.observers(slug, date, {rep.key}, n)
                self.add(
                    slug, date, customer, [(rep, Part.HOST)] + [(o, Part.OBSERVER) for o in others]
                )

        # Support: listening sessions hosted by agents, every week or two.
        for agent in support_agents:
            regions = {"na"} if agent.location == CHICAGO else {"dach", "sw", "uk", "east"}
            for _ in range(rng.randint(8, 16)):
                date = self.day(self.hire_date(agent))
                if not self.here_on(agent, date, settled=True):
                    continue
                customer = self.pick_customer(regions=regions) if rng.random() < 0.8 else None
                others = self.observers(
                    "support-listening", date, {agent.key}, 1 + self.observer_count([6, 2])
                )
                if others:
                    self.add(
                        "support-listening",
                        date,
                        customer,
                        [(agent, Part.HOST)] + [(o, Part.OBSERVER) for o in others],
                    )

        # Support shifts: every new technical hire in the first weeks; engineers in rotation.
        for p in self.people:
            new = p.hire_days_ago <= 60
            rate = {"software": 0.8, "controls": 0.45, "mechanical": 0.05}.get(p.department, 0)
            if p.department in {"support", "sales"} or not (new or rng.random() < rate):
                continue
            hired = self.hire_date(p)
            for _ in range(rng.randint(2, 3) if new else rng.randint(1, 2)):
                if new:
                    first_weeks = rng.randint(1, max(1, p.hire_days_ago - 1))
                    date = hired + datetime.timedelta(days=first_weeks)
                    date -= datetime.timedelta(days=max(0, date.weekday() - 4))
                else:
                    date = self.day(hired)
                buddies = [a for a in support_agents if self.here_on(a, date, settled=True)]
                if not buddies or date >= self.today or date <= hired:
                    continue
                buddy = rng.choice(buddies)
                customer = self.pick_customer() if rng.random() < 0.3 else None
                self.add(
                    "support-shift",
                    date,
                    customer,
                    [(p, Part.LEAD), (buddy, Part.HOST)],
                    agent=buddy.first_name,
                )

        # Field Service: installations and site visits, often.
        for tech in in_dept["field_service"]:
            regions = FIELD_REGIONS.get(tech.location, {"dach"})
            for _ in range(rng.randint(9, 16) if tech.key != "head_field" else 4):
                date = self.day(self.hire_date(tech))
                if not self.here_on(tech, date, settled=True):
                    continue
                slug = rng.choice(["setup-ride-along", "setup-ride-along", "site-visit"])
                customer = self.pick_customer(regions=regions)
                others = self.observers(slug, date, {tech.key}, self.observer_count([3, 4, 2, 1]))
                self.add(
                    slug, date, customer, [(tech, Part.HOST)] + [(o, Part.OBSERVER) for o in others]
                )

        # Contacts people start themselves: calls for opinion, survey follow-ups, visits.
        for p in self.people:
            if p.lead <= 0:
                continue
            count = int(p.lead) + (1 if rng.random() < p.lead % 1 else 0)
            kinds = LEAD_KINDS.get(p.key, LEAD_KINDS.get(p.department, LEAD_KINDS["default"]))
            for _ in range(count):
                date = self.day(self.hire_date(p))
                if not self.here_on(p, date):
                    continue
                slug = _pick_weighted(rng, kinds)
                rel = {"field-conversation": PROSPECT, "networking": RIVAL}.get(slug, CURRENT)
                customer = self.pick_customer(rel=rel)
                participants = [(p, Part.LEAD)]
                if slug in {"site-visit", "lunch-coffee"} and rng.random() < 0.7:
                    owner = self.person_for(customer.obj.owner_id)
                    if owner is not p and self.here_on(owner, date):
                        participants.append((owner, Part.HOST))
                self.add(slug, date, customer, participants)

        # Secret-shopper calls to our own lines: no customer, not live.
        shoppers = [
            self.by_key[k]
            for k in ("cx", "accountant", "engineer", "head_quality", "hr-1", "software-3", "ceo")
        ]
        for i in range(12):
            shopper = shoppers[i % len(shoppers)]
            date = self.day(self.hire_date(shopper))
            self.add("secret-shopper", date, None, [(shopper, Part.LEAD)])

        # Role-plays led by Support, and empathy-map workshops led by the program lead.
        # Those who never go to customers don't come to the internal sessions either.
        everyone = [p for p in self.people if p.key not in self.leavers and p.observe >= 0.05]
        for i in range(8):
            date = self.day()
            lead = self.by_key["head_support"] if i % 2 == 0 else rng.choice(support_agents)
            cast = rng.sample(
                [p for p in everyone if p is not lead and self.here_on(p, date)],
                k=rng.randint(3, 6),
            )
            self.add(
                "role-play", date, None, [(lead, Part.LEAD)] + [(o, Part.OBSERVER) for o in cast]
            )
        for i, segment in enumerate(WORKSHOP_SEGMENTS):
            date = self.day()
            lead = self.by_key["cx"]
            cast = rng.sample(
                [p for p in everyone if p is not lead and self.here_on(p, date)],
                k=rng.randint(5, 9),
            )
            if i == 0:
                cast.append(self.by_key["counsel"])  # Legal came once, to the first workshop
            self.add(
                "workshop",
                date,
                None,
                [(lead, Part.LEAD)] + [(o, Part.OBSERVER) for o in cast],
                segment=segment,
            )

    def save_engagements(self) -> int:
        rows = [
            bulk.EngagementRow(
                engagement,
                [(person.saved.pk, part) for person, part in people],
                [contact.pk for contact in met],
            )
            for engagement, people, met in zip(
                self.engagements, self.participants, self.contacts_met, strict=True
            )
        ]
        return bulk.engagements_save(rows)
