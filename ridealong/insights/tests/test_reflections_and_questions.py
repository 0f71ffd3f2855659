import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ridealong.insights.models import HostQuestion, Reflection, ReflectionReminder
from ridealong.insights.tests.factories import ReflectionFactory
from tests.factories import EngagementFactory, ParticipationFactory


def test_it_asks_for_both_parts_of_a_reflection(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("insights:reflection", kwargs={"pk": cast.acme_visit.pk}),
        {"learned": "Something", "do_differently": "  "},
    )
    assert response.status_code == 200
    assert "Something" in response.content.decode()
    assert not Reflection.objects.exists()


def test_it_reminds_once_when_a_reflection_is_missing_after_two_days(
    cast, django_capture_on_commit_callbacks
):
    old = EngagementFactory(
        customer=cast.acme, started_at=timezone.now() - datetime.timedelta(days=3)
    )
    ParticipationFactory(engagement=old, person=cast.member.person)
    fresh = EngagementFactory(
        customer=cast.acme, started_at=timezone.now() - datetime.timedelta(hours=5)
    )
    ParticipationFactory(engagement=fresh, person=cast.member.person)
    done = EngagementFactory(
        customer=cast.acme, started_at=timezone.now() - datetime.timedelta(days=4)
    )
    ParticipationFactory(engagement=done, person=cast.manager.person)
    ReflectionFactory(engagement=done, person=cast.manager.person)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_reflections")
        call_command("remind_reflections")

    # The cast's own visit (3 days ago) and `old`: reminders for Max only, once each.
    to = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [address for address, _ in to] == ["max@example.com", "max@example.com"]
    assert ReflectionReminder.objects.count() == 2
    assert f"/insights/engagements/{old.pk}/reflection/" in "".join(m.body for m in mail.outbox)


def test_only_the_host_and_the_asker_write_in_the_thread(client, cast, hank):
    question = HostQuestion.objects.create(
        engagement=cast.acme_visit, asked_by=cast.member.person, host=hank, text="Why?"
    )
    client.force_login(cast.manager)
    response = client.post(reverse("insights:question", kwargs={"pk": question.pk}), {"text": "x"})
    assert response.status_code == 403


def test_the_host_cannot_ask_himself(client, cast, hank, hank_user):
    client.force_login(hank_user)
    response = client.post(
        reverse("insights:ask", kwargs={"pk": cast.acme_visit.pk}), {"text": "Why?"}
    )
    assert response.status_code == 200
    assert "no host (other than you)" in response.content.decode()


# A Thursday: the cast's visit three days earlier is this week, so last week's digest is empty.
@pytest.mark.time_machine(datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC))
def test_the_commands_also_run_as_tasks(cast):
    from ridealong.insights.tasks import remind_reflections, send_digests

    assert remind_reflections.enqueue().return_value == 1  # the cast's visit, 3 days ago
    assert send_digests.enqueue().return_value == {"teams": 0, "emails": 0}
