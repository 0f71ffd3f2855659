"""A participant takes notes on a phone: the guide's questions, autosaved drafts, and a
selected passage turned into an insight."""

from playwright.sync_api import expect

from ridealong.engagements.models import ContactKind
from ridealong.insights.defaults import load_defaults
from ridealong.insights.models import GuideQuestion, Insight, Note, ProductArea, QuestionGuide
from tests.browser.conftest import sign_in, watch_console


def test_a_participant_takes_notes_on_a_phone_and_quotes_a_passage(
    live_server, phone, data, screenshot
):
    load_defaults(
        kind_model=ContactKind,
        guide_model=QuestionGuide,
        question_model=GuideQuestion,
        area_model=ProductArea,
    )
    problems = watch_console(phone)
    sign_in(phone, live_server, data.member.email)
    phone.goto(f"{live_server.url}/insights/engagements/{data.acme_visit.pk}/note/")
    expect(phone.get_by_text("Show me how you use it today.")).to_be_visible()

    box = phone.get_by_label("Show me how you use it today.")
    box.click()
    phone.keyboard.type("They keep the settings on a paper list next to the line.")
    expect(phone.locator("#note-status")).to_contain_text("Draft saved", timeout=8000)
    note = Note.objects.get(engagement=data.acme_visit, author=data.member.person)
    assert note.is_draft
    assert "paper list" in note.answers.get().answer

    box.evaluate(
        "b => { b.focus(); b.setSelectionRange(14, 38);"
        " b.dispatchEvent(new Event('select', {bubbles: true})); }"
    )
    phone.get_by_role("button", name="Make an insight from the selection").click()
    expect(phone.locator("[data-insight-quote]")).to_have_value("settings on a paper list")
    phone.select_option("select[name=type]", "pain")
    screenshot(phone, "insights-note-phone")
    phone.get_by_role("button", name="Save the insight").click()
    expect(phone.get_by_text("Insight saved")).to_be_visible()
    insight = Insight.objects.get()
    assert insight.text == "settings on a paper list"
    assert insight.note == note
    assert insight.customer == data.acme
    assert not problems, problems
