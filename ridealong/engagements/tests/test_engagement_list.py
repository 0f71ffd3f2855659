"""The engagements list: filters, pages of 50, a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.engagements.models import Engagement, Part
from tests import factories as f

URL = reverse("engagements:list")


def summaries(response) -> set[str]:
    return {e.summary for e in response.context["page"].object_list}


@pytest.fixture
def spread(cast):
    """Engagements across kinds, customers, departments and days."""
    now = timezone.now()
    finance_call = f.EngagementFactory(
        kind=f.kind("call-for-opinion"),
        customer=cast.globex,
        summary="Fay called Globex",
        started_at=now - datetime.timedelta(days=20),
    )
    f.ParticipationFactory(engagement=finance_call, person=cast.other_member.person)
    mia_visit = f.EngagementFactory(
        customer=cast.globex,
        summary="Mia visited Globex",
        started_at=now - datetime.timedelta(days=40),
    )
    f.ParticipationFactory(engagement=mia_visit, person=cast.manager.person, part=Part.LEAD)
    return {"finance_call": finance_call, "mia_visit": mia_visit}


def test_it_lists_every_engagement_newest_first(client, cast, spread):
    client.force_login(cast.other_member)
    response = client.get(URL)
    assert response.status_code == 200
    assert [e.summary for e in response.context["page"].object_list] == [
        "Watched the night shift use the line",
        "Fay called Globex",
        "Mia visited Globex",
    ]


def test_it_filters_by_kind(client, cast, spread):
    client.force_login(cast.member)
    response = client.get(URL, {"kind": f.kind("call-for-opinion").pk})
    assert summaries(response) == {"Fay called Globex"}


def test_it_filters_by_customer(client, cast, spread):
    client.force_login(cast.member)
    response = client.get(URL, {"customer": cast.globex.pk})
    assert summaries(response) == {"Fay called Globex", "Mia visited Globex"}
    assert b"Globex Packaging" in response.content  # the chip of the active filter


def test_it_filters_by_person(client, cast, spread):
    client.force_login(cast.member)
    response = client.get(URL, {"person": cast.manager.person_id})
    assert summaries(response) == {"Mia visited Globex"}


def test_it_filters_by_department_and_the_departments_below_it(client, cast, spread):
    platform = f.DepartmentFactory(name="Platform", parent=cast.engineering)
    engineer = f.PersonFactory(department=platform)
    deep = f.EngagementFactory(summary="Platform team at Acme", customer=cast.acme)
    f.ParticipationFactory(engagement=deep, person=engineer)
    client.force_login(cast.member)
    response = client.get(URL, {"department": cast.engineering.pk})
    assert summaries(response) == {
        "Watched the night shift use the line",
        "Mia visited Globex",
        "Platform team at Acme",
    }
    response = client.get(URL, {"department": cast.finance.pk})
    assert summaries(response) == {"Fay called Globex"}


def test_it_filters_by_a_date_range_including_the_last_day(client, cast, spread):
    client.force_login(cast.member)
    day = timezone.localdate(spread["finance_call"].started_at)
    response = client.get(URL, {"since": day.isoformat(), "until": day.isoformat()})
    assert summaries(response) == {"Fay called Globex"}
    response = client.get(URL, {"since": (day + datetime.timedelta(days=1)).isoformat()})
    assert summaries(response) == {"Watched the night shift use the line"}


def test_filters_that_make_no_sense_are_ignored_with_a_message(client, cast, spread):
    client.force_login(cast.member)
    response = client.get(
        URL,
        {
            "kind": "\x00",
            "customer": "999999",
            "person": "abc",
            "since": "yesterday",
            "until": "2025-02-30",
            "page": "\x00",
        },
    )
    assert response.status_code == 200
    assert len(summaries(response)) == 3
    assert b"not understood" in response.content


def test_it_says_when_the_end_is_before_the_start(client, cast):
    client.force_login(cast.member)
    response = client.get(URL, {"since": "2025-03-10", "until": "2025-03-01"})
    assert response.context["form"].errors["until"] == ["The end is before the start."]


def test_an_htmx_filter_change_gets_only_the_results(client, cast, spread):
    client.force_login(cast.member)
    response = client.get(URL, {"customer": cast.globex.pk}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="engagement-results"')
    assert "<html" not in content
    assert "Fay called Globex" in content


def test_it_pages_by_fifty(client, cast):
    started = timezone.now() - datetime.timedelta(days=1)
    Engagement.objects.bulk_create(
        Engagement(
            kind=f.kind(),
            customer=cast.acme,
            started_at=started - datetime.timedelta(minutes=n),
            duration_minutes=30,
            summary=f"Call {n}",
        )
        for n in range(60)
    )
    client.force_login(cast.member)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 61
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 11
    assert client.get(URL, {"page": 99}).context["page"].number == 2


def test_the_list_runs_a_constant_number_of_queries(
    client, cast, spread, django_assert_max_num_queries
):
    client.force_login(cast.member)
    client.get(URL)  # warm the session and the organisation
    for _ in range(65):
        engagement = f.EngagementFactory(customer=f.CustomerFactory(), kind=f.kind())
        f.ParticipationFactory(engagement=engagement, person=f.PersonFactory())
        f.ParticipationFactory(engagement=engagement, person=cast.member.person, part="lead")
        engagement.contacts.add(f.ContactFactory(customer=engagement.customer))
    params = {
        "kind": f.kind().pk,
        "person": cast.member.person_id,
        "department": cast.engineering.pk,
        "customer": "",
        "since": "2000-01-01",
    }
    with django_assert_max_num_queries(14) as captured:
        response = client.get(URL, params)
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(len(captured)):
        client.get(URL, {**params, "page": 2})
