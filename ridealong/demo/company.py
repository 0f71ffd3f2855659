"""The demo company: Falkenrath Packaging Machines, loaded by `ridealong demo`.

A mid-sized maker of industrial packaging lines (flow wrappers, cartoners, tray sealers,
blister lines) sold to food, pharma and cosmetics plants in Europe and North America:
about 150 people, about 60 customers with their contacts, and six months of customer
contacts of every kind. The contacts are spread unevenly on purpose, so dashboards have a
story to tell: Sales, Support and Field Service meet customers every week, the software team
regularly, mechanical engineering rarely, Finance, HR and Legal almost never (except one
enthusiastic accountant); the CEO models it, the VP Operations never goes; a few customers
get far more visitors than the rest.

Deterministic: the same seed gives the same company every time, with dates relative to
`today`. Written in bulk so the whole load takes a second or two.

This module holds what every part of the company shares (names, the builder's state); the
people, customers and engagements are built in their own modules, loaded by `loader`.
"""

import datetime
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import ContactKind, Engagement
from ridealong.people.models import Person

SEED = 2024
ORGANISATION_NAME = "Falkenrath Packaging Machines"
TIME_ZONE = "Europe/Berlin"
DOMAIN = "falkenrath.example"
# Published with the demo on purpose; long enough and not on Django's common-password list.
DEMO_PASSWORD = "ridealong-demo"  # noqa: S105
DAYS = 182  # six months of engagements


class DemoNotLoadable(Exception):
    """The database already holds people: the demo loads only into an empty company."""


@dataclass(frozen=True)
class DemoLogin:
    role: str  # a Role value
    email: str
    name: str
    title: str

    @property
    def role_label(self) -> str:
        return Role(self.role).label


@dataclass
class DemoSummary:
    organisation: str
    departments: int
    people: int
    customers: int
    contacts: int
    engagements: int
    participations: int
    password: str
    logins: list[DemoLogin] = field(default_factory=list)
    # What other apps added (opportunities, insights, surveys …), as {what: how many}.
    extras: dict[str, int] = field(default_factory=dict)


# Where the company works.
HQ = "Bielefeld (HQ)"
CHICAGO = "Chicago (US office)"
LYON = "Lyon (service hub)"
MILAN = "Milan"
MANCHESTER = "Manchester"
POZNAN = "Poznań"


@dataclass
class PlannedPerson:
    """A person of the story; `obj` is the Person once written."""

    key: str
    first_name: str
    last_name: str
    title: str
    department: str
    manager: str | None
    role_kind: str
    location: str
    observe: float  # how readily they join someone else's customer contact
    lead: float  # how many contacts they start themselves in six months
    login: str | None = None
    hire_days_ago: int = 0
    email: str = ""
    obj: Person | None = None

    @property
    def saved(self) -> Person:
        """The Person, once written (the people come first; everything else uses them)."""
        assert self.obj is not None, self.key
        return self.obj

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class PlannedCustomer:
    """A customer of the story with what the engagements need to know about it."""

    obj: Customer
    short: str
    region: str
    tz: ZoneInfo
    language: str
    products: list[str]
    contacts: list[Contact]
    weight: float


def ascii_slug(text: str, sep: str = "") -> str:
    special = {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "æ": "ae"}
    text = "".join(special.get(ch, ch) for ch in text)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain.lower()).split()
    return sep.join(words)


class Company:
    """The demo company while it is built: what the people, customer and engagement builders
    share. Everything random comes from `rng`, in a fixed order."""

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        midnight = datetime.datetime.combine(today, datetime.time(0), tzinfo=ZoneInfo(TIME_ZONE))
        self.cutoff = min(self.now, midnight)
        self.people: list[PlannedPerson] = []
        self.by_key: dict[str, PlannedPerson] = {}
        self.customers: list[PlannedCustomer] = []
        self.kinds = {k.slug: k for k in ContactKind.objects.all()}
        self.users_by_person: dict[int | None, User] = {}  # by person pk (every demo login has one)
        self.engagements: list[Engagement] = []
        self.participants: list[Sequence[tuple[PlannedPerson, str]]] = []
        self.contacts_met: list[list[Contact]] = []
        self.by_pk: dict[int | None, PlannedPerson] = {}  # a customer's owner_id may be None
        # Most contacts were logged by people still here; two have left since.
        self.leavers = {"production-17", "support-5"}

    def hire_date(self, person: PlannedPerson) -> datetime.date:
        return self.today - datetime.timedelta(days=person.hire_days_ago)

    def here_on(self, person: PlannedPerson, date: datetime.date, *, settled: bool = False) -> bool:
        """Employed on `date`; `settled`: for a month at least, long enough to host others."""
        hired = self.hire_date(person) + datetime.timedelta(days=30 if settled else 0)
        return hired < date and person.key not in self.leavers

    def person_for(self, pk: int | None) -> PlannedPerson:
        return self.by_pk[pk]
