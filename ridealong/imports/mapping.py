"""Which column of an export holds which field: automatic from the usual headers.

A plain module (no Django). Headers are compared after normalisation (case, spaces and
punctuation dropped: "Work E-mail" and "work_email" are both "workemail"). Each field has
strong synonyms (the usual headers of BambooHR, Workday, Personio, HiBob, Salesforce,
HubSpot and Pipedrive exports) and weak ones ("Name", "ID") that are used only when no
better column claims the field. A column maps to at most one field and a field to at most
one column; the best (strongest, then leftmost) match wins.
"""

from __future__ import annotations

import re

PEOPLE = "people"
CUSTOMERS = "customers"
IGNORE = ""


class Field:
    """A field an import can fill, with the normalised headers that name it."""

    def __init__(self, key: str, label: str, strong: str, weak: str = "") -> None:
        self.key = key
        self.label = label
        self.strong = tuple(strong.split())
        self.weak = tuple(weak.split())


PEOPLE_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        "Employee ID",
        "employeeid employeenumber employeeno empid empno workerid personid staffid "
        "staffnumber personnelnumber employeecode payrollnumber badgenumber hrid",
        "id number",
    ),
    Field(
        "first_name",
        "First name",
        "firstname givenname forename legalfirstname first",
        "preferredfirstname",
    ),
    Field(
        "last_name",
        "Last name",
        "lastname surname familyname legallastname last",
    ),
    Field(
        "full_name",
        "Full name (split into first and last)",
        "fullname employeename displayname legalname workername",
        "name employee worker preferredname",
    ),
    Field(
        "email",
        "Work e-mail",
        "workemail workemailaddress primaryworkemail businessemail companyemail "
        "officeemail email emailaddress mail",
    ),
    Field(
        "title",
        "Job title",
        "jobtitle title position positiontitle businesstitle jobname jobposition "
        "designation jobprofile",
        "role job",
    ),
    Field(
        "department",
        "Department",
        "department dept departmentname supervisoryorganization "
        "supervisoryorganisation organizationalunit organisationalunit orgunit",
        "division team organization organisation",
    ),
    Field(
        "sub_department",
        "Sub-department / team (inside the department)",
        "subdepartment subdept team teamname subteam unit",
    ),
    Field(
        "manager",
        "Manager (e-mail, employee ID or name)",
        "manageremail supervisoremail reportstoemail linemanageremail "
        "manageremailaddress manager reportsto supervisor linemanager directmanager "
        "reportingto managerid manageremployeeid supervisorid reportstoid managername "
        "supervisorname reportstoname",
    ),
    Field(
        "hire_date",
        "Hire date",
        "hiredate startdate dateofhire datehired joiningdate joindate dateofjoining "
        "originalhiredate employmentstartdate firstday firstdayofwork "
        "contractstartdate entrydate",
    ),
    Field(
        "location",
        "Location",
        "location worklocation office officelocation site worksite primaryworklocation branch",
        "city workcity",
    ),
    Field(
        "is_active",
        "Status (active or not)",
        "status employmentstatus employeestatus workerstatus activestatus active "
        "isactive employmentstate",
    ),
    Field(
        "role_kind",
        "Kind of role (technical, customer-facing, leader, other)",
        "rolekind kindofrole roletype rolecategory ridealongrole",
    ),
)

CUSTOMER_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        "Account ID (in the CRM)",
        "accountid recordid companyid organizationid organisationid "
        "organizationrecordid crmid customerid customernumber accountnumber hubspotid "
        "salesforceid sfid",
        "id",
    ),
    Field(
        "name",
        "Account name",
        "accountname companyname company organization organisation organizationname "
        "organisationname customername customer account businessname clientname "
        "client",
        "name",
    ),
    Field(
        "relationship",
        "Relationship (type / lifecycle stage)",
        "type accounttype lifecyclestage relationship customertype companytype "
        "relationshiptype accountstatus",
        "stage status",
    ),
    Field(
        "industry",
        "Industry",
        "industry sector vertical accountindustry",
    ),
    Field(
        "segment",
        "Segment",
        "segment customersegment accountsegment tier",
    ),
    Field(
        "city",
        "City",
        "billingcity city shippingcity mailingcity town organizationcity",
    ),
    Field(
        "country",
        "Country",
        "billingcountry country countryregion shippingcountry mailingcountry organizationcountry",
    ),
    Field(
        "annual_revenue",
        "Annual revenue",
        "annualrevenue revenue yearlyrevenue turnover annualturnover",
    ),
    Field(
        "owner",
        "Account owner (e-mail or name of a person)",
        "accountowner companyowner accountowneremail owneremail owner "
        "organizationowner accountmanager salesrep hubspotowner dealowner recordowner",
    ),
    Field(
        "notes",
        "Notes",
        "description notes note comments comment about companydescription",
    ),
    Field(
        "contact_name",
        "Contact name",
        "contactname contactfullname fullname contact personname primarycontact",
        "name",
    ),
    Field(
        "contact_first_name",
        "Contact first name",
        "contactfirstname firstname givenname personfirstname",
    ),
    Field(
        "contact_last_name",
        "Contact last name",
        "contactlastname lastname surname personlastname",
    ),
    Field(
        "contact_email",
        "Contact e-mail",
        "contactemail email emailaddress personemail personemailwork workemail "
        "primaryemail contactemailaddress",
    ),
    Field(
        "contact_phone",
        "Contact phone",
        "contactphone phone phonenumber personphone personphonework workphone "
        "businessphone telephone mobile mobilephone",
    ),
    Field(
        "contact_title",
        "Contact job title",
        "contacttitle title jobtitle position persontitle",
    ),
    Field(
        "contact_do_not_contact",
        "Contact: do not contact (yes/no)",
        "donotcontact emailoptout donotcall donotemail hasoptedoutofemail optout "
        "optedout unsubscribed marketingoptout",
    ),
)

FIELDS = {PEOPLE: PEOPLE_FIELDS, CUSTOMERS: CUSTOMER_FIELDS}


def fields_for(kind: str) -> tuple[Field, ...]:
    return FIELDS[kind]


def field_labels(kind: str) -> dict[str, str]:
    return {f.key: f.label for f in FIELDS[kind]}


def normalise_header(header: str) -> str:
    """'Work E-mail' → 'workemail'; 'Employee #' → 'employeenumber'."""
    header = header.casefold().replace("#", " number ").replace("&", " and ")
    header = header.replace("ß", "ss")
    return re.sub(r"[^0-9a-z]+", "", header)


def auto_map(headers: list[str], kind: str) -> dict[str, str]:
    """{header: field key or IGNORE} for every header."""
    fields = FIELDS[kind]
    candidates: list[tuple[int, int, int, str, str]] = []
    for column, header in enumerate(headers):
        key = normalise_header(header)
        for order, spec in enumerate(fields):
            if key in spec.strong:
                candidates.append((spec.strong.index(key), order, column, header, spec.key))
            elif key in spec.weak:
                rank = 100 + spec.weak.index(key)
                candidates.append((rank, order, column, header, spec.key))
    mapping = dict.fromkeys(headers, IGNORE)
    taken_fields: set[str] = set()
    taken_headers: set[str] = set()
    # Strongest synonym first; ties go to the leftmost column, then to the earlier field.
    for _rank, _order, _column, header, key in sorted(candidates, key=lambda c: (c[0], c[2], c[1])):
        if key in taken_fields or header in taken_headers:
            continue
        mapping[header] = key
        taken_fields.add(key)
        taken_headers.add(header)
    return mapping


class MappingError(ValueError):
    pass


REQUIRED = {
    PEOPLE: "Map a column to Work e-mail, and one to First name or Full name.",
    CUSTOMERS: "Map a column to Account name (or to Account ID, for accounts already here).",
}


def check_mapping(mapping: dict[str, str], kind: str) -> None:
    """Raise MappingError unless every field is used once and the essential ones are there."""
    known = {f.key for f in FIELDS[kind]}
    labels = field_labels(kind)
    used: dict[str, str] = {}
    for header, key in mapping.items():
        if not key:
            continue
        if key not in known:
            raise MappingError(f"“{key}” is not a field of a {kind} import.")
        if key in used:
            raise MappingError(
                f"“{used[key]}” and “{header}” are both mapped to {labels[key]}; "
                "choose one of them."
            )
        used[key] = header
    if kind == PEOPLE and not ("email" in used and ({"first_name", "full_name"} & set(used))):
        raise MappingError(REQUIRED[PEOPLE])
    if kind == CUSTOMERS and not ({"name", "external_id"} & set(used)):
        raise MappingError(REQUIRED[CUSTOMERS])


def resolve_field(kind: str, text: str) -> str:
    """A field key from what a user typed: the key itself or its label, loosely."""
    if text.strip() in {"", "-", "ignore", "none"}:
        return IGNORE
    wanted = normalise_header(text)
    for spec in FIELDS[kind]:
        if wanted in {normalise_header(spec.key), normalise_header(spec.label)}:
            return spec.key
    known = ", ".join(f.key for f in FIELDS[kind])
    raise MappingError(f"“{text}” is not a field of a {kind} import; use one of: {known}.")
