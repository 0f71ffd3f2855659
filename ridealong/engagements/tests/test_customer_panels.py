"""The customer page's engagement panels, registered by engagements: the timeline and
who has met the customer."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ridealong.engagements.models import Part
from tests import factories as f


def detail(customer_id: int) -> str:
    return reverse("customers:detail", args=[customer_id])


def test_its_timeline_shows_every_engagement_newest_first(client, cast):
    call = f.EngagementFactory(
        customer=cast.acme,
        kind=f.kind("call-for-opinion"),
        summary="Asked about the new packaging",
        duration_minutes=25,
        started_at=timezone.now() - datetime.timedelta(hours=5),
    )
    f.ParticipationFactory(engagement=call, person=cast.other_member.person, part=Part.LEAD)
    workshop = f.EngagementFactory(
        customer=cast.acme,
        kind=f.kind("workshop"),
        summary="Empathy map for food plants",
        started_at=timezone.now() - datetime.timedelta(days=10),
    )
    f.EngagementFactory(customer=cast.globex, summary="Not about Acme")
    client.force_login(cast.member)
    response = client.get(detail(cast.acme.pk))
    summaries = [e.summary for e in response.context["timeline"].object_list]
    assert summaries == [
        "Asked about the new packaging",
        "Watched the night shift use the line",
        "Empathy map for food plants",
    ]
    html = response.content.decode()
    assert "Not about Acme" not in html
    assert reverse("engagements:detail", args=[call.pk]) in html
    assert reverse("engagements:detail", args=[workshop.pk]) in html
    assert "Call for opinion · live" in html
    assert "Workshop · live" not in html
    assert "25 min" in html
    assert "Fay Finance" in html
    assert "· lead" in html
    assert "Max Member" in html
    assert "· observer" in html


def test_it_shows_who_from_the_company_has_met_the_customer(client, cast):
    max_ = cast.member.person
    later = f.EngagementFactory(
        customer=cast.acme, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    f.ParticipationFactory(engagement=later, person=max_)
    f.ParticipationFactory(engagement=later, person=cast.manager.person, part=Part.HOST)
    other = f.EngagementFactory(customer=cast.globex)
    f.ParticipationFactory(engagement=other, person=cast.other_member.person)
    client.force_login(cast.other_member)
    response = client.get(detail(cast.acme.pk))
    met = {
        m.person.full_name: (m.contact_count, m.last_met_at)
        for m in response.context["people_who_met"]
    }
    assert met == {
        "Max Member": (2, later.started_at),
        "Mia Manager": (1, later.started_at),
    }
    assert "2 contacts" in response.content.decode()


def test_it_paginates_a_long_timeline(client, cast):
    f.EngagementFactory.create_batch(55, customer=cast.acme)
    client.force_login(cast.member)
    response = client.get(detail(cast.acme.pk))
    assert len(response.context["timeline"].object_list) == 50
    assert response.context["timeline"].paginator.count == 56
    second = client.get(detail(cast.acme.pk), {"page": 2})
    assert len(second.context["timeline"].object_list) == 6
