import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ridealong.insights import services
from ridealong.insights.models import Insight, InsightType
from ridealong.insights.services.insights import _set_tags
from ridealong.insights.tests.factories import InsightFactory, ReflectionFactory


def test_it_refuses_a_contact_of_another_customer_and_keeps_the_quote(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("insights:create"),
        {
            "text": "Invoices are unreadable",
            "type": "pain",
            "customer": cast.acme.pk,
            "contact": cast.globex_contact.pk,
        },
    )
    assert response.status_code == 200
    assert "Invoices are unreadable" in response.content.decode()
    assert not Insight.objects.exists()


def test_it_refuses_an_unknown_type(cast):
    with pytest.raises(ValidationError, match="not a type"):
        services.insight_create(text="x", type="rant", customer=cast.acme, author=None, by=None)


def test_it_filters_insights_by_type_tag_and_words(client, cast):
    pain = InsightFactory(customer=cast.acme, text="Spare parts take three weeks")
    _set_tags(pain, ["spare parts"])
    InsightFactory(customer=cast.acme, type=InsightType.PRAISE, text="Great technician")
    client.force_login(cast.member)
    response = client.get(reverse("insights:list"), {"type": "pain", "tag": "spare parts"})
    assert list(response.context["page"].object_list) == [pain]
    response = client.get(reverse("insights:list"), {"q": "technician"})
    assert [i.text for i in response.context["page"].object_list] == ["Great technician"]


def test_it_lists_insights_in_constant_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.member)
    for n in range(3):
        _set_tags(InsightFactory(customer=cast.acme), [f"tag {n}"])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("insights:list"))
    for n in range(20):
        _set_tags(InsightFactory(customer=cast.globex), [f"tag {n}", "x"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("insights:list"))


def test_it_lets_the_author_and_their_manager_change_an_insight_but_not_others(client, cast):
    insight = InsightFactory(customer=cast.acme, author=cast.member.person, created_by=cast.member)
    client.force_login(cast.other_manager)
    assert client.get(reverse("insights:edit", kwargs={"pk": insight.pk})).status_code == 403
    client.force_login(cast.manager)
    response = client.post(
        reverse("insights:edit", kwargs={"pk": insight.pk}),
        {"text": "Changed quote", "type": "idea", "customer": cast.acme.pk},
    )
    assert response.status_code == 302
    insight.refresh_from_db()
    assert (insight.text, insight.type) == ("Changed quote", "idea")


def test_the_feed_shows_my_teams_insights_and_reflections(client, cast):
    mine = InsightFactory(customer=cast.acme, author=cast.member.person, text="From my team")
    InsightFactory(customer=cast.acme, author=cast.other_member.person, text="From finance")
    ReflectionFactory(engagement=cast.acme_visit, person=cast.member.person)
    client.force_login(cast.manager)
    response = client.get(reverse("insights:home"), {"scope": "team"})
    assert response.context["insights"] == [mine]
    assert len(response.context["reflections"]) == 1
    response = client.get(reverse("insights:home"), {"scope": "company"})
    assert len(response.context["insights"]) == 2


def test_the_feed_runs_constant_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.member)
    InsightFactory(customer=cast.acme, author=cast.member.person)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("insights:home"))
    for _ in range(15):
        InsightFactory(customer=cast.acme, author=cast.member.person)
        ReflectionFactory(person=cast.member.person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("insights:home"))


def test_the_feed_lists_my_missing_reflections(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("insights:home"))
    assert cast.acme_visit in response.context["missing"]
    ReflectionFactory(engagement=cast.acme_visit, person=cast.member.person)
    response = client.get(reverse("insights:home"))
    assert cast.acme_visit not in response.context["missing"]
