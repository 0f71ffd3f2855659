"""`ridealong seed`: synthetic data at scale, for benchmarks.

    ridealong seed --people 10000 --customers 2000 --engagements 200000

Adds to whatever the database holds: a tree of departments (reused when it exists), people
with managers, customers with contacts, and engagements with one to three participants and
the contacts met. The same --seed gives the same names and numbers; each run's e-mail
addresses sit under their own domain (run1.seed.example, run2…), so runs never collide.
Written in batches with bulk inserts; progress goes to stderr, the summary to stdout.
"""

import datetime
import random
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ridealong.core.audit import log_action
from ridealong.customers.models import Channel, Contact, Customer, Relationship
from ridealong.demo.bulk import (
    EngagementRow,
    chunks,
    engagements_save,
    people_save,
    rows_save,
)
from ridealong.engagements.models import ContactKind, Engagement, EngagementChannel, Part
from ridealong.people.models import Department, Person, RoleKind

# root department: (share of the people, role kind, titles)
DEPARTMENTS: dict[str, tuple[int, str, list[str]]] = {
    "Engineering": (25, RoleKind.TECHNICAL, ["Software Engineer", "Mechanical Engineer"]),
    "Production": (20, RoleKind.OTHER, ["Assembly Technician", "Machine Fitter"]),
    "Quality": (5, RoleKind.TECHNICAL, ["Quality Engineer", "Quality Inspector"]),
    "IT": (4, RoleKind.TECHNICAL, ["Systems Administrator", "IT Support Technician"]),
    "Finance": (4, RoleKind.OTHER, ["Accountant", "Controller"]),
    "HR": (3, RoleKind.OTHER, ["HR Business Partner", "Recruiter"]),
    "Legal": (2, RoleKind.OTHER, ["Legal Counsel"]),
    "Sales": (13, RoleKind.CUSTOMER_FACING, ["Account Manager", "Sales Engineer"]),
    "Customer Support": (12, RoleKind.CUSTOMER_FACING, ["Support Agent", "Support Engineer"]),
    "Field Service": (12, RoleKind.CUSTOMER_FACING, ["Field Service Technician"]),
}
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Chloé",
    "David",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kasia",
    "Liam",
    "Maya",
    "Noah",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Ugo",
    "Vera",
    "Wen",
    "Xavier",
    "Yara",
    "Zoltan",
    "Amir",
    "Bianca",
    "Carlos",
    "Dana",
    "Emil",
    "Freya",
]
LAST_NAMES = [
    "Adler",
    "Becker",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Müller",
    "Novak",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmer",
    "Andersson",
    "Bauer",
    "Conti",
    "Dalton",
    "Evans",
    "Fontaine",
]
CUSTOMER_WORDS = [
    "Northfield",
    "Alpine",
    "Harbour",
    "Meadow",
    "Summit",
    "Riverside",
    "Golden",
    "Lakeside",
    "Oakwood",
    "Sunrise",
    "Prairie",
    "Coastal",
    "Highland",
    "Silver",
    "Evergreen",
    "Maple",
    "Cedar",
    "Granite",
    "Willow",
    "Aurora",
]
CUSTOMER_TRADES = [
    ("Dairy", "Dairy"),
    ("Bakeries", "Bakery"),
    ("Foods", "Food & beverage"),
    ("Pharma", "Pharma"),
    ("Cosmetics", "Cosmetics"),
    ("Pet Nutrition", "Pet food"),
    ("Confectionery", "Confectionery"),
]
LEGAL_FORMS = ["GmbH", "Ltd", "Inc.", "S.A.", "B.V.", "AB", "S.r.l."]
CITIES = [
    ("Hamburg", "Germany"),
    ("Lyon", "France"),
    ("Milan", "Italy"),
    ("Rotterdam", "Netherlands"),
    ("Leeds", "United Kingdom"),
    ("Chicago, IL", "United States"),
    ("Toronto", "Canada"),
    ("Poznań", "Poland"),
]
CONTACT_TITLES = ["Plant Manager", "Maintenance Lead", "Head of Procurement", "Quality Manager"]
SEGMENTS = ["Enterprise", "Mid-market", "Mid-market", "Small business", "Small business"]
DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240]
CHANNELS = [EngagementChannel.ON_SITE, EngagementChannel.PHONE, EngagementChannel.VIDEO]
TEAM_FAN_OUT = 8  # reports per manager inside a team


class Command(BaseCommand):
    help = "Add synthetic people, customers and engagements at scale (for benchmarks)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--people", type=int, default=1000, help="People to add (1000).")
        parser.add_argument("--customers", type=int, default=200, help="Customers to add (200).")
        parser.add_argument(
            "--engagements", type=int, default=10000, help="Engagements to add (10000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (1).")
        parser.add_argument(
            "--days", type=int, default=365, help="Spread engagements over this many days (365)."
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per batch (5000).")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("people", "customers", "engagements", "days", "batch_size"):
            if options[name] < 0 or (name in {"days", "batch_size"} and options[name] < 1):
                raise CommandError(f"--{name.replace('_', '-')} must be a positive number.")
        self.rng = random.Random(options["seed"])
        self.batch = options["batch_size"]
        self.started = time.monotonic()
        self.now = timezone.now()
        self.added_contacts = 0
        domain = self.run_domain()

        departments = self.departments(options["people"])
        people = self.people(options["people"], departments, domain)
        customers, contacts = self.customers(options["customers"], people)
        n_engagements, n_participations = self.engagements(
            options["engagements"], options["days"], people, customers, contacts
        )
        log_action(
            "core.seed.loaded",
            changes={
                "people": options["people"],
                "customers": options["customers"],
                "engagements": n_engagements,
                "domain": domain,
            },
        )
        self.stdout.write(
            f"Seeded in {time.monotonic() - self.started:.1f} s: "
            f"{options['people']:,} people "
            f"({sum(len(t) for t in departments.values())} teams, e-mails @{domain}), "
            f"{options['customers']:,} customers with "
            f"{self.added_contacts:,} contacts, {n_engagements:,} engagements with "
            f"{n_participations:,} participations."
        )

    def progress(self, what: str, done: int, total: int) -> None:
        sys.stderr.write(
            f"  {what}: {done:,}/{total:,} ({time.monotonic() - self.started:.1f} s)\n"
        )
        sys.stderr.flush()

    def run_domain(self) -> str:
        """The first runN.seed.example no earlier run has used."""
        n = 1
        while Person.objects.filter(email__endswith=f"@run{n}.seed.example").exists():
            n += 1
        return f"run{n}.seed.example"

    def departments(self, people: int) -> dict[str, list[Department]]:
        """Each root department with its teams (leaves), reusing those that exist."""
        teams_per_root = max(1, min(10, people // 1000))
        existing = {(d.name.lower(), d.parent_id): d for d in Department.objects.all()}

        def get_or_build(name: str, parent: Department | None) -> Department:
            key = (name.lower(), parent.pk if parent else None)
            if key not in existing:
                existing[key] = Department.objects.create(name=name, parent=parent)
            return existing[key]

        tree: dict[str, list[Department]] = {}
        with transaction.atomic():
            for root_name in DEPARTMENTS:
                root = get_or_build(root_name, None)
                tree[root_name] = [
                    get_or_build(f"{root_name} team {i}", root)
                    for i in range(1, teams_per_root + 1)
                ]
        return tree

    def people(
        self, total: int, tree: dict[str, list[Department]], domain: str
    ) -> list[tuple[int, str]]:
        """Add `total` people; return (pk, root department) for each person to draw from."""
        if total == 0:
            return list(Person.objects.filter(is_active=True).values_list("pk", "department__name"))
        rng = self.rng
        roots = list(DEPARTMENTS)
        shares = [DEPARTMENTS[r][0] for r in roots]
        people: list[Person] = []
        root_of: list[str] = []
        for i in range(total):
            root = rng.choices(roots, weights=shares)[0] if i >= len(roots) else roots[i]
            _, kind, titles = DEPARTMENTS[root]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(
                Person(
                    first_name=first,
                    last_name=last,
                    email=f"{first}.{last}.{i + 1}@{domain}".lower(),
                    title=rng.choice(titles),
                    department=rng.choice(tree[root]),
                    role_kind=kind,
                    hire_date=self.now.date() - datetime.timedelta(days=rng.randint(1, 15 * 365)),
                    location=rng.choice(CITIES)[0],
                )
            )
            root_of.append(root)

        # Managers: a small tree in every team; team managers report to the root's first one.
        by_team: dict[int | None, list[int]] = {}  # department pk: positions in `people`
        for position, person in enumerate(people):
            by_team.setdefault(person.department_id, []).append(position)
        managers: dict[int, int] = {}
        for teams in tree.values():
            heads = [by_team[t.pk][0] for t in teams if by_team.get(t.pk)]
            for head in heads[1:]:
                managers[head] = heads[0]
            for team in teams:
                members = by_team.get(team.pk, [])
                for k, position in enumerate(members[1:], start=1):
                    managers[position] = members[(k - 1) // TEAM_FAN_OUT]
        people_save(people, managers=managers, batch_size=self.batch, progress=self.progress)
        return [(p.pk, root) for p, root in zip(people, root_of, strict=True)]

    def customers(
        self, total: int, people: list[tuple[int, str]]
    ) -> tuple[list[int], dict[int, list[int]]]:
        """Add `total` customers with contacts; return customer pks and their contacts' pks."""
        if total == 0:
            contacts: dict[int, list[int]] = {}
            for pk, customer_id in Contact.objects.values_list("pk", "customer_id"):
                contacts.setdefault(customer_id, []).append(pk)
            return list(Customer.objects.values_list("pk", flat=True)), contacts
        rng = self.rng
        sales = [pk for pk, root in people if root == "Sales"] or [pk for pk, _ in people]
        relationships = [Relationship.CURRENT] * 7 + [Relationship.PROSPECT] * 2
        relationships.append(Relationship.COMPETITOR_CLIENT)
        customers: list[Customer] = []
        for _ in range(total):
            word, (trade, industry) = rng.choice(CUSTOMER_WORDS), rng.choice(CUSTOMER_TRADES)
            city, country = rng.choice(CITIES)
            customers.append(
                Customer(
                    name=f"{word} {trade} {rng.choice(LEGAL_FORMS)}",
                    relationship=rng.choice(relationships),
                    segment=rng.choice(SEGMENTS),
                    industry=industry,
                    city=city,
                    country=country,
                    annual_revenue=rng.randint(5, 5000) * 1_000_000,
                    owner_id=rng.choice(sales) if sales else None,
                )
            )
        rows_save(
            Customer, customers, what="customers", batch_size=self.batch, progress=self.progress
        )

        contact_rows: list[Contact] = []
        for n, customer in enumerate(customers):
            domain = f"customer{n + 1}.{customer.name.split()[0].lower()}.example"
            for k in range(rng.randint(1, 4)):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                contact_rows.append(
                    Contact(
                        customer_id=customer.pk,
                        name=f"{first} {last}",
                        title=CONTACT_TITLES[k],
                        email=f"{first}.{last}.{k}@{domain}".lower(),
                        phone=f"+49 521 {rng.randint(1000000, 9999999)}",
                        preferred_channel=rng.choice(Channel.values),
                        do_not_contact=rng.random() < 0.03,
                    )
                )
        rows_save(
            Contact, contact_rows, what="contacts", batch_size=self.batch, progress=self.progress
        )
        self.added_contacts = len(contact_rows)
        by_customer: dict[int, list[int]] = {}
        for contact in contact_rows:
            by_customer.setdefault(contact.customer_id, []).append(contact.pk)
        return [c.pk for c in customers], by_customer

    def engagements(
        self,
        total: int,
        days: int,
        people: list[tuple[int, str]],
        customers: list[int],
        contacts: dict[int, list[int]],
    ) -> tuple[int, int]:
        if total == 0:
            return 0, 0
        if not people:
            raise CommandError("Engagements need people: add some with --people.")
        rng = self.rng
        kinds = list(ContactKind.objects.filter(is_active=True))
        if not kinds:
            raise CommandError("There are no active kinds of contact.")
        person_ids = [pk for pk, _ in people]
        seconds = days * 24 * 3600
        n_participations = 0
        for part in chunks(total, self.batch):
            engagements: list[Engagement] = []
            for _ in part:
                kind = rng.choice(kinds)
                customer_id = rng.choice(customers) if customers and kind.is_live else None
                engagements.append(
                    Engagement(
                        kind_id=kind.pk,
                        customer_id=customer_id,
                        started_at=self.now
                        - datetime.timedelta(seconds=rng.randint(3600, seconds)),
                        duration_minutes=rng.choice(DURATIONS),
                        channel=rng.choice(CHANNELS),
                        summary=f"{kind.name} (synthetic #{rng.randint(1, 10**6)})",
                        created_at=self.now,
                    )
                )
            rows: list[EngagementRow] = []
            for engagement in engagements:
                chosen = rng.sample(person_ids, k=min(len(person_ids), rng.randint(1, 3)))
                row = EngagementRow(
                    engagement,
                    [(chosen[0], Part.HOST)] + [(pk, Part.OBSERVER) for pk in chosen[1:]],
                )
                met = contacts.get(engagement.customer_id or 0, [])
                if met and rng.random() < 0.6:
                    row.contacts.append(rng.choice(met))
                rows.append(row)
            n_participations += engagements_save(rows, batch_size=self.batch)
            self.progress("engagements", part.stop, total)
        return total, n_participations
