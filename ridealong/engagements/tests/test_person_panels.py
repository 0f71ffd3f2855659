"""The person page's engagement panels, registered by engagements: exposure and the
person's engagements."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ridealong.engagements.models import Part
from tests import factories as f


def detail(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def test_it_totals_exposure_hours_over_the_last_six_weeks(client, cast):
    max_ = cast.member.person
    recent_role_play = f.EngagementFactory(
        kind=f.kind("role-play"), customer=None, duration_minutes=30
    )
    f.ParticipationFactory(engagement=recent_role_play, person=max_)
    old_visit = f.EngagementFactory(
        customer=cast.acme,
        started_at=timezone.now() - datetime.timedelta(weeks=7),
        duration_minutes=600,
    )
    f.ParticipationFactory(engagement=old_visit, person=max_)
    client.force_login(cast.member)
    response = client.get(detail(max_.pk))
    exposure = response.context["exposure"]
    # the 90-minute Acme visit and the 30-minute role-play; the visit 7 weeks ago is outside
    assert exposure.exposure_minutes == 120
    assert exposure.live_exposure_minutes == 90
    html = response.content.decode()
    assert "2.0 h" in html
    assert "1.5 h of it live" in html


def test_it_lists_the_persons_engagements_newest_first_with_their_part(client, cast):
    max_ = cast.member.person
    newer = f.EngagementFactory(
        customer=cast.globex,
        summary="Called Globex about the new labels",
        kind=f.kind("call-for-opinion"),
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    f.ParticipationFactory(engagement=newer, person=max_, part=Part.LEAD)
    f.EngagementFactory(summary="Someone else's visit")
    client.force_login(cast.other_member)
    response = client.get(detail(max_.pk))
    summaries = [e.summary for e in response.context["engagements"].object_list]
    assert summaries == [
        "Called Globex about the new labels",
        "Watched the night shift use the line",
    ]
    html = response.content.decode()
    assert reverse("engagements:detail", args=[newer.pk]) in html
    assert reverse("customers:detail", args=[cast.globex.pk]) in html
    assert "lead" in html
    assert "Someone else&#x27;s visit" not in html


def test_it_paginates_a_persons_engagements(client, cast):
    max_ = cast.member.person
    for _ in range(25):
        f.ParticipationFactory(engagement=f.EngagementFactory(customer=cast.acme), person=max_)
    client.force_login(cast.member)
    first = client.get(detail(max_.pk))
    assert len(first.context["engagements"].object_list) == 20
    second = client.get(detail(max_.pk), {"page": 2})
    assert len(second.context["engagements"].object_list) == 6
