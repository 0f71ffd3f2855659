"""Plan a people import (an HR export): who is created, updated, unchanged or rejected.

Plain data (no Django): `plan_people` takes the file, the mapping and a snapshot of the
people and departments already in Ridealong, and returns a `PeoplePlan`.

Rules, in the words of the preview:
- A row is matched to a person by employee ID first, then by e-mail (case-insensitive).
- The file speaks for the columns it has: a mapped column with an empty cell clears that
  field (title, location, hire date, department, manager); a column that is not mapped
  leaves the field alone. Employee ID and status are only ever set, never cleared.
- Managers are linked after every row is read, so a manager may come after their report.
  The manager cell may hold an e-mail, an employee ID or a name ("Ann Able" or "Able, Ann");
  it is looked up in the file first, then among the people already in Ridealong.
- A management cycle (A reports to B, who reports to A) rejects every row in it, naming
  the people; reports of a rejected new person are rejected too.
- Departments are created by name. "Engineering / Firmware" or "Engineering > Firmware"
  (or a Department column plus a Sub-department/Team column) makes Firmware a department
  inside Engineering. A single name matches an existing department at the top level, or
  the one department anywhere with that name when there is exactly one.
- Kind of role: the file's column when there is one; otherwise, for new people only,
  inferred by `infer_role_kind`. People already in Ridealong keep theirs.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ridealong.imports import values
from ridealong.imports.mapping import PEOPLE, field_labels
from ridealong.imports.plan import (
    CREATED,
    KEEP,
    UNCHANGED,
    UPDATED,
    Change,
    PlanBase,
    Progress,
    Rejection,
    Rows,
    check_lengths,
    display,
    formula_notices,
)
from ridealong.imports.tabular import Table

TECHNICAL, CUSTOMER_FACING, LEADER, OTHER = "technical", "customer_facing", "leader", "other"
ROLE_KIND_LABELS = {
    TECHNICAL: "Technical",
    CUSTOMER_FACING: "Customer-facing",
    LEADER: "Leader",
    OTHER: "Other",
}
LEADER_RE = re.compile(
    r"\b(head|director|vp|svp|evp|vice[- ]president|chief|ceo|cto|cfo|coo|cio|cmo|cro|cpo"
    r"|president|founder|co-?founder|managing partner)\b",
    re.IGNORECASE,
)
TECHNICAL_RE = re.compile(
    r"\b(engineering|engineers?|developers?|development|software|hardware|firmware|it|qa"
    r"|quality|test(ing|ers?)?|devops|sre|r&d|research|technical|technology|tech"
    r"|infrastructure|security|architects?|programmers?|data|platform)\b",
    re.IGNORECASE,
)
CUSTOMER_FACING_RE = re.compile(
    r"\b(sales|support|service|services|account|customers?|clients?|success|presales"
    r"|pre-sales|business development|installers?|installation|field|helpdesk|help desk"
    r"|key account)\b",
    re.IGNORECASE,
)
ROLE_KIND_WORDS = {
    "technical": TECHNICAL, "tech": TECHNICAL, "engineering": TECHNICAL,
    "customerfacing": CUSTOMER_FACING, "customer": CUSTOMER_FACING,
    "frontline": CUSTOMER_FACING,
    "leader": LEADER, "leadership": LEADER, "executive": LEADER, "lead": LEADER,
    "other": OTHER, "none": OTHER, "backoffice": OTHER,
}  # fmt: skip
DEPARTMENT_SPLIT_RE = re.compile(r"\s*>\s*|\s+/\s+|\s*\\\s*")


def infer_role_kind(department: str, title: str) -> str:
    """The default kind of role for a new person.

    Leader when the title says head, director, VP, chief, CEO/CTO/… or president/founder.
    Otherwise the department decides, then the title: engineering, IT, QA, quality,
    software, data … → technical; sales, support, service, account, customer … →
    customer-facing (so a support engineer in Customer Support is customer-facing, and
    a sales engineer in Engineering is technical). Anything else → other.
    """
    if LEADER_RE.search(title):
        return LEADER
    for text in (department, title):
        if TECHNICAL_RE.search(text):
            return TECHNICAL
        if CUSTOMER_FACING_RE.search(text):
            return CUSTOMER_FACING
    return OTHER


def parse_role_kind(value: object) -> str | None:
    raw = values.text(value)
    if not raw:
        return None
    word = re.sub(r"[^a-z]", "", raw.lower())
    if word in ROLE_KIND_WORDS:
        return ROLE_KIND_WORDS[word]
    raise ValueError(
        f"kind of role “{raw[:40]}” is not one of technical, customer-facing, leader, other"
    )


def department_path(*cells: str) -> list[str]:
    segments: list[str] = []
    for cell in cells:
        segments.extend(s.strip() for s in DEPARTMENT_SPLIT_RE.split(cell) if s.strip())
    return segments


@dataclass(frozen=True)
class ExistingPerson:
    id: int
    first_name: str
    last_name: str
    email: str
    external_id: str | None
    title: str
    department_id: int | None
    manager_id: int | None
    role_kind: str
    hire_date: datetime.date | None
    location: str
    is_active: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ExistingDepartment:
    id: int
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class NewDepartment:
    """A department this import creates: inside an existing one (or at the top), by path."""

    parent_id: int | None
    path: tuple[str, ...]  # casefolded names, outermost first


@dataclass(frozen=True)
class NewPerson:
    """The person a file row creates (a manager who is not in Ridealong yet)."""

    row: int


DepartmentRef = int | NewDepartment | None
PersonRef = int | NewPerson | None


@dataclass
class PlannedPerson:
    row: int
    action: str
    person_id: int | None
    label: str
    fields: dict[str, Any]  # model field → value, for the fields the file sets
    department: Any  # DepartmentRef or KEEP
    manager: Any  # PersonRef or KEEP
    changes: list[Change] = field(default_factory=list)
    detail: str = ""


@dataclass
class PeoplePlan(PlanBase):
    people: list[PlannedPerson] = field(default_factory=list)
    # Departments to create, parents before children, with the names as the file spells them.
    new_departments: dict[NewDepartment, str] = field(default_factory=dict)
    new_department_labels: dict[NewDepartment, str] = field(default_factory=dict)
    date_order: str = values.DMY

    def entries(self) -> list[PlannedPerson]:
        return self.people

    def summary(self, limit: int = 200) -> dict[str, Any]:
        data = super().summary(limit)
        data["new_departments"] = list(self.new_department_labels.values())[:limit]
        data["date_order"] = self.date_order
        return data


@dataclass
class _Row:
    row: int
    label: str
    errors: list[str]
    email: str = ""
    external_id: str | None = None
    first_name: str = ""
    last_name: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    department: list[str] | None = None  # None: column not mapped
    manager_ref: str = ""
    role_kind: str | None = None
    target: ExistingPerson | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


def name_key(name: str) -> str:
    first, last = values.split_name(name)
    return f"{first} {last}".strip().casefold()


def plan_people(
    table: Table,
    mapping: dict[str, str],
    *,
    people: list[ExistingPerson],
    departments: list[ExistingDepartment],
    max_lengths: dict[str, int],
    date_order: str = "",
    progress: Progress | None = None,
) -> PeoplePlan:
    """The plan for importing `table` as people (see the module docstring for the rules)."""
    rows = Rows(table, mapping)
    labels = field_labels(PEOPLE)
    plan = PeoplePlan(kind=PEOPLE, total_rows=len(table.rows))
    plan.notices.extend(formula_notices(table))

    if date_order not in (values.DMY, values.MDY):
        hire_dates = [rows.get(cells, "hire_date") for _, cells in table.rows]
        date_order, proven = values.detect_date_order(hire_dates)
        ambiguous = any(
            (parts := values.numeric_date_parts(v)) and parts[0] <= 12 and parts[1] <= 12
            for v in hire_dates
        )
        if ambiguous and not proven:
            plan.messages.append(
                "Dates such as 03/04/2024 are read as day/month (3 April 2024): nothing in "
                "the file settles the order. If they are month/day, choose so below."
            )
        elif ambiguous:
            order = "day/month" if date_order == values.DMY else "month/day"
            plan.messages.append(f"Numeric dates in this file are read as {order}.")
    plan.date_order = date_order

    parsed = [
        _parse_row(rows, number, cells, date_order, max_lengths, labels, plan)
        for number, cells in _counted(table.rows, progress)
    ]
    _reject_duplicates(parsed)
    _match_existing(parsed, people)
    by_row = {p.row: p for p in parsed}
    person_by_id = {p.id: p for p in people}
    managers = _resolve_managers(parsed, people, rows.mapped("manager"))
    _reject_cycles_and_orphans(parsed, managers, person_by_id, by_row)

    department_refs = _resolve_departments(parsed, departments, plan)
    department_names = _department_names(departments)

    for p in parsed:
        if p.errors:
            plan.rejected.append(Rejection(p.row, p.label, p.errors))
            continue
        manager = managers.get(p.row, KEEP) if rows.mapped("manager") else KEEP
        if isinstance(manager, tuple):
            manager = _node_ref(manager)
        department = department_refs.get(p.row, KEEP)
        plan.people.append(
            _planned(p, manager, department, person_by_id, by_row, department_names, plan)
        )
    return plan


def _counted(items: list, progress: Progress | None, every: int = 500):
    for index, item in enumerate(items, start=1):
        yield item
        if progress and index % every == 0:
            progress(index)
    if progress:
        progress(len(items))


def _parse_row(
    rows: Rows,
    number: int,
    cells: list,
    date_order: str,
    max_lengths: dict[str, int],
    labels: dict[str, str],
    plan: PeoplePlan,
) -> _Row:
    errors: list[str] = []
    email = rows.text(cells, "email").lower()
    first = rows.text(cells, "first_name")
    last = rows.text(cells, "last_name")
    full = rows.text(cells, "full_name")
    if full and not (first and last):
        split_first, split_last = values.split_name(full)
        first, last = first or split_first, last or split_last
    label = f"{first} {last}".strip() or email or f"row {number}"
    if email and label != email:
        label = f"{label} <{email}>"
    p = _Row(number, label, errors, email=email, first_name=first, last_name=last)

    if not email:
        errors.append("no e-mail address")
    elif not values.is_email(email):
        errors.append(f"“{email[:60]}” is not a valid e-mail address")
    if not first:
        errors.append("no name (first name and full name are empty)")
    p.external_id = rows.text(cells, "external_id") or None

    found = {"email": email, "first_name": first, "last_name": last}
    if p.external_id:
        found["external_id"] = p.external_id
    p.fields = {"first_name": first, "email": email}
    if rows.mapped("last_name") or rows.mapped("full_name"):
        p.fields["last_name"] = last
    if p.external_id:
        p.fields["external_id"] = p.external_id
    for key in ("title", "location"):
        if rows.mapped(key):
            p.fields[key] = found[key] = rows.text(cells, key)

    if rows.mapped("hire_date"):
        try:
            p.fields["hire_date"] = values.parse_date(rows.get(cells, "hire_date"), date_order)
        except ValueError as exc:
            errors.append(f"{rows.header('hire_date')}: {exc}")
    if rows.mapped("is_active"):
        try:
            active = values.parse_active(rows.get(cells, "is_active"))
        except ValueError as exc:
            errors.append(f"{rows.header('is_active')}: {exc}")
        else:
            if active is not None:
                p.fields["is_active"] = active
    if rows.mapped("role_kind"):
        try:
            p.role_kind = parse_role_kind(rows.get(cells, "role_kind"))
        except ValueError as exc:
            errors.append(f"{rows.header('role_kind')}: {exc}")

    if rows.mapped("department") or rows.mapped("sub_department"):
        p.department = department_path(
            rows.text(cells, "department"), rows.text(cells, "sub_department")
        )
        too_long = [s for s in p.department if len(s) > max_lengths.get("department", 200)]
        if too_long:
            errors.append(f"department name “{too_long[0][:40]}…” is too long")
    p.manager_ref = rows.text(cells, "manager")
    errors.extend(check_lengths(found, max_lengths, labels))
    return p


def _reject_duplicates(parsed: list[_Row]) -> None:
    first_by_email: dict[str, int] = {}
    first_by_id: dict[str, int] = {}
    for p in parsed:
        if p.email:
            if p.email in first_by_email:
                p.errors.append(
                    f"the same e-mail address is on row {first_by_email[p.email]}; "
                    "only the first is imported"
                )
            else:
                first_by_email[p.email] = p.row
        if p.external_id:
            if p.external_id in first_by_id:
                p.errors.append(
                    f"the same employee ID is on row {first_by_id[p.external_id]}; "
                    "only the first is imported"
                )
            else:
                first_by_id[p.external_id] = p.row


def _match_existing(parsed: list[_Row], people: list[ExistingPerson]) -> None:
    by_email = {p.email.lower(): p for p in people}
    by_external_id = {p.external_id: p for p in people if p.external_id}
    claimed: dict[int, int] = {}
    for p in parsed:
        if p.errors:
            continue
        by_id = by_external_id.get(p.external_id) if p.external_id else None
        by_mail = by_email.get(p.email)
        if by_id and by_mail and by_id.id != by_mail.id:
            p.errors.append(
                f"employee ID {p.external_id} belongs to {by_id.full_name} ({by_id.email}), "
                f"but {p.email} belongs to {by_mail.full_name}"
            )
            continue
        target = by_id or by_mail
        if target is None:
            continue
        if target.id in claimed:
            p.errors.append(
                f"row {claimed[target.id]} already updates {target.full_name} ({target.email})"
            )
            continue
        claimed[target.id] = p.row
        p.target = target


# A node of the management graph: ("p", person id) for someone in Ridealong (whether or not
# the file updates them), ("r", row) for a person the file creates.
Node = tuple[str, int]


def _node(p: _Row) -> Node:
    return ("p", p.target.id) if p.target else ("r", p.row)


def _node_ref(node: Node) -> PersonRef:
    return node[1] if node[0] == "p" else NewPerson(node[1])


def _resolve_managers(
    parsed: list[_Row], people: list[ExistingPerson], mapped: bool
) -> dict[int, Any]:
    """{row: manager node, None, or an error message (str)} for rows with a manager column."""
    if not mapped:
        return {}
    file_by_email: dict[str, _Row] = {}
    file_by_id: dict[str, _Row] = {}
    file_by_name: dict[str, list[_Row]] = defaultdict(list)
    for p in parsed:
        if p.email and p.email not in file_by_email:
            file_by_email[p.email] = p
        if p.external_id and p.external_id not in file_by_id:
            file_by_id[p.external_id] = p
        if p.first_name:
            file_by_name[name_key(p.name)].append(p)
    db_by_email = {p.email.lower(): p for p in people}
    db_by_id = {p.external_id: p for p in people if p.external_id}
    db_by_name: dict[str, list[ExistingPerson]] = defaultdict(list)
    for person in people:
        db_by_name[name_key(person.full_name)].append(person)
    row_of_person = {p.target.id: p for p in parsed if p.target}

    def file_row(p: _Row) -> Any:
        # A rejected row that matches someone in Ridealong still names a real manager.
        if p.errors and not p.target:
            return f"the manager {p.name} (row {p.row}) is rejected"
        return _node(p)

    def existing(person: ExistingPerson) -> Any:
        p = row_of_person.get(person.id)
        return _node(p) if p else ("p", person.id)

    result: dict[int, Any] = {}
    for p in parsed:
        ref = p.manager_ref
        if p.errors:
            continue
        if not ref:
            result[p.row] = None
            continue
        if "@" in ref:
            key = ref.lower()
            if key in file_by_email:
                result[p.row] = file_row(file_by_email[key])
            elif key in db_by_email:
                result[p.row] = existing(db_by_email[key])
            else:
                result[p.row] = f"manager “{ref[:60]}” is not in the file or in Ridealong"
            continue
        if ref in file_by_id:
            result[p.row] = file_row(file_by_id[ref])
        elif ref in db_by_id:
            result[p.row] = existing(db_by_id[ref])
        elif matches := file_by_name.get(name_key(ref)):
            if len(matches) > 1:
                rows = ", ".join(str(m.row) for m in matches[:5])
                result[p.row] = (
                    f"manager “{ref[:60]}” is ambiguous: several people have that name "
                    f"(rows {rows}); use the manager's e-mail"
                )
            else:
                result[p.row] = file_row(matches[0])
        elif in_db := db_by_name.get(name_key(ref)):
            if len(in_db) > 1:
                result[p.row] = (
                    f"manager “{ref[:60]}” is ambiguous: several people in Ridealong have "
                    "that name; use the manager's e-mail"
                )
            else:
                result[p.row] = existing(in_db[0])
        else:
            result[p.row] = f"manager “{ref[:60]}” is not in the file or in Ridealong"
    by_row = {p.row: p for p in parsed}
    for row, outcome in list(result.items()):
        if isinstance(outcome, str):
            by_row[row].errors.append(outcome)
            del result[row]
    return result


def _reject_cycles_and_orphans(
    parsed: list[_Row],
    managers: dict[int, Any],
    person_by_id: dict[int, ExistingPerson],
    by_row: dict[int, _Row],
) -> None:
    """Reject rows in a management cycle, then rows whose new manager was rejected; repeat."""
    while True:
        changed = False
        for p in parsed:
            manager = managers.get(p.row)
            if p.errors or not manager or manager[0] != "r":
                continue
            boss = by_row[manager[1]]
            if boss.errors:
                p.errors.append(f"the manager {boss.name} (row {boss.row}) is rejected")
                changed = True
        accepted = [p for p in parsed if not p.errors]
        edges: dict[Node, Node | None] = {
            ("p", pid): ("p", person.manager_id) if person.manager_id else None
            for pid, person in person_by_id.items()
        }
        row_of_node: dict[Node, _Row] = {}
        for p in accepted:
            node = _node(p)
            row_of_node[node] = p
            if p.row in managers:
                edges[node] = managers[p.row]
            elif p.target is None:
                edges[node] = None
        for cycle in _cycles(edges):
            rows_in_cycle = [row_of_node[n] for n in cycle if n in row_of_node]
            if not rows_in_cycle:
                continue  # already in Ridealong before this import; not this file's doing
            names = [_node_name(n, row_of_node, person_by_id) for n in cycle]
            if len(cycle) == 1:
                reason = f"management cycle: {names[0]} would be their own manager"
            else:
                chain = names[0] + "".join(f", who reports to {n}" for n in names[1:])
                reason = f"management cycle: {chain}, who reports to {names[0]}"
            for p in rows_in_cycle:
                p.errors.append(reason)
            changed = True
        if not changed:
            return


def _node_name(node: Node, row_of_node: dict[Node, _Row], people: dict[int, ExistingPerson]) -> str:
    if node in row_of_node:
        return row_of_node[node].name
    return people[node[1]].full_name if node[0] == "p" and node[1] in people else str(node)


def _cycles(edges: dict[Node, Node | None]) -> list[list[Node]]:
    """Every cycle of a graph where each node points to at most one other (its manager)."""
    state: dict[Node, int] = {}  # 1: on the current walk, 2: done
    cycles = []
    for start in edges:
        if start in state:
            continue
        walk: list[Node] = []
        position: dict[Node, int] = {}
        node: Node | None = start
        while node is not None and node not in state:
            state[node] = 1
            position[node] = len(walk)
            walk.append(node)
            node = edges.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(walk[position[node] :])
        for n in walk:
            state[n] = 2
    return cycles


def _department_names(departments: list[ExistingDepartment]) -> dict[int, str]:
    by_id = {d.id: d for d in departments}
    names: dict[int, str] = {}
    for d in departments:
        parts: list[str] = []
        current: ExistingDepartment | None = d
        seen: set[int] = set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            parts.append(current.name)
            current = by_id.get(current.parent_id) if current.parent_id else None
        names[d.id] = " / ".join(reversed(parts))
    return names


def _resolve_departments(
    parsed: list[_Row], departments: list[ExistingDepartment], plan: PeoplePlan
) -> dict[int, DepartmentRef]:
    child: dict[tuple[int | None, str], int] = {}
    anywhere: dict[str, list[int]] = defaultdict(list)
    for d in departments:
        child[(d.parent_id, d.name.casefold())] = d.id
        anywhere[d.name.casefold()].append(d.id)
    names = _department_names(departments)
    cache: dict[tuple[str, ...], DepartmentRef] = {}
    result: dict[int, DepartmentRef] = {}
    for p in parsed:
        if p.errors or p.department is None:
            continue
        key = tuple(s.casefold() for s in p.department)
        if key not in cache:
            cache[key] = _department_ref(p.department, child, anywhere, names, plan)
        result[p.row] = cache[key]
    return result


def _department_ref(
    segments: list[str],
    child: dict[tuple[int | None, str], int],
    anywhere: dict[str, list[int]],
    names: dict[int, str],
    plan: PeoplePlan,
) -> DepartmentRef:
    if not segments:
        return None
    parent: int | None = None
    for index, segment in enumerate(segments):
        found = child.get((parent, segment.casefold()))
        if found is None and index == 0 and len(anywhere.get(segment.casefold(), [])) == 1:
            found = anywhere[segment.casefold()][0]
        if found is None:
            new_segments = segments[index:]
            ref = NewDepartment(parent, tuple(s.casefold() for s in new_segments))
            # Register every level, parents first, so apply can create them in order.
            for depth in range(1, len(new_segments) + 1):
                level = NewDepartment(parent, ref.path[:depth])
                if level not in plan.new_departments:
                    plan.new_departments[level] = new_segments[depth - 1]
                    prefix = [names[parent]] if parent else []
                    plan.new_department_labels[level] = " / ".join(prefix + new_segments[:depth])
            return ref
        parent = found
    return parent


def _planned(
    p: _Row,
    manager: Any,
    department: Any,
    person_by_id: dict[int, ExistingPerson],
    by_row: dict[int, _Row],
    department_names: dict[int, str],
    plan: PeoplePlan,
) -> PlannedPerson:
    fields = dict(p.fields)
    labels = field_labels(PEOPLE)

    def department_label(ref: Any) -> str:
        if ref is None:
            return "—"
        if isinstance(ref, NewDepartment):
            return plan.new_department_labels[ref] + " (new)"
        return department_names.get(ref, "?")

    def person_label(ref: Any) -> str:
        if ref is None:
            return "—"
        if isinstance(ref, NewPerson):
            return by_row[ref.row].name
        person = person_by_id.get(ref)
        return person.full_name if person else "?"

    target = p.target
    if target is None:
        if p.role_kind is None:
            department_text = " ".join(p.department or [])
            p.role_kind = infer_role_kind(department_text, fields.get("title", ""))
        fields["role_kind"] = p.role_kind
        fields.setdefault("is_active", True)
        parts = [department_label(department)] if department not in (KEEP, None) else []
        if fields.get("title"):
            parts.append(fields["title"])
        if manager not in (KEEP, None):
            parts.append(f"reports to {person_label(manager)}")
        parts.append(ROLE_KIND_LABELS[p.role_kind].lower())
        return PlannedPerson(
            p.row, CREATED, None, p.label, fields, department, manager, detail=" · ".join(parts)
        )

    if p.role_kind is not None:
        fields["role_kind"] = p.role_kind
    # Only what differs is written: fewer columns per update, and nothing touched needlessly.
    changes: list[Change] = []
    changed: dict[str, Any] = {}
    for key, new in fields.items():
        old = getattr(target, key)
        if key == "email":
            old = old.lower()
        if old != new:
            changed[key] = new
            label = labels.get(key, key) if key != "role_kind" else "Kind of role"
            changes.append(Change(label, display(old), display(new)))
    if department is not KEEP and department != target.department_id:
        changes.append(
            Change(
                "Department", department_label(target.department_id), department_label(department)
            )
        )
    else:
        department = KEEP
    if manager is not KEEP and manager != target.manager_id:
        changes.append(Change("Manager", person_label(target.manager_id), person_label(manager)))
    else:
        manager = KEEP
    action = UPDATED if changes else UNCHANGED
    return PlannedPerson(p.row, action, target.id, p.label, changed, department, manager, changes)
