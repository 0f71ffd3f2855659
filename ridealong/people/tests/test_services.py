import pytest
from django.core.exceptions import ValidationError

from ridealong.core.models import AuditEvent
from ridealong.people import services
from ridealong.people.models import Person
from tests import factories as f


def test_it_refuses_to_delete_a_person_with_engagements(cast):
    with pytest.raises(ValidationError, match="Mark them inactive"):
        services.person_delete(person=cast.member.person, by=cast.admin)
    assert Person.objects.filter(pk=cast.member.person.pk).exists()


def test_it_deletes_a_person_who_never_met_a_customer(db):
    person = f.PersonFactory()
    services.person_delete(person=person, by=None)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action="people.person.deleted").exists()


def test_marking_a_person_inactive_ends_their_sign_in(cast):
    services.person_update(person=cast.member.person, by=cast.admin, is_active=False)
    cast.member.refresh_from_db()
    assert not cast.member.is_active
    event = AuditEvent.objects.get(action="accounts.user.deactivated")
    assert event.actor == cast.admin


def test_it_refuses_a_manager_who_reports_to_the_person(cast):
    with pytest.raises(ValidationError, match="management cycle"):
        services.person_update(
            person=cast.manager.person, by=cast.admin, manager=cast.member.person
        )
