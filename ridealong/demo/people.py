"""The demo company's people: the key people of the story, their teams around them, and the
demo sign-ins."""

from django.contrib.auth.hashers import make_password

from ridealong.accounts.models import Role, User
from ridealong.demo import bulk
from ridealong.demo.company import (
    CHICAGO,
    DEMO_PASSWORD,
    DOMAIN,
    HQ,
    LYON,
    MANCHESTER,
    MILAN,
    POZNAN,
    Company,
    DemoLogin,
    PlannedPerson,
    ascii_slug,
)
from ridealong.people.models import Department, Person, RoleKind

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
LOGIN_ORDER: list[str] = [Role.ADMIN, Role.PROGRAM_LEAD, Role.MANAGER, Role.MEMBER]

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


class PeopleBuilder(Company):
    """Draws the people (`build_people`), then writes them with their departments and the
    demo sign-ins (`save_people`)."""

    def new_name(self, origin: str, used: set[str]) -> tuple[str, str]:
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
                PlannedPerson(
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
                first, last = self.new_name(rng.choice(ORIGINS_BY_LOCATION[location]), used)
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
                    PlannedPerson(
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

    def _add(self, person: PlannedPerson) -> None:
        local = f"{ascii_slug(person.first_name)}.{ascii_slug(person.last_name)}"
        person.email = f"{local}@{DOMAIN}"
        self.people.append(person)
        self.by_key[person.key] = person

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
        position = {p.key: n for n, p in enumerate(self.people)}
        bulk.people_save(
            [p.saved for p in self.people],
            managers={n: position[p.manager] for n, p in enumerate(self.people) if p.manager},
        )

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
        self.by_pk = {p.saved.pk: p for p in self.people}
        logins.sort(key=lambda login: LOGIN_ORDER.index(login.role))
        return len(departments), logins
