"""The demo company's standards tell a story: finance behind, sales ahead."""

import datetime

import pytest

from ridealong.demo.loader import load_demo
from ridealong.people.models import Person
from ridealong.standards import selectors
from ridealong.standards.models import OutOfOffice, PeopleGroup, Standard


@pytest.mark.django_db
def test_it_loads_standards_groups_and_availability_into_the_demo():
    today = datetime.date(2026, 11, 20)
    summary = load_demo(today=today)
    assert summary.extras["standards"] == 3
    assert Standard.objects.filter(min_live=1, department__name="Engineering").exists()
    assert PeopleGroup.objects.get(name="Leadership team").members.count() > 3
    assert OutOfOffice.objects.count() == summary.extras["out-of-office ranges"] > 0
    progress = selectors.progress_for(Person.objects.filter(is_active=True), today=today)

    def share_met(department: str) -> float:
        rows = [
            p
            for p in progress.values()
            if p.person.department and p.person.department.name == department
        ]
        return sum(p.met for p in rows) / len(rows)

    assert share_met("Sales") > share_met("Finance")
