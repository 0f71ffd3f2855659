"""The journeys a newcomer makes first, in a real browser: sign in, log a customer visit from
a phone and find it on the customer's timeline."""

import re

from ridealong.engagements.models import Engagement, Part
from tests.browser.conftest import sign_in, watch_console


def test_a_newcomer_signs_in_and_sees_their_customer_time(desktop, live_server, data, screenshot):
    problems = watch_console(desktop)
    desktop.goto(f"{live_server.url}/")
    assert "/accounts/login/" in desktop.url
    screenshot(desktop, "sign-in")
    sign_in(desktop, live_server, "MAX@example.com")
    body = desktop.locator("main").inner_text()
    assert "Acme Foods" in body  # Max's visit is his last customer contact
    screenshot(desktop, "home")
    assert problems == []


def test_a_wrong_password_is_refused_with_a_message(desktop, live_server, data):
    desktop.goto(f"{live_server.url}/accounts/login/")
    desktop.fill("input[name=username]", "max@example.com")
    desktop.fill("input[name=password]", "not the password")
    desktop.click("button[type=submit]")
    assert "/accounts/login/" in desktop.url
    assert re.search(r"do not match|not match", desktop.locator("main").inner_text(), re.I)


def test_an_engineer_logs_a_visit_from_a_phone_and_finds_it_on_the_customer_page(
    phone, live_server, data, screenshot
):
    problems = watch_console(phone)
    sign_in(phone, live_server, "max@example.com")
    phone.goto(f"{live_server.url}/engagements/new/")
    phone.select_option("select[name=kind]", label="Site visit")
    phone.fill("input[name=customer_q]", "globex")
    phone.click("#customer-suggestions [data-pick] >> text=Globex Packaging")
    phone.wait_for_selector("#contact-suggestions [data-pick]")
    phone.click("#contact-suggestions [data-pick] >> text=Gus Contact")
    phone.fill("input[name=summary]", "Watched Gus's team change formats on line 2 — 40 minutes")
    phone.click("[data-minutes='120']")
    phone.fill("input[name=participant_q]", "fay")
    phone.click("#participant-suggestions [data-pick] >> text=Fay Finance")
    screenshot(phone, "log-visit-filled")
    phone.click(".form-actions button[type=submit]")
    phone.wait_for_url(re.compile(r"/engagements/\d+/$"))
    screenshot(phone, "log-visit-saved")

    engagement = Engagement.objects.get(customer=data.globex)
    assert engagement.duration_minutes == 120
    assert engagement.kind.slug == "site-visit"
    assert list(engagement.contacts.all()) == [data.globex_contact]
    parts = {p.person.first_name: p.part for p in engagement.participations.all()}
    assert parts["Max"] == Part.LEAD
    assert "Fay" in parts

    phone.goto(f"{live_server.url}/customers/{data.globex.pk}/")
    timeline = phone.locator("main").inner_text()
    assert "Watched Gus's team change formats on line 2" in timeline
    screenshot(phone, "customer-timeline")
    assert problems == []


def test_the_api_docs_render_under_the_content_security_policy(desktop, live_server, data):
    problems = watch_console(desktop)
    desktop.goto(f"{live_server.url}/api/v1/docs")
    desktop.get_by_text("/api/v1/engagements", exact=True).first.wait_for()
    assert "Ridealong API" in desktop.locator("#swagger-ui").inner_text()
    assert problems == []
