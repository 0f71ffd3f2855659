"""Automatic column mapping from the headers of real HR and CRM exports."""

import pytest

from ridealong.imports.customer_plan import parse_relationship
from ridealong.imports.mapping import (
    CUSTOMERS,
    PEOPLE,
    MappingError,
    auto_map,
    check_mapping,
    normalise_header,
    resolve_field,
)
from ridealong.imports.people_plan import infer_role_kind


def mapped(headers, kind=PEOPLE):
    return {h: f for h, f in auto_map(headers, kind).items() if f}


def test_headers_are_compared_without_case_spaces_or_punctuation():
    assert normalise_header(" Work E-mail ") == normalise_header("work_email") == "workemail"
    assert normalise_header("Employee #") == "employeenumber"


def test_it_maps_a_bamboohr_export():
    headers = ["Employee #", "First Name", "Last Name", "Work Email", "Department", "Division",
               "Job Title", "Reports To", "Hire Date", "Location", "Status",
               "Employment Status"]  # fmt: skip
    assert mapped(headers) == {
        "Employee #": "external_id",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Work Email": "email",
        "Department": "department",
        "Job Title": "title",
        "Reports To": "manager",
        "Hire Date": "hire_date",
        "Location": "location",
        "Status": "is_active",
    }


def test_it_maps_a_workday_export():
    headers = ["Employee ID", "Legal Name", "Primary Work Email", "Business Title",
               "Supervisory Organization", "Manager", "Original Hire Date",
               "Primary Work Location", "Worker Status"]  # fmt: skip
    assert mapped(headers) == {
        "Employee ID": "external_id",
        "Legal Name": "full_name",
        "Primary Work Email": "email",
        "Business Title": "title",
        "Supervisory Organization": "department",
        "Manager": "manager",
        "Original Hire Date": "hire_date",
        "Primary Work Location": "location",
        "Worker Status": "is_active",
    }


def test_it_maps_personio_and_hibob_exports():
    personio = ["ID", "First name", "Last name", "Email", "Department", "Team", "Position",
                "Supervisor", "Hire date", "Office", "Status"]  # fmt: skip
    assert mapped(personio) == {
        "ID": "external_id",
        "First name": "first_name",
        "Last name": "last_name",
        "Email": "email",
        "Department": "department",
        "Team": "sub_department",
        "Position": "title",
        "Supervisor": "manager",
        "Hire date": "hire_date",
        "Office": "location",
        "Status": "is_active",
    }
    hibob = ["Display name", "Work email", "Personal email", "Job title", "Reports to",
             "Start date", "Site"]  # fmt: skip
    assert mapped(hibob) == {
        "Display name": "full_name",
        "Work email": "email",
        "Job title": "title",
        "Reports to": "manager",
        "Start date": "hire_date",
        "Site": "location",
    }


def test_a_work_email_wins_over_a_plain_email_column():
    assert mapped(["Email", "Work Email", "Name"])["Work Email"] == "email"


def test_it_maps_a_salesforce_accounts_and_contacts_export():
    headers = ["Account ID", "Account Name", "Type", "Industry", "Billing City",
               "Billing Country", "Annual Revenue", "Account Owner", "Description",
               "First Name", "Last Name", "Title", "Email", "Phone", "Email Opt Out"]  # fmt: skip
    assert mapped(headers, CUSTOMERS) == {
        "Account ID": "external_id",
        "Account Name": "name",
        "Type": "relationship",
        "Industry": "industry",
        "Billing City": "city",
        "Billing Country": "country",
        "Annual Revenue": "annual_revenue",
        "Account Owner": "owner",
        "Description": "notes",
        "First Name": "contact_first_name",
        "Last Name": "contact_last_name",
        "Title": "contact_title",
        "Email": "contact_email",
        "Phone": "contact_phone",
        "Email Opt Out": "contact_do_not_contact",
    }


def test_it_maps_hubspot_and_pipedrive_exports():
    hubspot = ["Record ID", "Company name", "Lifecycle Stage", "Industry", "City",
               "Country/Region", "Annual Revenue", "Company owner"]  # fmt: skip
    assert mapped(hubspot, CUSTOMERS) == {
        "Record ID": "external_id",
        "Company name": "name",
        "Lifecycle Stage": "relationship",
        "Industry": "industry",
        "City": "city",
        "Country/Region": "country",
        "Annual Revenue": "annual_revenue",
        "Company owner": "owner",
    }
    pipedrive = ["Organization - Name", "Organization - Owner", "Person - Name",
                 "Person - Email - Work", "Person - Phone - Work"]  # fmt: skip
    assert mapped(pipedrive, CUSTOMERS) == {
        "Organization - Name": "name",
        "Organization - Owner": "owner",
        "Person - Name": "contact_name",
        "Person - Email - Work": "contact_email",
        "Person - Phone - Work": "contact_phone",
    }


def test_a_lone_name_column_in_a_crm_file_is_the_account():
    assert mapped(["Name", "Industry"], CUSTOMERS) == {"Name": "name", "Industry": "industry"}
    both = mapped(["Company", "Name", "Email"], CUSTOMERS)
    assert both == {"Company": "name", "Name": "contact_name", "Email": "contact_email"}


def test_a_people_mapping_needs_an_email_and_a_name():
    with pytest.raises(MappingError, match="Work e-mail"):
        check_mapping({"First Name": "first_name"}, PEOPLE)
    check_mapping({"Name": "full_name", "Mail": "email"}, PEOPLE)


def test_a_field_cannot_take_two_columns():
    with pytest.raises(MappingError, match="“Email” and “Work Email” are both mapped"):
        check_mapping({"Email": "email", "Work Email": "email", "N": "full_name"}, PEOPLE)


def test_a_customer_mapping_needs_a_name_or_an_id():
    with pytest.raises(MappingError, match="Account name"):
        check_mapping({"City": "city"}, CUSTOMERS)


def test_a_typed_field_is_resolved_by_key_or_label():
    assert resolve_field(PEOPLE, "manager") == "manager"
    assert resolve_field(PEOPLE, "Work e-mail") == "email"
    assert resolve_field(PEOPLE, "") == ""
    with pytest.raises(MappingError, match="not a field"):
        resolve_field(PEOPLE, "salary")


@pytest.mark.parametrize(
    ("department", "title", "kind"),
    [
        ("Engineering", "Firmware Engineer", "technical"),
        ("IT", "Systems Administrator", "technical"),
        ("Quality", "QA Technician", "technical"),
        ("Sales", "Account Executive", "customer_facing"),
        ("Customer Support", "Support Engineer", "customer_facing"),
        ("Field Service", "Technician", "customer_facing"),
        ("Engineering", "VP of Engineering", "leader"),
        ("Executive", "Chief Executive Officer", "leader"),
        ("Finance", "Head of Finance", "leader"),
        ("Finance", "Accountant", "other"),
        ("Finance", "Accounts Payable Clerk", "other"),
        ("Human Resources", "Recruiter", "other"),
        ("Production", "Machine Operator", "other"),
    ],
)
def test_the_kind_of_role_is_inferred_from_department_and_title(department, title, kind):
    assert infer_role_kind(department, title) == kind


@pytest.mark.parametrize(
    ("value", "relationship"),
    [
        ("Customer - Direct", "current"),
        ("customer", "current"),
        ("Evangelist", "current"),
        ("Prospect", "prospect"),
        ("Sales Qualified Lead", "prospect"),
        ("Opportunity", "prospect"),
        ("Competitor's client", "competitor_client"),
        ("Customer of competitor", "competitor_client"),
        ("", None),
    ],
)
def test_crm_types_and_lifecycle_stages_become_relationships(value, relationship):
    assert parse_relationship(value) == relationship


@pytest.mark.parametrize("value", ["Technology Partner", "Other", "Former customer"])
def test_other_crm_types_are_not_guessed(value):
    with pytest.raises(ValueError, match="not a customer relationship"):
        parse_relationship(value)
