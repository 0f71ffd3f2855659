"""The search page and saved searches, as a signed-in user sees them."""

import pytest
from django.urls import reverse

from ridealong.search.models import SavedSearch

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def test_it_shows_ranked_results_with_highlights_and_links(client, cast, index):
    index(
        "Night shift",
        "The sealing jaws jam",
        kind="engagement",
        object_id=cast.acme_visit.pk,
        customer_id=cast.acme.pk,
    )
    client.force_login(cast.member)
    response = client.get(URL, {"q": "jaws"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>jaws</mark>" in html
    assert reverse("engagements:detail", kwargs={"pk": cast.acme_visit.pk}) in html
    assert "Acme" in html


def test_it_answers_htmx_with_the_results_only(client, cast, index):
    index("Night shift", "The sealing jaws jam")
    client.force_login(cast.member)
    response = client.get(URL, {"q": "jaws"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="search-results"' in html
    assert "<html" not in html


@pytest.mark.parametrize("text", ['"', "AND (", "😀", "*", "a" * 2000, "\x00"])
def test_it_never_fails_on_odd_input(client, cast, index, text):
    index("Night shift", "The sealing jaws jam")
    client.force_login(cast.member)
    response = client.get(URL, {"q": text})
    assert response.status_code == 200


def test_it_keeps_bad_filters_out_and_says_why(client, cast, index):
    index("Night shift", "The sealing jaws jam")
    client.force_login(cast.member)
    response = client.get(URL, {"q": "jaws", "since": "2026-13-45", "customer": "x"})
    assert response.status_code == 200
    assert "<mark>jaws</mark>" in response.content.decode()
    assert "Enter a valid date" in response.content.decode()


def test_it_pages_in_a_constant_number_of_queries(
    client, cast, index, django_assert_max_num_queries
):
    for n in range(45):
        index(f"Visit {n}", "common words", customer_id=cast.acme.pk)
    client.force_login(cast.member)
    with django_assert_max_num_queries(20):
        response = client.get(URL, {"q": "common", "page": "2"})
    assert response.content.decode().count('class="search-hit"') == 20


def test_a_saved_search_is_saved_listed_run_and_deleted(client, cast, index):
    index("Night shift", "The sealing jaws jam", customer_id=cast.acme.pk)
    client.force_login(cast.member)
    response = client.post(
        reverse("search:saved_create"),
        {"q": "jaws", "customer": str(cast.acme.pk), "name": "Jaws at Acme"},
    )
    saved = SavedSearch.objects.get()
    assert response.status_code == 302
    assert (saved.owner, saved.query, saved.filters) == (
        cast.member,
        "jaws",
        {"customer": str(cast.acme.pk)},
    )
    page = client.get(URL).content.decode()
    assert "Jaws at Acme" in page
    assert f"?q=jaws&amp;customer={cast.acme.pk}" in page
    client.force_login(cast.manager)
    assert "Jaws at Acme" not in client.get(URL).content.decode()
    assert client.post(reverse("search:saved_delete", kwargs={"pk": saved.pk})).status_code == 404
    client.force_login(cast.member)
    client.post(reverse("search:saved_delete", kwargs={"pk": saved.pk}))
    assert not SavedSearch.objects.exists()


def test_saving_twice_under_one_name_keeps_what_was_typed(client, cast):
    client.force_login(cast.member)
    data = {"q": "jaws", "name": "Jaws"}
    client.post(reverse("search:saved_create"), data)
    response = client.post(reverse("search:saved_create"), {**data, "name": "jaws "})
    assert response.status_code == 400
    html = response.content.decode()
    assert "already have a saved search" in html
    assert 'value="jaws"' in html
