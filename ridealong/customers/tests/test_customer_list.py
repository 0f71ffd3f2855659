"""The customers list: search, filters, engagement counts, htmx fragment, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.customers.models import Relationship
from tests import factories as f


def url() -> str:
    return reverse("customers:list")


def names_in(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


@pytest.fixture
def market(cast):
    """Customers across relationships, segments, industries and countries."""
    f.CustomerFactory(
        name="Initech Labels",
        relationship=Relationship.PROSPECT,
        segment="Enterprise",
        industry="Printing",
        city="Hamburg",
        country="Germany",
    )
    f.CustomerFactory(
        name="Umbrella Dairy",
        relationship=Relationship.COMPETITOR_CLIENT,
        segment="Small business",
        industry="Dairy",
        city="Cork",
        country="Ireland",
    )
    return cast


def test_it_sends_anonymous_visitors_to_sign_in(client, cast):
    assert client.get(url()).status_code == 302


def test_it_lists_customers_with_engagement_count_and_last_engaged(client, cast):
    cast.acme.owner = cast.manager.person
    cast.acme.save()
    client.force_login(cast.member)
    response = client.get(url())
    customers = {c.name: c for c in response.context["page"].object_list}
    assert list(customers) == ["Acme Foods", "Globex Packaging"]
    assert customers["Acme Foods"].engagement_count == 1
    assert customers["Acme Foods"].last_engaged_at == cast.acme_visit.started_at
    assert customers["Globex Packaging"].engagement_count == 0
    html = response.content.decode()
    assert reverse("customers:detail", args=[cast.acme.pk]) in html
    assert "Current customer" in html
    assert "Mia Manager" in html  # the owner
    assert "Lyon" in html
    assert "never" in html  # Globex


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "acme"}, ["Acme Foods"]),
        ({"q": "hamburg"}, ["Initech Labels"]),
        ({"q": "dairy"}, ["Umbrella Dairy"]),
        ({"relationship": Relationship.PROSPECT}, ["Initech Labels"]),
        ({"relationship": Relationship.COMPETITOR_CLIENT}, ["Umbrella Dairy"]),
        ({"segment": "Enterprise"}, ["Initech Labels"]),
        ({"industry": "Food processing"}, ["Acme Foods", "Globex Packaging"]),
        ({"country": "Ireland"}, ["Umbrella Dairy"]),
        ({"country": "France", "q": "globex"}, ["Globex Packaging"]),
    ],
)
def test_it_searches_and_filters(client, market, params, expected):
    client.force_login(market.member)
    assert names_in(client.get(url(), params)) == expected


def test_it_offers_the_segments_industries_and_countries_in_use(client, market):
    client.force_login(market.member)
    html = client.get(url()).content.decode()
    for value in ("Enterprise", "Small business", "Printing", "Dairy", "Germany", "Ireland"):
        assert f'<option value="{value}">' in html


@pytest.mark.parametrize(
    "params",
    [
        {"relationship": "friend"},
        {"country": "Atlantis"},
        {"page": "-1"},
        {"page": "zzz"},
        {"q": "nul\x00char"},
        {"q": "y" * 5000},
    ],
)
def test_it_ignores_bad_filters_instead_of_failing(client, cast, params):
    client.force_login(cast.member)
    response = client.get(url(), params)
    assert response.status_code == 200
    assert names_in(response)


def test_it_returns_only_the_results_fragment_to_htmx(client, market):
    client.force_login(market.member)
    response = client.get(url(), {"q": "umbrella"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="customer-results"')
    assert "<html" not in html
    assert 'name="q"' not in html
    assert "Umbrella Dairy" in html
    assert "Acme Foods" not in html
    assert "HX-Request" in response["Vary"]


def test_it_paginates_fifty_customers_a_page(client, cast):
    f.CustomerFactory.create_batch(53)
    client.force_login(cast.member)
    first = client.get(url())
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 55
    assert len(client.get(url(), {"page": 2}).context["page"].object_list) == 5


def test_it_runs_a_constant_number_of_queries_however_many_customers(
    client, cast, django_assert_max_num_queries
):
    for n in range(60):
        customer = f.CustomerFactory(owner=f.PersonFactory(), country=f"Country {n % 7}")
        for days in (1, n + 2):
            f.EngagementFactory(
                customer=customer, started_at=timezone.now() - datetime.timedelta(days=days)
            )
    Organisation.current()
    client.force_login(cast.member)
    # organisation, session, user, user's person (header), filter choices, count, page
    with django_assert_max_num_queries(7):
        response = client.get(url(), {"industry": "Food processing"})
    assert len(response.context["page"].object_list) == 50
    assert all(c.engagement_count == 2 for c in response.context["page"].object_list[2:])
