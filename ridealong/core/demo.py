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
`today`. Written with bulk_create so the whole load takes a second or two.
"""

import datetime
import importlib
import random
import string
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import Role, User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation, Weekday
from ridealong.customers.models import Channel, Contact, Customer, Relationship
from ridealong.engagements.models import (
    ContactKind,
    Engagement,
    EngagementChannel,
    Part,
    Participation,
)
from ridealong.people.models import Department, Person, RoleKind

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


# --- The company ------------------------------------------------------------------------

HQ = "Bielefeld (HQ)"
CHICAGO = "Chicago (US office)"
LYON = "Lyon (service hub)"
MILAN = "Milan"
MANCHESTER = "Manchester"
POZNAN = "Poznań"

# key: (name, parent key)
DEPARTMENTS: dict[str, tuple[str, str | None]] = {
    "executive": ("Executive Office", None),
    "engineering": ("Engineering", None),
    "mechanical": ("Mechanical Engineering", "engineering"),
    "controls": ("Controls & Firmware", "engineering"),
    "software": ("Software", "engineering"),
    "production": ("Production", None),
    "quality": ("Quality", None),
    "it": ("IT", None),
    "finance": ("Finance", None),
    "hr": ("HR", None),
    "legal": ("Legal", None),
    "sales": ("Sales", None),
    "support": ("Customer Support", None),
    "field_service": ("Field Service", None),
}


@dataclass
class _Person:
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
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


# Short names for the tables below.
LD, TE, CF, OT = RoleKind.LEADER, RoleKind.TECHNICAL, RoleKind.CUSTOMER_FACING, RoleKind.OTHER

# The people with a part in the story; everyone else is generated around them.
KEY_PEOPLE: list[tuple] = [
    # key, first, last, title, department, manager, role kind, location, observe, lead, login
    ("ceo", "Henrike", "Falkenrath", "Chief Executive Officer", "executive", None, LD, HQ, 1.6, 11),
    ("vp_ops", "Rainer", "Kuhlmann", "VP Operations", "executive", "ceo", LD, HQ, 0, 0),
    ("cx", "Priya", "Raman", "Head of Customer Experience", "executive", "ceo", LD, HQ, 0.8, 9,
     Role.PROGRAM_LEAD),
    ("vp_eng", "Tomasz", "Nowak", "VP Engineering", "engineering", "ceo", LD, HQ, 0.5, 2,
     Role.MANAGER),
    ("lead_mech", "Dirk", "Hartmann", "Head of Mechanical Engineering", "mechanical", "vp_eng", TE,
     HQ, 0.1, 0.3),
    ("lead_controls", "Aylin", "Demir", "Lead Controls Engineer", "controls", "vp_eng", TE, HQ,
     0.6, 1),
    ("lead_software", "Arjun", "Iyer", "Software Team Lead", "software", "vp_eng", TE, HQ, 1.0, 2),
    ("engineer", "Jonas", "Weber", "Software Engineer", "software", "lead_software", TE, HQ, 2.6,
     4, Role.MEMBER),
    ("head_production", "Stefan", "Brandt", "Head of Production", "production", "vp_ops", LD, HQ,
     0.15, 0.2),
    ("head_quality", "Elena", "Conti", "Head of Quality", "quality", "vp_ops", LD, HQ, 0.6, 2),
    ("cfo", "Claire", "Dubois", "CFO, Head of Finance", "finance", "ceo", LD, HQ, 0.02, 0,
     Role.MANAGER),
    ("accountant", "Lena", "Hoffmann", "Accountant", "finance", "cfo", OT, HQ, 2.2, 5,
     Role.MEMBER),
    ("head_it", "Ingrid", "Sørensen", "Head of IT", "it", "cfo", LD, HQ, 0.2, 0.5, Role.ADMIN),
    ("head_hr", "Sabine", "Krüger", "Head of HR", "hr", "cfo", LD, HQ, 0.05, 0),
    ("counsel", "Anouk", "de Vries", "General Counsel", "legal", "ceo", LD, HQ, 0.0, 0),
    ("vp_sales", "Marco", "Bianchi", "VP Sales", "sales", "ceo", LD, HQ, 0.3, 0),
    ("head_support", "Emre", "Yılmaz", "Head of Customer Support", "support", "cx", LD, HQ, 0.3, 0),
    ("head_field", "Lars", "Lindqvist", "Head of Field Service", "field_service", "cx", LD, HQ,
     0.3, 0),
]  # fmt: skip

# The order in which the demo sign-ins are printed.
LOGIN_ORDER = [Role.ADMIN, Role.PROGRAM_LEAD, Role.MANAGER, Role.MEMBER]

# department: (how many, manager key, role kind, titles, locations, observe, lead)
TEAMS: dict[str, tuple] = {
    "executive": (1, "ceo", OT, ["Executive Assistant"], [HQ], 0.1, 0),
    "mechanical": (15, "lead_mech", TE,
                   ["Mechanical Design Engineer", "Senior Mechanical Engineer", "CAD Designer",
                    "Mechanical Engineer", "Test Engineer"], [HQ], 0.06, 0.1),
    "controls": (10, "lead_controls", TE,
                 ["Controls Engineer", "PLC Programmer", "Firmware Engineer",
                  "Electrical Designer", "Senior Controls Engineer"], [HQ], 0.5, 0.8),
    "software": (10, "lead_software", TE,
                 ["Software Engineer", "Senior Software Engineer", "Frontend Developer",
                  "QA Engineer", "DevOps Engineer", "Product Owner, Line Monitor"],
                 [HQ] * 8 + ["Remote (Lisbon)", "Remote (Kraków)"], 1.0, 2),
    "production": (31, "head_production", OT,
                   ["Assembly Technician", "Machine Fitter", "Industrial Electrician",
                    "Warehouse Operative", "Production Planner", "Welder",
                    "Logistics Coordinator"], [HQ], 0.07, 0.05),
    "quality": (7, "head_quality", TE,
                ["Quality Engineer", "Quality Inspector", "Supplier Quality Engineer",
                 "Metrology Technician"], [HQ], 0.45, 1.5),
    "it": (5, "head_it", TE,
           ["Systems Administrator", "ERP Specialist", "IT Support Technician",
            "Network Engineer"], [HQ], 0.08, 0.2),
    "finance": (5, "cfo", OT,
                ["Senior Accountant", "Controller", "Accounts Payable Specialist",
                 "Credit Controller"], [HQ], 0.0, 0),
    "hr": (4, "head_hr", OT, ["HR Business Partner", "Recruiter", "Payroll Specialist"], [HQ],
           0.03, 0.1),
    "legal": (2, "counsel", OT, ["Contracts Manager", "Legal Counsel"], [HQ], 0.0, 0),
    "sales": (13, "vp_sales", CF,
              ["Account Manager", "Key Account Manager", "Sales Engineer",
               "Inside Sales Representative", "Area Sales Manager"],
              [HQ] * 6 + [CHICAGO] * 3 + [LYON] * 2 + [MILAN, MANCHESTER], 0.15, 0),
    "support": (12, "head_support", CF,
                ["Support Engineer", "Technical Support Specialist", "Support Agent",
                 "Spare Parts Coordinator"], [HQ] * 8 + [CHICAGO] * 4, 0.2, 0),
    "field_service": (15, "head_field", CF,
                      ["Field Service Technician", "Senior Service Engineer",
                       "Commissioning Engineer"],
                      [HQ] * 6 + [CHICAGO] * 4 + [LYON] * 3 + [POZNAN] * 2, 0.15, 0),
}  # fmt: skip

# Departments whose newest member joined in the last 30 days (how many new hires each).
NEW_HIRES = {"software": 2, "controls": 1, "support": 1, "field_service": 1, "production": 1}

NAMES: dict[str, tuple[list[str], list[str]]] = {
    "de": (
        ["Jonas", "Lena", "Felix", "Hannah", "Lukas", "Miriam", "Tobias", "Katrin", "Jan",
         "Sabine", "Moritz", "Anja", "Stefan", "Julia", "Matthias", "Carina", "Florian",
         "Svenja", "Dirk", "Nele", "Björn", "Ute", "Timo", "Jana"],
        ["Weber", "Hoffmann", "Schäfer", "Becker", "Wagner", "Koch", "Richter", "Klein", "Wolf",
         "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Vogel", "Kuhn",
         "Franke", "Lindner", "Böhm", "Meißner", "Strothmann", "Büscher", "Niemeyer"],
    ),
    "pl": (["Tomasz", "Agnieszka", "Piotr", "Katarzyna", "Marek", "Magdalena", "Paweł", "Joanna"],
           ["Nowak", "Kaczmarek", "Mazur", "Krawczyk", "Wójcik", "Kowalczyk", "Dudek"]),
    "tr": (["Emre", "Aylin", "Mehmet", "Zeynep", "Can", "Elif", "Burak", "Selin"],
           ["Yılmaz", "Demir", "Kaya", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"]),
    "it": (["Marco", "Giulia", "Luca", "Chiara", "Davide", "Francesca", "Matteo", "Elena"],
           ["Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Conti"]),
    "fr": (["Julien", "Camille", "Antoine", "Claire", "Mathieu", "Élodie", "Nicolas", "Sophie"],
           ["Dubois", "Laurent", "Moreau", "Girard", "Lefèvre", "Roux", "Fontaine", "Chevalier"]),
    "es": (["Javier", "Lucía", "Diego", "Marta", "Álvaro", "Carmen", "Sergio", "Paula"],
           ["García", "Fernández", "López", "Martín", "Navarro", "Ruiz", "Ortega"]),
    "in": (["Priya", "Arjun", "Ananya", "Rahul", "Kavya", "Vikram", "Neha", "Rohan"],
           ["Raman", "Sharma", "Iyer", "Patel", "Nair", "Reddy", "Menon"]),
    "vn": (["Linh", "Minh", "Thao", "Duc", "Hoa"], ["Nguyen", "Tran", "Pham", "Le", "Vu"]),
    "nordic": (["Erik", "Ingrid", "Lars", "Astrid", "Sven", "Karin", "Mette", "Anders"],
               ["Lindqvist", "Sørensen", "Andersson", "Nilsson", "Berg", "Holm", "Dahl"]),
    "nl": (["Daan", "Femke", "Sander", "Anouk", "Joris", "Lotte"],
           ["de Vries", "Jansen", "Bakker", "Visser", "van Dijk", "Smit", "Mulder"]),
    "en": (["Michael", "Sarah", "David", "Emily", "Chris", "Jessica", "Ryan", "Megan", "Tom",
            "Olivia", "Kevin", "Rachel"],
           ["Johnson", "Miller", "Walsh", "Brooks", "Carter", "Bennett", "Hughes", "Foster",
            "Turner", "Reyes", "Coleman", "Murphy"]),
    "gr": (["Nikos", "Eleni", "Dimitris", "Maria"], ["Papadopoulos", "Georgiou", "Konstantinou"]),
    "pt": (["João", "Ana", "Rafael", "Beatriz", "Tiago"], ["Silva", "Santos", "Oliveira", "Costa"]),
    "wa": (["Chidi", "Ngozi", "Kwame", "Ama", "Kofi"], ["Okafor", "Adeyemi", "Mensah", "Boateng"]),
    "cz": (["Jakub", "Tereza", "Ondřej", "Lucie"], ["Dvořák", "Procházka", "Kučera"]),
}  # fmt: skip

# Where people come from, by where they work: the HQ is German with people from everywhere.
ORIGINS_BY_LOCATION: dict[str, list[str]] = {
    HQ: ["de"] * 10 + ["tr", "tr", "pl", "pl", "it", "gr", "nl", "es", "pt", "in", "wa", "cz"],
    CHICAGO: ["en"] * 5 + ["in", "vn", "wa", "es", "pl"],
    LYON: ["fr"] * 5 + ["pt", "es", "it"],
    MILAN: ["it"],
    MANCHESTER: ["en"],
    POZNAN: ["pl"],
    "Remote (Lisbon)": ["pt"],
    "Remote (Kraków)": ["pl"],
}

# --- Customers ---------------------------------------------------------------------------

CURRENT, PROSPECT, RIVAL = (
    Relationship.CURRENT,
    Relationship.PROSPECT,
    Relationship.COMPETITOR_CLIENT,
)
ENT, MID, SMALL = "Enterprise", "Mid-market", "Small business"

# name, short name, industry, city, country, segment, relationship
CUSTOMERS: list[tuple[str, str, str, str, str, str, str]] = [
    ("Alpenmilch Molkerei eG", "Alpenmilch", "Dairy", "Kempten", "Germany", ENT, CURRENT),
    ("Großbäckerei Gruber GmbH", "Gruber", "Bakery", "Regensburg", "Germany", MID, CURRENT),
    ("Nordsee Feinkost AG", "Nordsee Feinkost", "Food & beverage", "Bremerhaven", "Germany", MID,
     CURRENT),
    ("Rheinland Pharma GmbH", "Rheinland Pharma", "Pharma", "Leverkusen", "Germany", ENT, CURRENT),
    ("Lumière Cosmétiques SA", "Lumière", "Cosmetics", "Lyon", "France", MID, CURRENT),
    ("Fromagerie des Aravis SAS", "Fromagerie des Aravis", "Dairy", "Annecy", "France", SMALL,
     CURRENT),
    ("Biscuiterie Vannier", "Vannier", "Bakery", "Nantes", "France", MID, CURRENT),
    ("Laboratoires Sérac", "Sérac", "Pharma", "Toulouse", "France", MID, CURRENT),
    ("Dolcezza Confetti S.p.A.", "Dolcezza", "Confectionery", "Turin", "Italy", MID, CURRENT),
    ("Pastificio Valtorta", "Valtorta", "Food & beverage", "Bergamo", "Italy", MID, CURRENT),
    ("Farmaceutica Lombarda S.r.l.", "Farmaceutica Lombarda", "Pharma", "Milan", "Italy", ENT,
     CURRENT),
    ("Bella Pelle Cosmetici", "Bella Pelle", "Cosmetics", "Bologna", "Italy", SMALL, PROSPECT),
    ("Granja del Sol S.A.", "Granja del Sol", "Food & beverage", "Valencia", "Spain", MID, CURRENT),
    ("Laboratorios Ibérica Farma", "Ibérica Farma", "Pharma", "Barcelona", "Spain", MID, PROSPECT),
    ("Zuivelcoöperatie Friesland Noord", "Friesland Noord", "Dairy", "Leeuwarden", "Netherlands",
     ENT, CURRENT),
    ("Van der Meulen Bakkerijen B.V.", "Van der Meulen", "Bakery", "Utrecht", "Netherlands", MID,
     CURRENT),
    ("Hollandse Huisdiervoeding B.V.", "Hollandse Huisdiervoeding", "Pet food", "Eindhoven",
     "Netherlands", MID, CURRENT),
    ("Nordic Pet Nutrition AB", "Nordic Pet", "Pet food", "Gothenburg", "Sweden", MID, RIVAL),
    ("Skandia Skin AB", "Skandia Skin", "Cosmetics", "Malmö", "Sweden", SMALL, CURRENT),
    ("Mazury Mleczarnia Sp. z o.o.", "Mazury Mleczarnia", "Dairy", "Olsztyn", "Poland", MID,
     CURRENT),
    ("Słodka Chwila Sp. z o.o.", "Słodka Chwila", "Confectionery", "Poznań", "Poland", SMALL,
     CURRENT),
    ("Pharmawerk Wien GmbH", "Pharmawerk Wien", "Pharma", "Vienna", "Austria", MID, CURRENT),
    ("Tiroler Bergkäserei GmbH", "Tiroler Bergkäserei", "Dairy", "Innsbruck", "Austria", SMALL,
     PROSPECT),
    ("Helvetia Nutrition AG", "Helvetia Nutrition", "Nutraceuticals", "Basel", "Switzerland", ENT,
     CURRENT),
    ("Chocolaterie Vermeulen", "Vermeulen", "Confectionery", "Ghent", "Belgium", SMALL, CURRENT),
    ("Brasserie du Nord", "Brasserie du Nord", "Food & beverage", "Lille", "France", SMALL,
     PROSPECT),
    ("Kingsmead Foods Ltd", "Kingsmead", "Food & beverage", "Leicester", "United Kingdom", ENT,
     CURRENT),
    ("Thistle Bakery Group", "Thistle", "Bakery", "Glasgow", "United Kingdom", MID, RIVAL),
    ("Wessex Pharma Packaging Ltd", "Wessex Pharma", "Pharma", "Swindon", "United Kingdom", MID,
     CURRENT),
    ("Harrow & Lyle Cosmetics", "Harrow & Lyle", "Cosmetics", "London", "United Kingdom", MID,
     CURRENT),
    ("Dublin Bay Dairies", "Dublin Bay", "Dairy", "Dublin", "Ireland", MID, CURRENT),
    ("Aegean Olive Co.", "Aegean Olive", "Food & beverage", "Thessaloniki", "Greece", SMALL,
     PROSPECT),
    ("Vitalis Naturkost GmbH", "Vitalis", "Nutraceuticals", "Freiburg", "Germany", SMALL, CURRENT),
    ("Hanse Tiernahrung GmbH", "Hanse Tiernahrung", "Pet food", "Hamburg", "Germany", MID, CURRENT),
    ("Sachsen Süßwaren GmbH", "Sachsen Süßwaren", "Confectionery", "Dresden", "Germany", MID,
     CURRENT),
    ("Westfalen Fleischwaren GmbH", "Westfalen Fleischwaren", "Food & beverage", "Gütersloh",
     "Germany", ENT, CURRENT),
    ("Kaffeerösterei Brandl", "Brandl", "Coffee", "Munich", "Germany", SMALL, CURRENT),
    ("Eiskalt Tiefkühlkost GmbH", "Eiskalt", "Frozen food", "Bremen", "Germany", MID, RIVAL),
    ("Moravské pekárny a.s.", "Moravské pekárny", "Bakery", "Brno", "Czechia", MID, PROSPECT),
    ("Jylland Mejeri A/S", "Jylland Mejeri", "Dairy", "Aarhus", "Denmark", ENT, CURRENT),
    ("Prairie Gold Dairy Cooperative", "Prairie Gold", "Dairy", "Madison, WI", "United States",
     ENT, CURRENT),
    ("Great Lakes Snacks Inc.", "Great Lakes Snacks", "Food & beverage", "Chicago, IL",
     "United States", ENT, CURRENT),
    ("Hudson Valley Bakeworks", "Hudson Valley", "Bakery", "Albany, NY", "United States", MID,
     CURRENT),
    ("Meridian Pharmaceuticals", "Meridian", "Pharma", "Raleigh, NC", "United States", ENT,
     CURRENT),
    ("Bluebonnet Pet Foods", "Bluebonnet", "Pet food", "Austin, TX", "United States", MID, CURRENT),
    ("Sierra Botanicals", "Sierra Botanicals", "Cosmetics", "Sacramento, CA", "United States",
     MID, PROSPECT),
    ("Copper Kettle Confections", "Copper Kettle", "Confectionery", "Milwaukee, WI",
     "United States", SMALL, CURRENT),
    ("Northstar Nutraceuticals", "Northstar", "Nutraceuticals", "Minneapolis, MN",
     "United States", MID, CURRENT),
    ("Cascade Coffee Roasters", "Cascade Coffee", "Coffee", "Portland, OR", "United States",
     SMALL, PROSPECT),
    ("Ohio Valley Frozen Foods", "Ohio Valley", "Frozen food", "Columbus, OH", "United States",
     MID, RIVAL),
    ("Fromagerie Laurentienne Inc.", "Laurentienne", "Dairy", "Québec City", "Canada", MID,
     CURRENT),
    ("Maplewood Bakeries Ltd.", "Maplewood", "Bakery", "Toronto", "Canada", ENT, CURRENT),
    ("Pacific Rim Cosmetics", "Pacific Rim", "Cosmetics", "Vancouver", "Canada", SMALL, CURRENT),
    ("Cumberland Labs", "Cumberland", "Pharma", "Nashville, TN", "United States", MID, CURRENT),
    ("Heartland Pet Nutrition", "Heartland Pet", "Pet food", "Omaha, NE", "United States", MID,
     PROSPECT),
    ("Dulces La Sierra S.A. de C.V.", "Dulces La Sierra", "Confectionery", "Monterrey", "Mexico",
     MID, PROSPECT),
    ("Green Mountain Creamery", "Green Mountain", "Dairy", "Burlington, VT", "United States",
     SMALL, CURRENT),
    ("Keystone Pretzel Company", "Keystone Pretzel", "Bakery", "Lancaster, PA", "United States",
     SMALL, CURRENT),
    ("Atlantic Seafood Processors", "Atlantic Seafood", "Food & beverage", "Halifax", "Canada",
     MID, RIVAL),
    ("BrightSmile Oral Care", "BrightSmile", "Cosmetics", "Cincinnati, OH", "United States", ENT,
     CURRENT),
    ("Rocky Mountain Nutrition", "Rocky Mountain", "Nutraceuticals", "Denver, CO",
     "United States", SMALL, PROSPECT),
]  # fmt: skip

# The accounts everyone wants to visit: close to an office, big, friendly.
OVER_VISITED = {"Westfalen Fleischwaren", "Great Lakes Snacks", "Rheinland Pharma"}

# country: (region, name origin, phone prefix, time zone, operators' language)
COUNTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "Germany": ("dach", "de", "+49", "Europe/Berlin", "German"),
    "Austria": ("dach", "de", "+43", "Europe/Vienna", "German"),
    "Switzerland": ("dach", "de", "+41", "Europe/Zurich", "German"),
    "Netherlands": ("dach", "nl", "+31", "Europe/Amsterdam", "Dutch"),
    "Belgium": ("dach", "nl", "+32", "Europe/Brussels", "Dutch"),
    "Sweden": ("dach", "nordic", "+46", "Europe/Stockholm", "Swedish"),
    "Denmark": ("dach", "nordic", "+45", "Europe/Copenhagen", "Danish"),
    "Poland": ("east", "pl", "+48", "Europe/Warsaw", "Polish"),
    "Czechia": ("east", "cz", "+420", "Europe/Prague", "Czech"),
    "France": ("sw", "fr", "+33", "Europe/Paris", "French"),
    "Italy": ("sw", "it", "+39", "Europe/Rome", "Italian"),
    "Spain": ("sw", "es", "+34", "Europe/Madrid", "Spanish"),
    "Greece": ("sw", "gr", "+30", "Europe/Athens", "Greek"),
    "United Kingdom": ("uk", "en", "+44", "Europe/London", "plain English"),
    "Ireland": ("uk", "en", "+353", "Europe/Dublin", "plain English"),
    "United States": ("na", "en", "+1", "America/Chicago", "Spanish"),
    "Canada": ("na", "en", "+1", "America/Toronto", "French"),
    "Mexico": ("na", "es", "+52", "America/Monterrey", "Spanish"),
}

# Which offices look after which regions, for account owners, technicians and support.
SALES_REGIONS = {
    HQ: {"dach", "east"},
    CHICAGO: {"na"},
    LYON: {"sw"},
    MILAN: {"sw"},
    MANCHESTER: {"uk"},
}
FIELD_REGIONS = {HQ: {"dach", "uk"}, CHICAGO: {"na"}, LYON: {"sw"}, POZNAN: {"east", "dach"}}

PRODUCTS: dict[str, list[str]] = {
    "Dairy": ["CF-90 cup filler", "TS-80 tray sealer", "CP-12 case packer"],
    "Bakery": ["FW-300 flow wrapper", "CP-12 case packer", "LX-5 labeller"],
    "Food & beverage": ["TS-80 tray sealer", "VF-220 bagger", "CT-500 cartoner"],
    "Pharma": ["BP-400 blister line", "CT-500 cartoner", "LX-5 labeller"],
    "Cosmetics": ["TF-60 tube filler", "CT-500 cartoner", "LX-5 labeller"],
    "Pet food": ["VF-220 bagger", "CP-12 case packer", "TS-80 tray sealer"],
    "Confectionery": ["FW-300 flow wrapper", "CT-500 cartoner"],
    "Nutraceuticals": ["BP-400 blister line", "CT-500 cartoner"],
    "Frozen food": ["VF-220 bagger", "CT-500 cartoner"],
    "Coffee": ["VF-220 bagger", "LX-5 labeller"],
}

CONTACT_TITLES = [
    "Maintenance Lead",
    "Head of Procurement",
    "Production Supervisor",
    "Quality Manager",
    "Packaging Engineer",
    "Operations Director",
    "Night Shift Lead",
    "Technical Director",
]

CUSTOMER_FACTS = [
    "Three shifts, seven days a week in peak season (September to December).",
    "Moving to recyclable mono-material film by next year; wants to know what our lines can seal.",
    "Procurement runs a tender every spring; the plant manager decides, procurement negotiates.",
    "Two unplanned stops last quarter because of worn sealing jaws.",
    "Operators change every few months; training is their biggest cost.",
    "Line Monitor pilot on one line since spring; the operators like the changeover view.",
    "Audit season in autumn: serialisation and line clearance are top of mind.",
    "Wash-down every shift with high-pressure water.",
    "Runs 40+ SKUs on the same line; changeovers matter more than speed.",
    "Asked twice for remote diagnostics; their IT department is cautious.",
    "Spare parts ordered by photo and phone; no part numbers on their side.",
    "New plant manager since January, keen on OEE figures.",
]
PROSPECT_FACTS = [
    "Met at a trade fair; evaluating a second packaging line for next year.",
    "Packs by hand today and is looking at its first automated line.",
    "Their current supplier is retiring the model they run; looking around.",
    "Budget approved for one line; wants references from a plant like theirs.",
]
RIVAL_FACTS = [
    "Runs a competitor's flow wrappers installed in 2015; unhappy with spare-part lead times.",
    "Competitor's lines throughout; their service team is six hours away.",
    "Bought on price from a competitor; lost a week of production to a missing gearbox.",
]

# --- What happened: summaries and notes ---------------------------------------------------

SUMMARIES: dict[str, list[str]] = {
    "sales-ride-along": [
        "Sat in on {owner}'s account review with {short}: they want {product} uptime per line, "
        "not per plant",
        "Sales call at {short} — procurement pushed on the service-contract price; {contact} "
        "cared more about spare-part lead times",
        "Quarterly review with {contact} ({contact_title}) at {short}: renewal likely, but they "
        "asked twice about remote diagnostics",
        "Joined the quote meeting for a second {product} at {short} — the decision hinges on "
        "changeover time",
        "{short} wants recyclable film next year; we could not say whether the {product} seals "
        "mono-PP",
        "Line Monitor demo for {short}'s operations team — the OEE screen got more questions "
        "than the machine",
        "Pricing talk at {short}: they compared our offer line by line with a competitor's",
        "Upsell talk with {short} about a retrofit kit for the {product}; {contact} wants a "
        "trial on line {line} first",
    ],
    "setup-ride-along": [
        "Commissioning the new {product} on line {line} at {short} — the factory settings did not "
        "survive the trip; 3 hours re-teaching the servo axes",
        "Installation at {short}: the floor was 2 cm out of level, which nobody on our side "
        "had asked about",
        "Format-part set-up on the {product} at {short}; operators asked for changeover "
        "instructions in {language}",
        "Went with {tech} to fit the {product} retrofit at {short}; their electrician wanted our "
        "wiring diagrams before we arrived",
        "New film format at {short} — the sealing window is much narrower than our manual says",
        "Start-up of line {line} at {short}: first good packs after 5 hours, operators trained "
        "on the HMI in the afternoon",
    ],
    "support-listening": [
        "Listened to {agent} on the hotline for an afternoon: {n} calls, most about sealing jaws "
        "and film tracking",
        "Support line: a night-shift operator at {short} could not find the guard-door reset on "
        "the {product} — our HMI hides it two menus deep",
        "Heard {contact} from {short} describe a label misprint three ways before we understood it",
        "Listened in while {agent} talked {short} through a servo fault on the {product} — 40 "
        "minutes, solved without a visit",
        "Spare-parts calls with {agent}: customers don't know our part numbers, they send photos",
        "Two customers in one afternoon asked for the same missing Line Monitor feature (shift "
        "reports by e-mail)",
    ],
    "support-shift": [
        "Support shift ({hours} hours): {n} calls, {m} solved on the phone; the {product} "
        "error-code list is what I used most",
        "Support shift with {agent} as buddy — most calls were about format changes, not faults",
        "Afternoon on the support desk: {n} calls, two from {short}'s night shift about jammed "
        "cartons",
        "Support shift: noted every question I could not answer — 7 of {n} were about Line "
        "Monitor reports",
    ],
    "site-visit": [
        "Watched the night shift at {short} change formats on line {line} — changeover took 40 "
        "minutes, not 15",
        "Visit to {short} in {city}: operators keep a handwritten notebook of {product} settings "
        "next to the HMI",
        "Walked the packing hall at {short} with {contact}: spare format parts sit on a pallet "
        "because our trolley is too wide",
        "Saw the {product} at {short} run at 80% speed on purpose — at full speed the film "
        "wrinkles",
        "Plant tour at {short}: the cleaning crew spends 90 minutes per wash-down on the "
        "{product} because of hidden corners",
        "Visit to {short} after two unplanned stops: a forklift had bent the sensor bracket, "
        "not a design fault",
        "Early shift at {short}: three products an hour, and every changeover starts with "
        "hunting for the right Allen key",
    ],
    "call-for-opinion": [
        "Called {contact} at {short} about the new HMI layout — likes the bigger buttons, hates "
        "the hidden alarm history",
        "Asked {short} what they would change on the {product}: “lighter guard doors — not all "
        "our operators are six feet tall”",
        "Call with {contact} ({contact_title}) at {short} about Line Monitor shift reports — "
        "they print them and pin them up",
        "Called {short} to ask why they never use remote assistance: their IT blocks outbound "
        "connections",
        "Opinion call with {short}'s maintenance team about spare-part kits: they want kits by "
        "service interval, not by assembly",
    ],
    "lunch-coffee": [
        "Lunch with {contact} from {short}: their biggest worry this year is finding operators, "
        "not buying machines",
        "Coffee with {short}'s plant manager after the review — they are moving into "
        "{new_market} and need smaller packs",
        "Lunch in {city} with {contact}: they would pay for training that comes to the plant",
        "Coffee in the {short} canteen — the operators call our {product} “the grumpy one”",
    ],
    "networking": [
        "Talked to {contact} from {short} at {event}: runs a competitor's line, unhappy with "
        "three-week spare-part deliveries",
        "{event}: long talk with {short}'s maintenance lead about remote diagnostics — they "
        "think ours is “just a VPN”",
        "Met {contact} from {short} at {event}; their current supplier's service team is six "
        "hours away",
        "At {event}, {short} told us they buy on price — and lost a week to a missing gearbox",
    ],
    "field-conversation": [
        "Field conversation with {short}: they find customers at trade fairs and struggle to "
        "reach retailers online",
        "Asked {contact} at {short} our three questions — who decides on a line? the plant "
        "manager, not procurement",
        "Short talk at {short}: they pack by hand today and fear a machine won't handle their "
        "40 SKUs",
        "Prospect {short} packs {industry} products in 12 formats and wants a line two people "
        "can change over",
    ],
    "survey-follow-up": [
        "Survey follow-up with {contact} at {short} (4/10): our invoices list part numbers their "
        "ERP cannot match",
        "Called {short} about their unhappy survey answer: the technician was great, but the "
        "visit was rescheduled three times",
        "Follow-up on a 3/10 from {short}: the {product} manual is 300 pages with no quick-start",
        "Survey follow-up: {contact} at {short} gave us 5/10 because quotes take two weeks",
        "Followed up a low score from {short} — the complaint was not the machine but a delivery "
        "note in German only",
    ],
    "secret-shopper": [
        "Secret-shopper call to our spare-parts line as a dairy's maintenance lead: on hold 11 "
        "minutes, then transferred twice",
        "Called our sales line as a small bakery asking for a price — friendly, but no call back "
        "in five days",
        "Secret-shopper call to support at 19:30: the night number went to a full voicemail box",
        "Asked our hotline how to order a format part without a part number — found from a photo "
        "in 6 minutes",
        "Called sales as a cosmetics start-up: we asked about their volumes before their problem",
    ],
    "role-play": [
        "Role-play: an angry plant manager whose line stopped on a Friday night; the “agent” "
        "promised a technician before checking the calendar",
        "Role-play from a real objection — “your competitor ships spare parts in 48 hours”; we "
        "scored each other on listening",
        "Role-play of a price negotiation with procurement: we talked features, nobody asked "
        "about their costs",
        "Role-play: an operator who is afraid of the new machine — scored on plain language",
    ],
    "workshop": [
        "Empathy-map workshop: {segment} — says, thinks, does, feels from {n} real quotes",
        "Workshop: what we heard from {segment} this quarter, sorted into pains and gains",
    ],
}

# Prospects have no machine of ours yet.
PROSPECT_SUMMARIES: dict[str, list[str]] = {
    "sales-ride-along": [
        "First sales meeting at {short}: they pack by hand on {m} lines and asked what a "
        "{product} would change for their crew",
        "Sat in on {owner}'s demo for {short} — their {contact_title} asked about training "
        "before price",
        "Sales call with {short}: they compare suppliers on service response time, not on speed",
        "Trial planning with {short}: samples of their packs go to our test lab next month",
    ],
}

QUOTES = [
    "“We lose more time looking for format parts than changing them.”",
    "“Your machine is fine; your manual is the problem.”",
    "“If the HMI spoke our language, half my questions would go away.”",
    "“Don't send me a PDF, send me a video.”",
    "“We would buy the remote service if our IT said yes.”",
    "“Our night shift is three people for six lines.”",
    "“Procurement wants the price, I want the technician's phone number.”",
    "“The old machine was louder, but we knew all its moods.”",
    "“We print the OEE report and pin it to the wall.”",
    "“When it runs, it runs. When it stops, nobody here knows why.”",
]
ON_SITE_OBSERVATIONS = [
    "Operators had taped their own labels onto the HMI buttons.",
    "The spare-parts cabinet was sorted by our delivery notes, not by machine.",
    "Two of the operators were in their second week.",
    "They clean with high-pressure water every shift; our cable glands are not rated for it.",
    "The changeover instructions were a laminated A4 sheet from 2019.",
    "The line ran at 85 % of nominal speed on purpose.",
    "Their maintenance lead keeps a spreadsheet of every stop, with causes.",
    "Nobody on the floor knew Line Monitor existed.",
    "Their film supplier changed last month and nobody told us.",
    "They pack for three retailers, each with its own case label.",
]
CALL_OBSERVATIONS = [
    "The caller stood next to the machine; we could hear the alarm the whole time.",
    "Half the call went on finding the serial number.",
    "The operator had the manual open, for the wrong model.",
    "They had already tried the fix from their last call, twice.",
    "The caller switched between their language and English mid-sentence.",
    "Nobody at the plant knew who had changed the settings.",
    "They had a photo of the fault but no way to send it to us during the call.",
]
INTERNAL_OBSERVATIONS = [
    "Scores: listening 3/5, plain language 4/5, clear next step 2/5.",
    "In the debrief we noticed we interrupt the customer after about 20 seconds.",
    "Every quote on the wall came from last month's site visits and support calls.",
    "Two people from the back office saw a support call script for the first time.",
    "We timed it: 4 minutes before anyone asked what the customer needed.",
]
SHOPPER_OBSERVATIONS = [
    "Friendly greeting; nobody asked for the machine's serial number.",
    "Six minutes of hold music with no idea how long the wait would be.",
    "A clear next step and a confirmation by e-mail within the hour.",
    "Transferred to a colleague who asked the same three questions again.",
    "The agent explained the fix in plain words and checked I had understood.",
]
LEARNED = [
    "the first 30 minutes after a format change decide the whole shift.",
    "our changeover time is measured with the best operator; theirs with the newest.",
    "customers judge us by how fast a spare part arrives, not by the machine.",
    "procurement and the plant want different things from the same contract.",
    "most “faults” on the phone are training questions.",
    "a two-minute video would have saved most of that call.",
    "they would pay for training on site.",
    "nobody reads the manual; everyone reads the sticker on the machine.",
]
FOLLOW_UPS = [
    "Follow-up: send {contact} the quick-start guide for the {product}.",
    "Follow-up: ask Controls whether the alarm history can be one tap from the home screen.",
    "Follow-up: check spare-part lead times for {short} with logistics.",
    "Follow-up: invite {contact} to the user group in spring.",
    "Follow-up: raised a ticket for the HMI translation.",
    "Follow-up: shared with the software team in Monday's stand-up.",
]

EVENTS = {
    "eu": [
        "Interpack in Düsseldorf",
        "Anuga FoodTec in Cologne",
        "FachPack in Nuremberg",
        "a VDMA regional meeting",
        "the IHK Ostwestfalen evening",
        "the packaging club breakfast in Lyon",
    ],
    "na": ["PACK EXPO in Chicago", "PACK EXPO East in Philadelphia", "a Chicago chamber lunch"],
}
NEW_MARKETS = [
    "single-serve packs",
    "organic ranges",
    "export to the Middle East",
    "e-commerce multipacks",
    "plant-based products",
]
WORKSHOP_SEGMENTS = [
    "dairy plant managers",
    "pharma packaging engineers",
    "bakery maintenance leads",
    "cosmetics brand owners",
    "pet food procurement",
]

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


def ascii_slug(text: str, sep: str = "") -> str:
    special = {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "æ": "ae"}
    text = "".join(special.get(ch, ch) for ch in text)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain.lower()).split()
    return sep.join(words)


def _pick_weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --- The loader ---------------------------------------------------------------------------


@dataclass
class _Customer:
    obj: Customer
    short: str
    region: str
    tz: ZoneInfo
    language: str
    products: list[str]
    contacts: list[Contact]
    weight: float


class _DemoBuilder:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        midnight = datetime.datetime.combine(today, datetime.time(0), tzinfo=ZoneInfo(TIME_ZONE))
        self.cutoff = min(self.now, midnight)
        self.people: list[_Person] = []
        self.by_key: dict[str, _Person] = {}
        self.customers: list[_Customer] = []
        self.kinds = {k.slug: k for k in ContactKind.objects.all()}
        self.users_by_person: dict[int, User] = {}
        self.engagements: list[Engagement] = []
        self.participants: list[list[tuple[_Person, str]]] = []
        self.contacts_met: list[list[Contact]] = []
        self.by_pk: dict[int, _Person] = {}
        # Most contacts were logged by people still here; two have left since.
        self.leavers = {"production-17", "support-5"}

    # people ---------------------------------------------------------------------------

    def _new_name(self, origin: str, used: set[str]) -> tuple[str, str]:
        firsts, lasts = NAMES[origin]
        while True:
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            if f"{first} {last}" not in used:
                used.add(f"{first} {last}")
                return first, last

    def build_people(self) -> None:
        rng = self.rng
        used = {f"{row[1]} {row[2]}" for row in KEY_PEOPLE}
        for row in KEY_PEOPLE:
            key, first, last, title, dept, manager, kind, location, observe, lead = row[:10]
            login = row[10] if len(row) > 10 else None
            days = rng.randint(4 * 365, 19 * 365)
            self._add(
                _Person(
                    key,
                    first,
                    last,
                    title,
                    dept,
                    manager,
                    kind,
                    location,
                    observe,
                    lead,
                    login,
                    days,
                )
            )
        for dept, (count, manager, kind, titles, locations, observe, lead) in TEAMS.items():
            new_hires = NEW_HIRES.get(dept, 0)
            for i in range(count):
                location = locations[i % len(locations)]
                first, last = self._new_name(rng.choice(ORIGINS_BY_LOCATION[location]), used)
                title = titles[i % len(titles)]
                days = rng.randint(60, 17 * 365)
                if i >= count - new_hires:
                    days = rng.randint(3, 28)
                p_observe, p_lead = observe, lead
                if dept == "mechanical" and i == 0:
                    p_observe, p_lead = 0.7, 1  # the one curious mechanical engineer
                p_manager = manager
                if dept == "production":
                    # Three shift supervisors, each with a third of the shop floor.
                    if i < 3:
                        title = [
                            "Shift Supervisor (early)",
                            "Shift Supervisor (late)",
                            "Shift Supervisor (night)",
                        ][i]
                    else:
                        p_manager = f"production-{i % 3}"
                self._add(
                    _Person(
                        f"{dept}-{i}",
                        first,
                        last,
                        title,
                        dept,
                        p_manager,
                        kind,
                        location,
                        p_observe * rng.uniform(0.6, 1.4),
                        p_lead,
                        None,
                        days,
                    )
                )

    def _add(self, person: _Person) -> None:
        local = f"{ascii_slug(person.first_name)}.{ascii_slug(person.last_name)}"
        person.email = f"{local}@{DOMAIN}"
        self.people.append(person)
        self.by_key[person.key] = person

    def hire_date(self, person: _Person) -> datetime.date:
        return self.today - datetime.timedelta(days=person.hire_days_ago)

    def save_people(self) -> tuple[int, list[DemoLogin]]:
        departments: dict[str, Department] = {}
        for key, (name, parent) in DEPARTMENTS.items():
            if parent is None:
                departments[key] = Department(name=name)
        Department.objects.bulk_create(departments.values())
        children = {
            key: Department(name=name, parent=departments[parent])
            for key, (name, parent) in DEPARTMENTS.items()
            if parent is not None
        }
        Department.objects.bulk_create(children.values())
        departments.update(children)

        for n, p in enumerate(self.people):
            p.obj = Person(
                first_name=p.first_name,
                last_name=p.last_name,
                email=p.email,
                external_id=f"HR-{1001 + n}",
                title=p.title,
                department=departments[p.department],
                role_kind=p.role_kind,
                hire_date=self.hire_date(p),
                location=p.location,
                is_active=p.key not in self.leavers,
            )
        Person.objects.bulk_create([p.obj for p in self.people])
        for p in self.people:
            if p.manager:
                p.obj.manager = self.by_key[p.manager].obj
        Person.objects.bulk_update([p.obj for p in self.people if p.manager], ["manager"])

        # One hash for every demo login: they share the published demo password anyway.
        password = make_password(DEMO_PASSWORD)
        users, logins = [], []
        for p in self.people:
            if not p.login:
                continue
            admin = p.login == Role.ADMIN
            users.append(
                User(
                    email=p.email,
                    name=p.full_name,
                    role=p.login,
                    person=p.obj,
                    password=password,
                    is_staff=admin,
                    is_superuser=admin,
                )
            )
            logins.append(DemoLogin(p.login, p.email, p.full_name, p.title))
        User.objects.bulk_create(users)
        self.users_by_person = {u.person_id: u for u in users}
        self.by_pk = {p.obj.pk: p for p in self.people}
        logins.sort(key=lambda login: LOGIN_ORDER.index(login.role))
        return len(departments), logins

    # customers ------------------------------------------------------------------------

    def build_customers(self) -> int:
        rng = self.rng
        sales = [p for p in self.people if p.department == "sales" and p.key != "vp_sales"]
        next_owner: dict[str, int] = {}
        revenue = {ENT: (600, 4800, 1_000_000), MID: (60, 480, 100_000), SMALL: (6, 45, 10_000)}
        customers = []
        for n, (name, short, industry, city, country, segment, rel) in enumerate(CUSTOMERS):
            region, _, _, tz, language = COUNTRIES[country]
            low, high, unit = revenue[segment]
            amount = rng.randint(low, high) * 1_000_000 // unit * unit
            if segment == ENT and n % 4 == 0:
                owner = self.by_key["vp_sales"]  # the VP keeps a few big accounts
            else:
                owners = [p for p in sales if region in SALES_REGIONS.get(p.location, set())]
                turn = next_owner.get(region, 0)
                owner, next_owner[region] = owners[turn % len(owners)], turn + 1
            range_ = PRODUCTS[industry]
            products = rng.sample(range_, k=min(len(range_), rng.randint(1, 3)))
            if rel == CURRENT:
                machines = rng.randint(2, 14)
                notes = (
                    f"Runs {machines} of our machines ({', '.join(products)}) on "
                    f"{rng.randint(2, 9)} lines. {rng.choice(CUSTOMER_FACTS)} "
                    f"{rng.choice(CUSTOMER_FACTS)}"
                )
            elif rel == PROSPECT:
                notes = f"{rng.choice(PROSPECT_FACTS)} Interested in the {products[0]}."
            else:
                notes = rng.choice(RIVAL_FACTS)
            customer = Customer(
                name=name,
                external_id=f"CRM-{2001 + n}",
                relationship=rel,
                segment=segment,
                industry=industry,
                city=city,
                country=country,
                annual_revenue=Decimal(amount),
                owner=owner.obj,
                notes=notes,
                created_at=self.now - datetime.timedelta(days=rng.randint(200, 3000)),
            )
            weight = {ENT: 3.0, MID: 2.0, SMALL: 1.0}[segment]
            if short in OVER_VISITED:
                weight *= 3
            customers.append(customer)
            self.customers.append(
                _Customer(customer, short, region, ZoneInfo(tz), language, products, [], weight)
            )
        Customer.objects.bulk_create(customers)
        return len(customers)

    def build_contacts(self) -> int:
        rng = self.rng
        contacts = []
        for c in self.customers:
            _, origin, prefix, _, _ = COUNTRIES[c.obj.country]
            domain = f"{ascii_slug(c.short, '-')}.example"
            count = rng.choices([1, 2, 3, 4], weights=[2, 4, 3, 2])[0]
            titles = ["Plant Manager", *rng.sample(CONTACT_TITLES, k=count - 1)]
            used: set[str] = set()
            for title in titles:
                first, last = self._new_name(origin, used)
                if prefix == "+1":
                    phone = f"+1 {rng.randint(201, 989)} 555 01{rng.randint(0, 99):02d}"
                else:
                    phone = f"{prefix} {rng.randint(20, 899)} {rng.randint(100000, 9999999)}"
                contact = Contact(
                    customer=c.obj,
                    name=f"{first} {last}",
                    title=title,
                    email=f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}",
                    phone=phone,
                    preferred_channel=rng.choices(
                        [Channel.EMAIL, Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON],
                        weights=[9, 6, 2, 3],
                    )[0],
                    do_not_contact=rng.random() < 0.06,
                )
                c.contacts.append(contact)
                contacts.append(contact)
        Contact.objects.bulk_create(contacts)
        return len(contacts)

    # engagements ----------------------------------------------------------------------

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

    def pick_customer(self, *, regions: set[str] | None = None, rel: str = CURRENT) -> _Customer:
        pool = [c for c in self.customers if c.obj.relationship == rel]
        if regions:
            pool = [c for c in pool if c.region in regions] or pool
        return self.rng.choices(pool, weights=[c.weight for c in pool])[0]

    def here_on(self, person: _Person, date: datetime.date, *, settled: bool = False) -> bool:
        """Employed on `date`; `settled`: for a month at least, long enough to host others."""
        hired = self.hire_date(person) + datetime.timedelta(days=30 if settled else 0)
        return hired < date and person.key not in self.leavers

    def observers(self, kind: str, date: datetime.date, exclude: set[str], n: int):
        rng = self.rng
        chosen: list[_Person] = []
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
        customer: _Customer | None,
        participants: list[tuple[_Person, str]],
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
        values = {
            "short": customer.short if customer else "",
            "city": customer.obj.city.split(",")[0] if customer else "",
            "industry": customer.obj.industry.lower() if customer else "",
            "product": rng.choice(customer.products) if customer else "FW-300 flow wrapper",
            "language": customer.language if customer else "German",
            "contact": contact.name if contact else "the plant manager",
            "contact_title": contact.title if contact else "Plant Manager",
            "owner": (
                self._person_for(customer.obj.owner_id).first_name if customer else host.first_name
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
                created_by=self.users_by_person.get(host.obj.pk),
                created_at=max(logged, started),
            )
        )
        self.participants.append(participants)
        self.contacts_met.append(met)

    def notes(self, slug: str, customer: _Customer | None, channel: str, values: dict) -> str:
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

    def _person_for(self, pk: int | None) -> _Person:
        return self.by_pk[pk]

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
                customer = self.pick_customer(regions=regions, rel=rel)
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
                    owner = self._person_for(customer.obj.owner_id)
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
        Engagement.objects.bulk_create(self.engagements, batch_size=500)
        participations = []
        links = []
        through = Engagement.contacts.through
        for engagement, people, met in zip(
            self.engagements, self.participants, self.contacts_met, strict=True
        ):
            seen: set[str] = set()
            for person, part in people:
                if person.key in seen:
                    continue
                seen.add(person.key)
                participations.append(
                    Participation(engagement=engagement, person=person.obj, part=part)
                )
            links += [through(engagement=engagement, contact=contact) for contact in met]
        Participation.objects.bulk_create(participations, batch_size=1000)
        through.objects.bulk_create(links, batch_size=1000)
        return len(participations)


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

    An app that wants demo data has a module `<app>.demo` with
    `extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]`, called in
    INSTALLED_APPS order once people, customers and engagements exist. It reads what it needs
    from the database and returns counts of what it added."""
    extras: dict[str, int] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("ridealong.") or config.name == "ridealong.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        extras.update(module.extend_demo(rng=rng, today=today))
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
