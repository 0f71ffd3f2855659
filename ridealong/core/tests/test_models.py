import pytest
from django.db import IntegrityError

from ridealong.core.models import Organisation


def test_there_is_one_organisation(db):
    assert Organisation.current().pk == 1
    with pytest.raises(IntegrityError):
        Organisation.objects.create(pk=2, name="Another")


def test_the_cast_is_complete(cast):
    assert cast.member.person.manager == cast.manager.person
    assert cast.acme_visit.participations.get().person == cast.member.person
