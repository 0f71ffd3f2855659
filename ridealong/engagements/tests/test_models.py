"""The kinds of contact Ridealong ships."""

from ridealong.engagements.models import ContactKind


def test_it_ships_a_kind_of_contact_for_every_practice(db):
    slugs = set(ContactKind.objects.values_list("slug", flat=True))
    assert {"sales-ride-along", "support-listening", "site-visit", "secret-shopper"} <= slugs
    assert ContactKind.objects.count() == 13
    assert not ContactKind.objects.get(slug="role-play").is_live
