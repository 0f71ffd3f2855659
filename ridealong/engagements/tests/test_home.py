"""Home: my customer time."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import Role
from ridealong.engagements.models import Part
from tests import factories as f

URL = reverse("home")


def test_it_requires_login(client, cast):
    assert client.get(URL).status_code == 302


def test_it_shows_my_last_live_contact_and_how_long_ago(client, cast):
    cast.acme_visit.started_at = timezone.now() - datetime.timedelta(days=12)
    cast.acme_visit.save()
    workshop = f.EngagementFactory(
        kind=f.kind("workshop"),
        customer=None,
        started_at=timezone.now() - datetime.timedelta(days=1),
    )
    f.ParticipationFactory(engagement=workshop, person=cast.member.person)
    client.force_login(cast.member)
    response = client.get(URL)
    assert response.context["last"] == cast.acme_visit  # a workshop is not live contact
    content = response.content.decode()
    assert "12 days ago" in content
    assert "Site visit at Acme Foods" in content
    assert reverse("engagements:detail", args=[cast.acme_visit.pk]) in content


def test_it_encourages_someone_without_a_contact_yet(client, cast):
    client.force_login(cast.other_member)
    response = client.get(URL)
    assert response.context["last"] is None
    assert b"No live customer contact logged yet" in response.content
    assert reverse("engagements:create").encode() in response.content


def test_it_adds_up_my_exposure_in_the_last_six_weeks(client, cast):
    now = timezone.now()
    for days, minutes, kind in [
        (3, 90, "site-visit"),
        (30, 60, "workshop"),
        (50, 600, "site-visit"),
    ]:
        engagement = f.EngagementFactory(
            kind=f.kind(kind),
            started_at=now - datetime.timedelta(days=days),
            duration_minutes=minutes,
        )
        f.ParticipationFactory(engagement=engagement, person=cast.other_member.person)
    client.force_login(cast.other_member)
    response = client.get(URL)
    assert response.context["exposure_hours"] == 2.5  # 90 + 60 minutes; 50 days ago is out
    assert response.context["live_hours"] == 1.5
    assert b"2.5 h" in response.content


def test_it_lists_my_recent_engagements_and_my_teams(client, cast):
    teammate = f.PersonFactory(department=cast.engineering)
    team_visit = f.EngagementFactory(summary="Teammate at Globex", customer=cast.globex)
    f.ParticipationFactory(engagement=team_visit, person=teammate, part=Part.LEAD)
    finance_visit = f.EngagementFactory(summary="Fay at Globex", customer=cast.globex)
    f.ParticipationFactory(engagement=finance_visit, person=cast.other_member.person)
    client.force_login(cast.member)
    response = client.get(URL)
    assert list(response.context["mine"]) == [cast.acme_visit]
    assert list(response.context["team"]) == [team_visit]


def test_a_manager_sees_their_reports_in_another_department_as_team(client, cast):
    remote = f.PersonFactory(department=cast.finance, manager=cast.manager.person)
    visit = f.EngagementFactory(summary="Remote report at Acme", customer=cast.acme)
    f.ParticipationFactory(engagement=visit, person=remote)
    client.force_login(cast.manager)
    team = list(client.get(URL).context["team"])
    assert visit in team
    assert cast.acme_visit in team  # Max: same department and a report


def test_it_shows_only_ten_of_each(client, cast):
    for n in range(12):
        engagement = f.EngagementFactory(summary=f"Call {n}")
        f.ParticipationFactory(engagement=engagement, person=cast.member.person)
    client.force_login(cast.member)
    response = client.get(URL)
    assert len(response.context["mine"]) == 10


def test_a_login_without_a_person_gets_a_sensible_page(client, cast):
    user = f.UserFactory(person=None, email="it@example.com", role=Role.ADMIN)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert b"not linked to a person" in response.content
    assert list(response.context["recent"]) == [cast.acme_visit]
