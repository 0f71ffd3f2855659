"""The demo company's customers and their contacts: about 60 plants in Europe and North
America, current customers, prospects and competitors' clients."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ridealong.customers.models import Channel, Contact, Customer, Relationship
from ridealong.demo import bulk
from ridealong.demo.company import (
    CHICAGO,
    HQ,
    LYON,
    MANCHESTER,
    MILAN,
    POZNAN,
    PlannedCustomer,
    ascii_slug,
)
from ridealong.demo.people import PeopleBuilder

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


class CustomerBuilder(PeopleBuilder):
    """Draws and writes the customers, each owned by a sales rep of its region, then their
    contacts."""

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
                PlannedCustomer(
                    customer, short, region, ZoneInfo(tz), language, products, [], weight
                )
            )
        bulk.rows_save(Customer, customers, what="customers")
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
                first, last = self.new_name(origin, used)
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
        bulk.rows_save(Contact, contacts, what="contacts")
        return len(contacts)
