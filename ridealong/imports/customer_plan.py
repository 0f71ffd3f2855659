"""Plan a customer import (a CRM export of accounts, optionally with their contacts).

Plain data (no Django): `plan_customers` takes the file, the mapping and a snapshot of the
customers, their contacts and the people in Ridealong, and returns a `CustomerPlan`.

Rules, in the words of the preview:
- Rows are grouped into accounts by Account ID, or by name (case-insensitive) when a row
  has no ID. Each row may also carry one contact; several rows of one account give it
  several contacts. An account takes each field from the first row that fills it.
- An account is matched to a customer by Account ID first, then by name
  (case-insensitive) among customers without a different ID.
- A contact is matched within its customer by e-mail (case-insensitive), or by name when
  the row has no e-mail.
- Type / Lifecycle Stage / Relationship: "customer", "client" … → current customer;
  "prospect", "lead", "opportunity", "subscriber" … → prospect; anything with "competitor"
  → competitor's client. Other values (e.g. "Partner") reject the row: unmap the column to
  import such accounts as current customers.
- Account owner: a person in Ridealong, by e-mail or by full name. An owner who cannot be
  found does not stop the account: it keeps its owner, and the preview says so.
- As for people, a mapped column with an empty cell clears that field; a column that is
  not mapped leaves it alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ridealong.imports import values
from ridealong.imports.mapping import CUSTOMERS, field_labels
from ridealong.imports.people_plan import name_key
from ridealong.imports.plan import (
    CREATED,
    KEEP,
    UNCHANGED,
    UPDATED,
    Change,
    Notice,
    PlanBase,
    Progress,
    Rejection,
    Rows,
    check_lengths,
    display,
    formula_notices,
)
from ridealong.imports.tabular import Table

CURRENT, PROSPECT, COMPETITOR_CLIENT = "current", "prospect", "competitor_client"
RELATIONSHIP_LABELS = {
    CURRENT: "Current customer",
    PROSPECT: "Prospect",
    COMPETITOR_CLIENT: "Competitor's client",
}
ACCOUNT_TEXT_FIELDS = ("industry", "segment", "city", "country", "notes")
CONTACT_LABELS = {
    "name": "Contact name",
    "title": "Contact job title",
    "email": "Contact e-mail",
    "phone": "Contact phone",
    "do_not_contact": "Do not contact",
}


def parse_relationship(value: object) -> str | None:
    raw = values.text(value)
    word = raw.lower()
    if not word:
        return None
    if "competitor" in word:
        return COMPETITOR_CLIENT
    if re.search(r"former|churn|lost|inactive|dead", word):
        pass  # neither a customer nor a prospect any more: fall through to the error
    elif re.search(
        r"prospect|lead|opportunit|subscriber|\bmql\b|\bsql\b|qualified|trial|potential", word
    ):
        return PROSPECT
    elif re.search(r"customer|client|evangelist|\bactive\b|current|existing|\bwon\b", word):
        return CURRENT
    raise ValueError(
        f"“{raw[:40]}” is not a customer relationship (current customer, prospect or "
        "competitor's client); unmap the column to import such accounts as current customers"
    )


@dataclass(frozen=True)
class ExistingCustomer:
    id: int
    name: str
    external_id: str | None
    relationship: str
    segment: str
    industry: str
    city: str
    country: str
    annual_revenue: Decimal | None
    owner_id: int | None
    notes: str


@dataclass(frozen=True)
class ExistingContact:
    id: int
    customer_id: int
    name: str
    title: str
    email: str
    phone: str
    do_not_contact: bool


@dataclass(frozen=True)
class Owner:
    id: int
    email: str
    full_name: str


@dataclass
class PlannedContact:
    row: int
    action: str
    contact_id: int | None
    label: str
    fields: dict[str, Any]
    changes: list[Change] = field(default_factory=list)


@dataclass
class PlannedCustomer:
    row: int  # the account's first row
    rows: list[int]
    action: str
    customer_id: int | None
    label: str
    fields: dict[str, Any]
    owner: Any  # person id, None, or KEEP
    contacts: list[PlannedContact] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    detail: str = ""


@dataclass
class CustomerPlan(PlanBase):
    customers: list[PlannedCustomer] = field(default_factory=list)

    def entries(self) -> list[PlannedCustomer]:
        return self.customers

    def contact_counts(self) -> dict[str, int]:
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
        for customer in self.customers:
            for contact in customer.contacts:
                counts[contact.action] += 1
        return counts

    def summary(self, limit: int = 200) -> dict[str, Any]:
        data = super().summary(limit)
        data["contact_counts"] = self.contact_counts()
        return data


@dataclass
class _Row:
    row: int
    label: str
    errors: list[str]
    external_id: str | None = None
    name: str = ""
    account: dict[str, Any] = field(default_factory=dict)  # parsed values, blanks included
    owner_ref: str = ""
    contact: dict[str, Any] | None = None


def plan_customers(
    table: Table,
    mapping: dict[str, str],
    *,
    customers: list[ExistingCustomer],
    contacts: list[ExistingContact],
    people: list[Owner],
    max_lengths: dict[str, int],
    progress: Progress | None = None,
) -> CustomerPlan:
    rows = Rows(table, mapping)
    plan = CustomerPlan(kind=CUSTOMERS, total_rows=len(table.rows))
    plan.notices.extend(formula_notices(table))
    parsed = []
    for index, (number, cells) in enumerate(table.rows, start=1):
        parsed.append(_parse_row(rows, number, cells, max_lengths, plan))
        if progress and index % 500 == 0:
            progress(index)
    if progress:
        progress(len(parsed))

    groups = _group(parsed)
    owners = _Owners(people)
    by_external_id = {c.external_id: c for c in customers if c.external_id}
    by_name: dict[str, list[ExistingCustomer]] = defaultdict(list)
    for c in customers:
        by_name[c.name.casefold()].append(c)
    contacts_of: dict[int, list[ExistingContact]] = defaultdict(list)
    for contact in contacts:
        contacts_of[contact.customer_id].append(contact)
    claimed: dict[int, int] = {}

    for group in groups:
        _reject_duplicate_contacts(group)
        accepted = [r for r in group if not r.errors]
        if not accepted:
            continue
        planned = _plan_account(
            accepted, rows, by_external_id, by_name, claimed, owners, contacts_of, plan
        )
        if isinstance(planned, str):
            for r in accepted:
                r.errors.append(planned)
        else:
            plan.customers.append(planned)
    plan.rejected = [Rejection(r.row, r.label, r.errors) for r in parsed if r.errors]
    plan.customers.sort(key=lambda c: c.row)
    return plan


def _parse_row(
    rows: Rows, number: int, cells: list, max_lengths: dict[str, int], plan: CustomerPlan
) -> _Row:
    errors: list[str] = []
    name = rows.text(cells, "name")
    external_id = rows.text(cells, "external_id") or None
    r = _Row(number, name or (f"Account {external_id}" if external_id else f"row {number}"), errors)
    r.name, r.external_id = name, external_id
    if not name and not external_id:
        errors.append("no account name")
    found: dict[str, str] = {"name": name}
    if external_id:
        found["external_id"] = external_id
    for key in ACCOUNT_TEXT_FIELDS:
        if rows.mapped(key):
            r.account[key] = found[key] = rows.text(cells, key)
    if rows.mapped("relationship"):
        try:
            r.account["relationship"] = parse_relationship(rows.get(cells, "relationship"))
        except ValueError as exc:
            errors.append(f"{rows.header('relationship')}: {exc}")
    if rows.mapped("annual_revenue"):
        try:
            r.account["annual_revenue"] = values.parse_money(rows.get(cells, "annual_revenue"))
        except ValueError as exc:
            errors.append(f"{rows.header('annual_revenue')}: {exc}")
    r.owner_ref = rows.text(cells, "owner")
    errors.extend(check_lengths(found, max_lengths, field_labels(CUSTOMERS)))

    contact_name = rows.text(cells, "contact_name") or " ".join(
        filter(
            None, [rows.text(cells, "contact_first_name"), rows.text(cells, "contact_last_name")]
        )
    )
    email = rows.text(cells, "contact_email").lower()
    if email and not values.is_email(email):
        errors.append(f"contact e-mail “{email[:60]}” is not a valid e-mail address")
    contact: dict[str, Any] = {}
    if contact_name or email:
        contact["name"] = contact_name or email
        if email or rows.mapped("contact_email"):
            contact["email"] = email
        for key in ("title", "phone"):
            if rows.mapped(f"contact_{key}"):
                contact[key] = rows.text(cells, f"contact_{key}")
        if rows.mapped("contact_do_not_contact"):
            try:
                contact["do_not_contact"] = values.parse_flag(
                    rows.get(cells, "contact_do_not_contact")
                )
            except ValueError as exc:
                errors.append(f"{rows.header('contact_do_not_contact')}: {exc}")
        limits = {
            "name": max_lengths.get("contact_name", 200),
            "title": max_lengths.get("contact_title", 200),
            "email": 254,
            "phone": max_lengths.get("contact_phone", 50),
        }
        errors.extend(
            check_lengths(
                {k: v for k, v in contact.items() if isinstance(v, str)}, limits, CONTACT_LABELS
            )
        )
        r.contact = contact
    elif rows.text(cells, "contact_phone") or rows.text(cells, "contact_title"):
        plan.notices.append(
            Notice(number, rows.header("contact_phone") or rows.header("contact_title"),
                   "a contact without a name or an e-mail address is left out")
        )  # fmt: skip
    return r


def _group(parsed: list[_Row]) -> list[list[_Row]]:
    """Rows per account: by Account ID, else by name; a name-only group joins the one ID
    group with that name, when there is exactly one."""
    by_id: dict[str, list[_Row]] = {}
    by_name: dict[str, list[_Row]] = {}
    for r in parsed:
        if not r.name and not r.external_id:
            continue
        if r.external_id:
            by_id.setdefault(r.external_id, []).append(r)
        else:
            by_name.setdefault(r.name.casefold(), []).append(r)
    id_groups_by_name: dict[str, list[str]] = defaultdict(list)
    for external_id, group in by_id.items():
        names = {r.name.casefold() for r in group if r.name}
        for name in names:
            id_groups_by_name[name].append(external_id)
    for name, group in list(by_name.items()):
        owners = id_groups_by_name.get(name, [])
        if len(owners) == 1:
            by_id[owners[0]].extend(group)
            del by_name[name]
    groups = [sorted(g, key=lambda r: r.row) for g in [*by_id.values(), *by_name.values()]]
    return sorted(groups, key=lambda g: g[0].row)


def _reject_duplicate_contacts(group: list[_Row]) -> None:
    seen: dict[str, int] = {}
    for r in group:
        if r.errors or r.contact is None:
            continue
        key = r.contact.get("email") or "name:" + r.contact["name"].casefold()
        if key in seen:
            r.errors.append(
                f"the same contact ({r.contact['name']}) is on row {seen[key]} for this account"
            )
        else:
            seen[key] = r.row


class _Owners:
    def __init__(self, people: list[Owner]) -> None:
        self.by_email = {p.email.lower(): p for p in people}
        self.by_name: dict[str, list[Owner]] = defaultdict(list)
        for p in people:
            self.by_name[name_key(p.full_name)].append(p)
        self.names = {p.id: p.full_name for p in people}

    def find(self, ref: str) -> Owner | str:
        if "@" in ref:
            found = self.by_email.get(ref.lower())
            return found or f"account owner “{ref[:60]}” is not a person in Ridealong"
        matches = self.by_name.get(name_key(ref), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            return f"several people are called “{ref[:60]}”; use the owner's e-mail"
        return f"account owner “{ref[:60]}” is not a person in Ridealong"


def _plan_account(
    group: list[_Row],
    rows: Rows,
    by_external_id: dict[str, ExistingCustomer],
    by_name: dict[str, list[ExistingCustomer]],
    claimed: dict[int, int],
    owners: _Owners,
    contacts_of: dict[int, list[ExistingContact]],
    plan: CustomerPlan,
) -> PlannedCustomer | str:
    first = group[0]
    external_id = next((r.external_id for r in group if r.external_id), None)
    name = next((r.name for r in group if r.name), "")
    account: dict[str, Any] = {}
    for r in group:
        for key, value in r.account.items():
            # The first row that fills a field gives it its value.
            if key not in account or account[key] in (None, ""):
                account[key] = value

    target = by_external_id.get(external_id) if external_id else None
    if target is None and name:
        candidates = [
            c for c in by_name.get(name.casefold(), []) if c.external_id in (None, external_id)
        ]
        if len(candidates) > 1:
            return (
                f"several customers in Ridealong are called {name}; add an Account ID column "
                "to tell them apart"
            )
        target = candidates[0] if candidates else None
    if target is None and not name:
        return f"no account name, and Account ID {external_id} is not in Ridealong"
    if target is not None:
        if target.id in claimed:
            return f"row {claimed[target.id]} already updates the customer {target.name}"
        claimed[target.id] = first.row

    fields: dict[str, Any] = {}
    if name:
        fields["name"] = name
    if external_id:
        fields["external_id"] = external_id
    for key, value in account.items():
        if key == "relationship" and value is None:
            continue  # an empty Type keeps the relationship (a new customer is current)
        fields[key] = value
    owner: Any = KEEP
    if rows.mapped("owner"):
        ref = next((r.owner_ref for r in group if r.owner_ref), "")
        if not ref:
            owner = None
        else:
            found = owners.find(ref)
            if isinstance(found, str):
                plan.notices.append(
                    Notice(first.row, rows.header("owner"), found + "; the owner is left as it is")
                )
            else:
                owner = found.id

    label = name or (target.name if target else "")
    planned = PlannedCustomer(
        first.row,
        [r.row for r in group],
        CREATED,
        target.id if target else None,
        label,
        fields,
        owner,
    )
    _plan_contacts(planned, group, contacts_of.get(target.id, []) if target else [])
    contacts_changed = any(c.action != UNCHANGED for c in planned.contacts)

    if target is None:
        fields.setdefault("relationship", CURRENT)
        parts = [RELATIONSHIP_LABELS[fields["relationship"]]]
        parts.extend(fields[k] for k in ("industry", "city") if fields.get(k))
        if owner not in (KEEP, None):
            parts.append(f"owner {owners.names[owner]}")
        if planned.contacts:
            parts.append(
                f"{len(planned.contacts)} contact{'s' if len(planned.contacts) != 1 else ''}"
            )
        planned.detail = " · ".join(parts)
        return planned

    labels = field_labels(CUSTOMERS)
    planned.fields = {}  # only what differs is written
    for key, new in fields.items():
        old = getattr(target, key)
        if old != new:
            planned.fields[key] = new
            shown_old, shown_new = old, new
            if key == "relationship":
                shown_old, shown_new = RELATIONSHIP_LABELS.get(old, old), RELATIONSHIP_LABELS[new]
            planned.changes.append(
                Change(labels.get(key, key), display(shown_old), display(shown_new))
            )
    if owner is not KEEP and owner != target.owner_id:
        planned.changes.append(
            Change(
                "Account owner",
                display(owners.names.get(target.owner_id, "") if target.owner_id else None),
                display(owners.names.get(owner, "") if owner else None),
            )
        )
    else:
        planned.owner = KEEP
    for contact in planned.contacts:
        if contact.action == CREATED:
            planned.changes.append(Change(f"Contact {contact.label}", "—", "added"))
        elif contact.action == UPDATED:
            for change in contact.changes:
                planned.changes.append(
                    Change(f"{contact.label}: {change.field.lower()}", change.old, change.new)
                )
    planned.action = UPDATED if planned.changes or contacts_changed else UNCHANGED
    return planned


def _plan_contacts(
    planned: PlannedCustomer, group: list[_Row], existing: list[ExistingContact]
) -> None:
    by_email = {c.email.lower(): c for c in existing if c.email}
    by_name: dict[str, ExistingContact] = {}
    for c in existing:
        by_name.setdefault(c.name.casefold(), c)
    for r in group:
        if r.contact is None:
            continue
        data = dict(r.contact)
        email = data.get("email", "")
        match = by_email.get(email) if email else by_name.get(data["name"].casefold())
        if match is None:
            data.setdefault("do_not_contact", False)
            planned.contacts.append(PlannedContact(r.row, CREATED, None, data["name"], data))
            continue
        if not email:
            data.pop("email", None)  # matched by name: an empty cell does not erase the e-mail
        data = {
            key: new
            for key, new in data.items()
            if (getattr(match, key).lower() if key == "email" else getattr(match, key)) != new
        }
        changes = [
            Change(CONTACT_LABELS[key], display(getattr(match, key)), display(new))
            for key, new in data.items()
        ]
        planned.contacts.append(
            PlannedContact(
                r.row, UPDATED if changes else UNCHANGED, match.id, r.contact["name"], data, changes
            )
        )
