import pytest

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.insights.models import Insight, QuestionGuide
from ridealong.insights.tests.factories import InsightFactory


@pytest.fixture
def api(client):
    def call(user, method, path, body=None):
        raw = ApiToken.generate()
        ApiToken.objects.create(user=user, name="t", prefix=raw[:10], digest=hash_token(raw))
        headers = {"authorization": f"Bearer {raw}"}
        if method == "get":
            return client.get(f"/api/v1{path}", body or {}, headers=headers)
        return getattr(client, method)(
            f"/api/v1{path}", body, content_type="application/json", headers=headers
        )

    return call


def test_it_saves_my_note_with_guide_answers(api, cast):
    question = QuestionGuide.objects.get(kind=cast.acme_visit.kind).questions.first()
    response = api(
        cast.member,
        "put",
        f"/engagements/{cast.acme_visit.pk}/note",
        {"answers": [{"question": question.pk, "answer": "On paper"}], "free_text": "Loud"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == [
        {"question": question.pk, "question_text": question.text, "answer": "On paper"}
    ]
    assert body["is_draft"] is False


def test_it_creates_an_insight_with_tags_and_filters_by_type(api, cast):
    response = api(
        cast.member,
        "post",
        "/insights",
        {"text": "Parts take weeks", "type": "pain", "customer": cast.acme.pk, "tags": ["Parts"]},
    )
    assert response.status_code == 201
    assert response.json()["tags"] == ["parts"]
    assert response.json()["author"]["id"] == cast.member.person.pk
    InsightFactory(customer=cast.acme, type="praise")
    listed = api(cast.member, "get", "/insights", {"type": "pain"}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["text"] == "Parts take weeks"


def test_it_answers_400_for_bad_insight_input(api, cast):
    response = api(cast.member, "post", "/insights", {"text": "x\x00", "type": "pain"})
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    response = api(cast.member, "post", "/insights", {"text": "No customer", "type": "pain"})
    assert response.status_code == 400
    assert "customer" in response.json()["errors"]
    assert not Insight.objects.exists()


def test_a_manager_cannot_assign_a_learning_task_to_another_teams_person(api, cast):
    response = api(
        cast.other_manager,
        "post",
        "/learning-tasks",
        {
            "customer": cast.acme.pk,
            "assignee": cast.member.person.pk,
            "reason": "x",
            "due_on": "2099-01-01",
        },
    )
    assert response.status_code == 400
    assert "assignee" in response.json()["errors"]


def test_the_wall_feed_needs_no_api_token(client, cast):
    from ridealong.insights.tests.factories import WallLinkFactory

    link = WallLinkFactory()
    response = client.get(f"/insights/wall/{link.token}/feed.json")
    assert response.status_code == 200
    assert response.json()["slides"] == []
    assert client.get("/insights/wall/not-a-token/feed.json").status_code == 404
