"""Rules as database constraints and in the services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ridealong.core.models import AuditEvent
from ridealong.standards import services
from ridealong.standards.catalog import install_default_standard
from ridealong.standards.models import NewHireRule, OutOfOffice, Standard
from ridealong.standards.tests.factories import GroupFactory, StandardFactory
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"min_minutes": None, "min_contacts": None},
        {"period_length": 0},
        {"scope": "department"},
        {"scope": "role_kind", "role_kind": ""},
        {"min_minutes": 0},
    ],
)
def test_the_database_refuses_a_standard_that_breaks_a_rule(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(**fields)


def test_the_database_refuses_an_absence_that_ends_before_it_starts():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        OutOfOffice.objects.create(
            person=f.PersonFactory(),
            starts_on=datetime.date(2026, 12, 2),
            ends_on=datetime.date(2026, 12, 1),
        )


def test_installing_the_default_standard_twice_adds_it_once():
    Standard.objects.all().delete()
    install_default_standard(Standard)
    install_default_standard(Standard)
    assert Standard.objects.count() == 1


def test_it_clears_the_targets_of_other_scopes(cast):
    group = GroupFactory()
    standard = services.standard_create(
        by=cast.admin,
        name="Finance",
        scope="department",
        department=cast.finance,
        group=group,
        role_kind="leader",
        min_contacts=1,
    )
    assert standard.group is None
    assert standard.role_kind == ""
    assert AuditEvent.objects.filter(action="standards.standard.created").count() == 1


def test_it_refuses_more_live_contacts_than_contacts(cast):
    with pytest.raises(ValidationError) as refused:
        services.standard_create(by=cast.admin, name="X", min_contacts=1, min_live=2)
    assert "min_live" in refused.value.message_dict


def test_it_refuses_a_live_requirement_no_chosen_kind_can_meet(cast):
    with pytest.raises(ValidationError) as refused:
        services.standard_create(
            by=cast.admin, name="X", min_minutes=60, min_live=1, kinds=[f.kind("role-play")]
        )
    assert "could never be met" in str(refused.value)


def test_the_new_hire_rule_is_stored_and_audited(cast):
    services.new_hire_rule_update(by=cast.program_lead, days=45)
    assert NewHireRule.current().days == 45
    with pytest.raises(ValidationError):
        services.new_hire_rule_update(by=cast.program_lead, days=0)
    assert AuditEvent.objects.filter(action="standards.new_hire_rule.updated").exists()


def test_the_import_refuses_nul_characters_and_empty_files(cast):
    with pytest.raises(ValidationError, match="null characters"):
        services.absences_import(by=cast.admin, text="max@example.com\x00,2026-12-01,2026-12-02")
    with pytest.raises(ValidationError, match="no rows"):
        services.absences_import(by=cast.admin, text="email,from,to,reason\n")
