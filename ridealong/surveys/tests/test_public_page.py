"""The response page: no login, no JavaScript, single use, polite refusals, rate-limited."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ridealong.surveys.models import (
    Answer,
    FollowUp,
    PublicHit,
    QuestionKind,
    Response,
    SurveyStatus,
)
from ridealong.surveys.tests.factories import add_question, make_invitation, make_survey


def q(survey, kind):
    return survey.questions.get(kind=kind)


def test_it_shows_the_questions_without_a_login_and_marks_required_ones(client, invited):
    _invitation, _raw, url = invited
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "How likely are you to recommend us" in html
    assert "<fieldset" in html
    assert "<legend>" in html
    assert "(required)" in html
    assert "(optional)" in html
    assert "<script" not in html
    assert "csrftoken" in response.cookies  # first-time visitors get the CSRF cookie on GET
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_it_stores_the_answers_once_and_thanks(client, invited, survey):
    invitation, _raw, url = invited
    nps, text = q(survey, QuestionKind.NPS), q(survey, QuestionKind.TEXT)
    response = client.post(url, {f"q{nps.pk}": "9", f"q{text.pk}": "Great service, fast spares"})
    assert response.status_code == 200
    assert "Thanks a lot!" in response.content.decode()
    stored = Response.objects.get()
    assert stored.nps == 9
    assert not stored.is_detractor
    assert stored.answers.get(question=text).text == "Great service, fast spares"
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    again = client.post(url, {f"q{nps.pk}": "2"})
    assert again.status_code == 410
    assert "already answered" in again.content.decode()
    assert Response.objects.count() == 1
    assert client.get(url).status_code == 410


def test_it_keeps_the_answers_on_a_validation_error(client, invited, survey):
    _, _, url = invited
    text = q(survey, QuestionKind.TEXT)
    response = client.post(url, {f"q{text.pk}": "The <b>manual</b> is thin"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please answer this question." in html
    assert "The &lt;b&gt;manual&lt;/b&gt; is thin</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert Response.objects.count() == 0


def test_it_keeps_choices_on_a_validation_error(client, invited, survey):
    _, _, url = invited
    multi = add_question(
        survey,
        QuestionKind.MULTIPLE,
        "What do you use?",
        choices=["Spares", "Training"],
        required=False,
    )
    response = client.post(
        url, {f"q{multi.pk}": ["Training"], f"q{q(survey, QuestionKind.NPS).pk}": "11"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Training" checked' in html
    assert "Pick a number from 0 to 10." in html


def test_a_detractor_opens_a_follow_up(client, invited, survey):
    _, _, url = invited
    client.post(url, {f"q{q(survey, QuestionKind.NPS).pk}": "3"})
    follow_up = FollowUp.objects.get()
    assert follow_up.reason == "NPS 3"
    assert follow_up.response.is_detractor


def test_a_negative_open_answer_is_a_detractor_too(client, invited, survey):
    _, _, url = invited
    client.post(
        url,
        {
            f"q{q(survey, QuestionKind.NPS).pk}": "8",
            f"q{q(survey, QuestionKind.TEXT).pk}": "Terrible support, slow, broken spares",
        },
    )
    response = Response.objects.get()
    assert response.sentiment == "negative"
    assert response.is_detractor
    assert FollowUp.objects.count() == 1


def test_an_expired_link_says_so_politely(client, cast, survey):
    invitation, raw = make_invitation(survey, cast.acme_contact)
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    response = client.get(f"/surveys/r/{raw}/")
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    nps = q(survey, QuestionKind.NPS)
    assert client.post(f"/surveys/r/{raw}/", {f"q{nps.pk}": "9"}).status_code == 410
    assert Response.objects.count() == 0


def test_a_closed_survey_says_so(client, invited, survey):
    _, _, url = invited
    survey.status = SurveyStatus.CLOSED
    survey.save()
    response = client.get(url)
    assert response.status_code == 410
    assert "closed" in response.content.decode()


def test_token_guessing_gets_404_and_is_rate_limited(client, settings, invited):
    settings.SURVEY_RATE_LIMIT_FAILURES = 5
    for i in range(5):
        response = client.get(f"/surveys/r/guess-{i}/")
        assert response.status_code == 404
        assert "could not find" in response.content.decode()
    # Now even a valid link from this address waits: guessing cannot go on.
    _, _, url = invited
    limited = client.get(url)
    assert limited.status_code == 429
    assert limited["Retry-After"]
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(url).status_code == 200


def test_it_limits_requests_per_address(client, settings, invited):
    settings.SURVEY_RATE_LIMIT_REQUESTS = 3
    _, _, url = invited
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_page_shows_no_other_respondent_or_invitee(client, cast, survey):
    _, raw_carla = make_invitation(survey, cast.acme_contact)
    _, raw_gus = make_invitation(survey, cast.globex_contact)
    nps = q(survey, QuestionKind.NPS)
    client.post(
        f"/surveys/r/{raw_gus}/",
        {f"q{nps.pk}": "2", f"q{q(survey, QuestionKind.TEXT).pk}": "Gus secret words"},
    )
    html = client.get(f"/surveys/r/{raw_carla}/").content.decode()
    assert "Gus" not in html
    assert "Globex" not in html
    assert "secret words" not in html
    assert True  # the page does not list invitees


def test_csrf_works_for_a_first_time_visitor(cast, survey):
    browser = Client(enforce_csrf_checks=True)
    _, raw = make_invitation(survey, cast.acme_contact)
    page = browser.get(f"/surveys/r/{raw}/")
    token = page.cookies["csrftoken"].value
    import re

    form_token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    ).group(1)
    nps = q(survey, QuestionKind.NPS)
    response = browser.post(
        f"/surveys/r/{raw}/", {f"q{nps.pk}": "10", "csrfmiddlewaretoken": form_token}
    )
    assert token
    assert response.status_code == 200
    assert Response.objects.count() == 1


def test_unsubscribe_confirms_then_stops_every_survey(client, cast, invited, survey):
    from ridealong.surveys import services
    from ridealong.surveys.models import SurveyOptOut

    _, raw, _ = invited
    page = client.get(f"/surveys/r/{raw}/unsubscribe/")
    assert page.status_code == 200
    assert "No more surveys?" in page.content.decode()
    assert not SurveyOptOut.objects.exists()
    done = client.post(f"/surveys/r/{raw}/unsubscribe/")
    assert done.status_code == 200
    assert "unsubscribed" in done.content.decode()
    assert SurveyOptOut.objects.get().contact == cast.acme_contact
    second = make_survey(title="Another")
    result = services.invitations_create(
        survey=second, by=cast.program_lead, contacts=[cast.acme_contact], channel="email"
    )
    assert result.invitations == []
    assert result.excluded == 1


# --- fuzzing ------------------------------------------------------------------------------------

ANY_TEXT = (
    st.text(st.characters(codec="utf-8"), max_size=50)
    | st.text(max_size=50)
    | st.just("\x00")
    | st.just("x" * 6000)
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from(["nps", "text", "single", "multi", "junk"]),
        st.lists(ANY_TEXT, max_size=3),
        max_size=5,
    ),
)
def test_fuzzed_answers_never_500_and_store_nothing_on_rejection(cast, data, settings):
    settings.SURVEY_RATE_LIMIT_REQUESTS = 10_000
    survey = make_survey(title="Fuzz")
    single = add_question(survey, QuestionKind.SINGLE, "Pick", choices=["A", "B"], required=False)
    multi = add_question(survey, QuestionKind.MULTIPLE, "Many", choices=["X", "Y"], required=False)
    ids = {
        "nps": q(survey, QuestionKind.NPS).pk,
        "text": q(survey, QuestionKind.TEXT).pk,
        "single": single.pk,
        "multi": multi.pk,
    }
    _, raw = make_invitation(survey, cast.acme_contact)
    post: dict[str, list[str]] = {}
    for key, values in data.items():
        post[f"q{ids[key]}" if key in ids else key] = values
    before = Answer.objects.count()
    response = Client().post(f"/surveys/r/{raw}/", post)
    assert 200 <= response.status_code < 500, response.status_code
    if response.status_code >= 400:
        assert Response.objects.filter(survey=survey).count() == 0
        assert Answer.objects.count() == before
    PublicHit.objects.all().delete()


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    token=st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=300)
)
def test_fuzzed_tokens_are_404_never_500(token, settings):
    settings.SURVEY_RATE_LIMIT_FAILURES = 10_000
    from urllib.parse import quote

    response = Client().get(f"/surveys/r/{quote(token, safe='')}/")
    assert response.status_code in {404, 429}
