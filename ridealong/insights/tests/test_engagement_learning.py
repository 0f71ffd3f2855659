"""The engagement page and the home page lead to notes, insights and reflections."""

from django.urls import reverse


def test_a_participant_is_offered_notes_and_a_reflection_on_the_engagement_page(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("engagements:detail", args=[cast.acme_visit.pk])).content.decode()
    assert reverse("insights:engagement", args=[cast.acme_visit.pk]) in page
    assert reverse("insights:note", args=[cast.acme_visit.pk]) in page
    assert "Reflect: what I learned" in page


def test_someone_who_was_not_there_only_reads_the_notes(client, cast):
    client.force_login(cast.other_member)
    page = client.get(reverse("engagements:detail", args=[cast.acme_visit.pk])).content.decode()
    assert reverse("insights:engagement", args=[cast.acme_visit.pk]) in page
    assert reverse("insights:note", args=[cast.acme_visit.pk]) not in page


def test_home_asks_for_the_missing_reflection(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("home")).content.decode()
    assert "Waiting for your reflection" in page
    assert reverse("insights:reflection", args=[cast.acme_visit.pk]) in page
