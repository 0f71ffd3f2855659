"""The people list's last-contact column, registered by engagements."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.engagements.models import Part
from tests import factories as f

URL = reverse("people:list")


def names_in(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


def test_it_ignores_contacts_that_were_not_live(client, cast):
    role_play = f.EngagementFactory(kind=f.kind("role-play"), customer=None)
    f.ParticipationFactory(engagement=role_play, person=cast.other_member.person)
    client.force_login(cast.member)
    response = client.get(URL, {"q": "Fay"})
    assert response.context["page"].object_list[0].days_since_contact is None


def test_it_runs_a_constant_number_of_queries_however_many_people(
    client, cast, django_assert_max_num_queries
):
    parent = f.DepartmentFactory(name="Production")
    for n in range(60):
        department = f.DepartmentFactory(name=f"Line {n}", parent=parent)
        person = f.PersonFactory(department=department, manager=cast.manager.person)
        visit = f.EngagementFactory(
            started_at=timezone.now() - datetime.timedelta(days=n + 1), customer=cast.acme
        )
        f.ParticipationFactory(engagement=visit, person=person, part=Part.OBSERVER)
    Organisation.current()
    client.force_login(cast.member)
    # organisation, session, user, user's person (header), departments (choices + tree),
    # count, page, last contacts
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"department": parent.pk, "q": "e"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
