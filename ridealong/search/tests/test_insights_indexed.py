"""Notes, insights, reflections and host questions are searchable as soon as they are
saved, and leave search when deleted."""

import pytest
from django.core import mail
from django.urls import reverse

from ridealong.accounts.models import Role
from ridealong.engagements.models import Part
from ridealong.insights import services
from ridealong.insights.models import (
    HostQuestion,
    Insight,
    Note,
    ProductArea,
    QuestionGuide,
    Reflection,
)
from ridealong.insights.tests.factories import NoteFactory
from ridealong.search.models import SearchDocument
from tests import factories as f


@pytest.fixture
def guide(cast):
    return QuestionGuide.objects.prefetch_related("questions").get(kind=cast.acme_visit.kind)


@pytest.fixture
def hank(cast):
    """Hank hosted the Acme visit Max observed."""
    host = f.PersonFactory(first_name="Hank", last_name="Host", email="hank@example.com")
    f.ParticipationFactory(engagement=cast.acme_visit, person=host, part=Part.HOST)
    return host


@pytest.fixture
def hank_user(hank):
    return f.UserFactory(person=hank, role=Role.MEMBER)


def test_it_makes_an_insight_from_a_passage_of_a_note(client, cast):
    note = NoteFactory(engagement=cast.acme_visit, author=cast.member.person)
    client.force_login(cast.member)
    form = client.get(reverse("insights:create"), {"note": note.pk, "text": "forty minutes"})
    assert "forty minutes" in form.content.decode()  # prefilled (what insights.js sends)
    area = ProductArea.objects.get(name="Changeover")
    response = client.post(
        reverse("insights:create"),
        {
            "note": note.pk,
            "text": "It takes forty minutes",
            "type": "pain",
            "customer": cast.acme.pk,
            "contact": cast.acme_contact.pk,
            "product_area": area.pk,
            "tags": "Changeover, #night shift, changeover",
        },
    )
    assert response.status_code == 302
    insight = Insight.objects.get()
    assert insight.engagement == cast.acme_visit
    assert insight.note == note
    assert insight.author == cast.member.person
    assert sorted(t.name for t in insight.tags.all()) == ["changeover", "night shift"]
    document = SearchDocument.objects.get(kind="insight", object_id=insight.pk)
    assert document.insight_type == "pain"


def test_it_takes_a_deleted_insight_out_of_search(client, cast):
    insight = services.insight_create(
        text="Remove me", type="idea", customer=cast.acme, author=None, by=cast.member
    )
    assert SearchDocument.objects.filter(kind="insight", object_id=insight.pk).exists()
    services.insight_delete(insight=insight, by=cast.admin)
    assert not SearchDocument.objects.filter(kind="insight", object_id=insight.pk).exists()


def test_it_keeps_search_in_sync_when_a_note_is_saved(client, cast, guide):
    client.force_login(cast.member)
    client.post(
        reverse("insights:note", kwargs={"pk": cast.acme_visit.pk}),
        {"free_text": "The changeover clamps jam in the cold room"},
    )
    note = Note.objects.get()
    document = SearchDocument.objects.get(kind="note", object_id=note.pk)
    assert "cold room" in document.body


def test_it_saves_one_reflection_per_participant(client, cast):
    client.force_login(cast.member)
    url = reverse("insights:reflection", kwargs={"pk": cast.acme_visit.pk})
    client.post(url, {"learned": "Night shift has no manual", "do_differently": "Bring one"})
    client.post(url, {"learned": "Night shift has no manual at all", "do_differently": "Bring two"})
    reflection = Reflection.objects.get()
    assert reflection.learned == "Night shift has no manual at all"
    assert SearchDocument.objects.filter(kind="reflection", object_id=reflection.pk).exists()


def test_an_observer_asks_the_host_and_both_are_notified(
    client, cast, hank, hank_user, django_capture_on_commit_callbacks
):
    client.force_login(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("insights:ask", kwargs={"pk": cast.acme_visit.pk}),
            {"text": "Why did you skip the demo?"},
        )
    question = HostQuestion.objects.get()
    assert response.status_code == 302
    assert question.host == hank
    assert mail.outbox[-1].to == ["hank@example.com"]
    assert "Why did you skip the demo?" in mail.outbox[-1].body

    client.force_login(hank_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("insights:question", kwargs={"pk": question.pk}),
            {"text": "They had seen it at the fair."},
        )
    question.refresh_from_db()
    assert question.answered_at is not None
    assert mail.outbox[-1].to == ["max@example.com"]
    assert "They had seen it at the fair." in mail.outbox[-1].body
    document = SearchDocument.objects.get(kind="answer", object_id=question.pk)
    assert "seen it at the fair" in document.body
