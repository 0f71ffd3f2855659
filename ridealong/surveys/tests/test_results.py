"""Results: response rate, NPS and CSAT with distributions, groups, open answers, CSV export."""

import csv
import io

from ridealong.surveys import scoring
from ridealong.surveys.models import QuestionKind
from ridealong.surveys.tests.factories import add_question, make_invitation, make_survey
from tests import factories as f


def test_nps_and_csat_arithmetic():
    summary = scoring.nps([10, 9, 8, 7, 6, 0])
    assert (summary.promoters, summary.passives, summary.detractors) == (2, 2, 2)
    assert summary.score == 0
    assert scoring.nps([]).score is None
    assert scoring.csat([5, 4, 1, 2]).score == 50
    assert scoring.detractor_reason(nps=7, csat=2, negative_text=False) == "CSAT 2"
    assert scoring.detractor_reason(nps=7, csat=3, negative_text=False) == ""


def test_cells_that_look_like_formulas_are_neutralised():
    assert scoring.safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert scoring.safe_cell("@cmd") == "'@cmd"
    assert scoring.safe_cell("+1") == "'+1"
    assert scoring.safe_cell("fine") == "fine"
    assert scoring.safe_cell(7) == 7


def test_the_results_page_shows_rates_scores_groups_and_open_answers(
    client, cast, django_assert_max_num_queries
):
    survey = make_survey()
    csat = add_question(survey, QuestionKind.CSAT, "Satisfied?", required=False)
    nps = survey.questions.get(kind=QuestionKind.NPS)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    big = f.CustomerFactory(name="Big Dairy", segment="Enterprise")
    for i, score in enumerate([10, 9, 3, 7]):
        contact = f.ContactFactory(customer=big if i % 2 else cast.acme, email=f"r{i}@x.example")
        _, raw = make_invitation(survey, contact)
        client.post(
            f"/surveys/r/{raw}/",
            {f"q{nps.pk}": score, f"q{csat.pk}": 1 + i, f"q{text.pk}": f"=cmd answer {i}"},
        )
    make_invitation(survey, cast.globex_contact)  # invited, not answered
    client.force_login(cast.program_lead)
    with django_assert_max_num_queries(20):
        page = client.get(f"/surveys/{survey.pk}/results/")
    html = page.content.decode()
    assert "80%" in html  # 4 of 5 answered
    assert "4 of 5 invited" in html
    assert ">25<" in html  # NPS: 2 promoters, 1 detractor of 4
    assert "Enterprise" in html
    assert "Big Dairy" in html
    assert "=cmd answer 2" in html
    export = client.get(f"/surveys/{survey.pk}/results.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Submitted", "Customer"]
    assert all(row[rows[0].index("What is the main reason?")].startswith("'=") for row in rows[1:])
    assert len(rows) == 5


def test_the_customer_page_shows_the_survey_history_to_program_leads(client, cast):
    survey = make_survey()
    nps = survey.questions.get(kind=QuestionKind.NPS)
    _, raw = make_invitation(survey, cast.acme_contact)
    client.post(f"/surveys/r/{raw}/", {f"q{nps.pk}": "4"})
    client.force_login(cast.program_lead)
    html = client.get(f"/customers/{cast.acme.pk}/").content.decode()
    assert "Survey answers" in html
    assert "NPS 4" in html
    client.force_login(cast.member)
    assert "Survey answers" not in client.get(f"/customers/{cast.acme.pk}/").content.decode()


def test_open_answers_are_grouped_into_themes_by_the_analytics_app(client, cast):
    survey = make_survey()
    nps = survey.questions.get(kind=QuestionKind.NPS)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    answers = [
        "spare parts delivery slow",
        "spare parts arrive late",
        "slow spare parts delivery again",
        "invoice numbers wrong",
        "invoice does not match order",
        "wrong invoice numbers every month",
    ]
    for i, words in enumerate(answers):
        _, raw = make_invitation(
            survey, f.ContactFactory(customer=cast.acme, email=f"t{i}@a.example")
        )
        client.post(f"/surveys/r/{raw}/", {f"q{nps.pk}": 8, f"q{text.pk}": words})
    client.force_login(cast.program_lead)
    html = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Themes:" in html


def test_survey_answers_are_a_panel_after_who_has_met_the_customer():
    from ridealong.customers.registry import customer_page

    names = customer_page.registry.names()
    assert names.index("surveys.history") > names.index("engagements.people_who_met")
