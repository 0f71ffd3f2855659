import pytest
from django.db import IntegrityError

from ridealong.core.models import Organisation
from ridealong.engagements.models import ContactKind


def test_it_ships_a_kind_of_contact_for_every_practice(db):
    slugs = set(ContactKind.objects.values_list("slug", flat=True))
    assert {"sales-ride-along", "support-listening", "site-visit", "secret-shopper"} <= slugs
    assert ContactKind.objects.count() == 13
    assert not ContactKind.objects.get(slug="role-play").is_live


def test_there_is_one_organisation(db):
    assert Organisation.current().pk == 1
    with pytest.raises(IntegrityError):
        Organisation.objects.create(pk=2, name="Another")


def test_the_cast_is_complete(cast):
    assert cast.member.person.manager == cast.manager.person
    assert cast.acme_visit.participations.get().person == cast.member.person
