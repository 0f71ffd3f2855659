import json

import pytest
from django.urls import reverse

from ridealong.themes.models import Theme
from ridealong.themes.tests.factories import InsightFactory, theme_with
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def _theme(cast, n=3, **fields):
    customer = CustomerFactory(segment="Dairy")
    insights = [
        InsightFactory(customer=customer, text=f"Changeover takes too long, case {i}")
        for i in range(n)
    ]
    return theme_with(insights, **fields), insights


def test_the_themes_page_shows_name_size_trend_customers_and_quotes(client, cast):
    _, insights = _theme(cast, name="changeover time · format parts")
    client.force_login(cast.member)
    response = client.get(reverse("themes:themes"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "changeover time · format parts" in html
    assert "3 insights" in html
    assert '<svg class="theme-trend"' in html
    assert insights[0].customer.name in html
    assert "Dairy" in html
    assert "Changeover takes too long" in html
    assert "Recompute all themes" not in html  # members read only


def test_the_themes_page_runs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for _ in range(3):
        _theme(cast)
    client.force_login(cast.program_lead)
    client.get(reverse("themes:themes"))
    with django_assert_max_num_queries(14):
        first = client.get(reverse("themes:themes"))
    for _ in range(5):
        _theme(cast)
    with django_assert_max_num_queries(14):
        second = client.get(reverse("themes:themes"))
    assert first.status_code == second.status_code == 200
    assert "Recompute all themes" in second.content.decode()


def test_a_program_lead_renames_with_a_clear_message_for_a_blank_name(client, cast):
    theme, _ = _theme(cast)
    client.force_login(cast.program_lead)
    response = client.post(reverse("themes:rename", args=[theme.pk]), {"name": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post(reverse("themes:rename", args=[theme.pk]), {"name": "Slow changeovers"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.renamed) == ("Slow changeovers", True)


def test_split_from_the_page_keeps_what_was_typed_on_error(client, cast):
    theme, insights = _theme(cast)
    client.force_login(cast.admin)
    url = reverse("themes:split", args=[theme.pk])
    response = client.post(url, {"name": "All of it", "insights": [i.pk for i in insights]})
    assert response.status_code == 400
    assert 'value="All of it"' in response.content.decode()
    response = client.post(url, {"name": "Tools", "insights": [insights[0].pk]})
    new = Theme.objects.get(name="Tools")
    assert response.url == reverse("themes:detail", args=[new.pk])
    assert new.size == 1


def test_recompute_from_the_page_shows_the_run(client, cast, monkeypatch):
    monkeypatch.setenv("RIDEALONG_THEME_MODEL", "tfidf")
    for i in range(6):
        InsightFactory(customer=cast.acme, text=f"spare parts delivery is slow {i}")
    client.force_login(cast.program_lead)
    response = client.post(reverse("themes:recompute"), {"full": "1"}, follow=True)
    html = response.content.decode()
    assert "Last computed" in html
    assert Theme.objects.exists()


def _bearer(user):
    from ridealong.accounts.models import ApiToken, hash_token

    raw = ApiToken.generate()
    ApiToken.objects.create(user=user, name="test", prefix=raw[:10], digest=hash_token(raw))
    return {"authorization": f"Bearer {raw}"}


def test_the_api_lists_reads_and_renames_themes(client, cast):
    theme, _ = _theme(cast, name="changeover time")
    response = client.get("/api/v1/themes", headers=_bearer(cast.member))
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["name"], item["size"], item["customer_count"]) == ("changeover time", 3, 1)
    assert len(item["trend"]) == 12
    assert item["trend"][-1]["count"] == 3
    assert item["quotes"][0]["text"].startswith("Changeover")
    response = client.patch(
        f"/api/v1/themes/{theme.pk}",
        data=json.dumps({"name": " ", "pinned": True}),
        content_type="application/json",
        headers=_bearer(cast.program_lead),
    )
    assert response.status_code == 400
    response = client.patch(
        f"/api/v1/themes/{theme.pk}",
        data=json.dumps({"name": "Slow changeovers", "pinned": True}),
        content_type="application/json",
        headers=_bearer(cast.program_lead),
    )
    assert response.json()["name"] == "Slow changeovers"
    assert response.json()["pinned"] is True


def test_the_api_scores_texts(client, cast):
    response = client.post(
        "/api/v1/sentiment",
        data=json.dumps({"texts": ["Thank you, great service!", "Still waiting for a refund"]}),
        content_type="application/json",
        headers=_bearer(cast.member),
    )
    assert [r["label"] for r in response.json()] == ["positive", "negative"]
