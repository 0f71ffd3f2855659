"""A customer answers a survey from their phone through a personal link: no login, with and
without JavaScript; a mistake is pointed out and what they chose is kept."""

from ridealong.surveys.models import QuestionKind, Response
from ridealong.surveys.tests.factories import add_question, make_invitation, make_survey
from tests.browser.conftest import PHONE, watch_console


def _survey(data):
    survey = make_survey(title="How are we doing?")
    add_question(
        survey,
        QuestionKind.SINGLE,
        "Which plant do you run?",
        choices=["Bielefeld", "Poznań"],
        required=False,
    )
    return survey


def _answer(page, url, survey, screenshot, name):
    page.set_default_timeout(45_000)  # a busy CI machine can be slow to serve the first page
    problems = watch_console(page)
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en"
    text = survey.questions.get(kind=QuestionKind.TEXT)
    # Skip the required NPS question: the page says so and keeps what was typed.
    page.fill(f"#q{text.pk}", "Spare parts take too long")
    page.get_by_label("Poznań").check()
    page.click("button[type=submit]")
    assert page.locator(".survey-error-summary").is_visible()
    assert "Please answer this question." in page.locator("main").inner_text()
    assert page.input_value(f"#q{text.pk}") == "Spare parts take too long"
    assert page.get_by_label("Poznań").is_checked()
    screenshot(page, f"{name}-error")
    nps = survey.questions.get(kind=QuestionKind.NPS)
    # The scale is a group of radio buttons; a label per number works by keyboard and tap.
    page.locator(f"label[for=q{nps.pk}-3]").click()
    assert page.locator(f"#q{nps.pk}-3").is_checked()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the page scrolls sideways on a phone ({width}px)"
    page.click("button[type=submit]")
    page.wait_for_selector("text=Thanks a lot!")
    screenshot(page, f"{name}-thanks")
    # The page answers a validation error with 400, which Chromium also logs; nothing else.
    assert [p for p in problems if "400 (Bad Request)" not in p] == []


def test_a_customer_answers_on_a_phone_without_javascript(browser, live_server, data, screenshot):
    survey = _survey(data)
    _, raw = make_invitation(survey, data.acme_contact)
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        _answer(page, f"{live_server.url}/surveys/r/{raw}/", survey, screenshot, "survey-nojs")
    finally:
        context.close()
    response = Response.objects.get()
    assert response.nps == 3
    assert response.is_detractor
    assert sorted(a.display for a in response.answers.all()) == [
        "3",
        "Poznań",
        "Spare parts take too long",
    ]


def test_a_customer_answers_on_a_phone_with_javascript_and_cannot_answer_twice(
    phone, live_server, data, screenshot
):
    survey = _survey(data)
    _, raw = make_invitation(survey, data.globex_contact)
    url = f"{live_server.url}/surveys/r/{raw}/"
    _answer(phone, url, survey, screenshot, "survey-js")
    phone.goto(url)
    assert "already answered" in phone.locator("main").inner_text()
    assert Response.objects.count() == 1
