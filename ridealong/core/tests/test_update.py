"""model_update: the one path of every update service."""

import pytest
from django.core.exceptions import ValidationError

from ridealong.core.models import AuditEvent, Organisation
from ridealong.core.update import model_update

pytestmark = pytest.mark.django_db


def _organisation(name: str) -> Organisation:
    organisation = Organisation.current()
    Organisation.objects.filter(pk=organisation.pk).update(name=name)
    organisation.refresh_from_db()
    return organisation


def test_it_saves_and_audits_what_changed():
    organisation = _organisation("Falkenrath")

    changes = model_update(
        organisation, data={"name": "Falkenrath AG"}, action="core.organisation.updated", by=None
    )

    organisation.refresh_from_db()
    assert organisation.name == "Falkenrath AG"
    assert changes == {"name": ["Falkenrath", "Falkenrath AG"]}
    event = AuditEvent.objects.get(action="core.organisation.updated")
    assert event.changes == {"name": ["Falkenrath", "Falkenrath AG"]}


def test_it_writes_no_audit_event_when_nothing_changed():
    organisation = _organisation("Falkenrath")

    changes = model_update(
        organisation, data={"name": "Falkenrath"}, action="core.organisation.updated", by=None
    )

    assert changes == {}
    assert not AuditEvent.objects.exists()


def test_a_refused_change_saves_nothing():
    organisation = _organisation("Falkenrath")

    def refuse(org: Organisation) -> None:
        raise ValidationError({"name": "Not that name."})

    with pytest.raises(ValidationError):
        model_update(
            organisation,
            data={"name": "X"},
            action="core.organisation.updated",
            by=None,
            validate=refuse,
        )

    organisation.refresh_from_db()
    assert organisation.name == "Falkenrath"
    assert not AuditEvent.objects.exists()


def test_the_models_own_rules_apply():
    organisation = _organisation("Falkenrath")

    with pytest.raises(ValidationError) as refused:
        model_update(organisation, data={"time_zone": "Mars/Olympus"}, action="x.updated", by=None)

    assert "time_zone" in refused.value.message_dict
