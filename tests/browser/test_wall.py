"""The customer wall on an office TV: it rotates, and keeps showing quotes when the network
drops (the feed fetch fails; the last data stays up and the page retries)."""

from playwright.sync_api import expect

from ridealong.insights.tests.factories import InsightFactory, WallLinkFactory
from tests.browser.conftest import watch_console
from tests.factories import CustomerFactory

QUOTES = [
    "Your technician stayed until ten at night.",
    "The hotline found the belt from one photo.",
    "The training day was the first one nobody slept through.",
]


def seen_quotes(page, rounds: int) -> list[str]:
    texts = []
    for _ in range(rounds):
        texts.append(page.locator("[data-quote]").inner_text())
        page.wait_for_timeout(600)
    return texts


def test_the_wall_rotates_and_keeps_running_offline(live_server, desktop, data, screenshot):
    customer = CustomerFactory(name="Westfalen Fleischwaren", city="Gütersloh")
    for text in QUOTES:
        InsightFactory(customer=customer, type="praise", text=text)
    link = WallLinkFactory()
    problems = watch_console(desktop)

    desktop.goto(
        f"{live_server.url}/insights/wall/{link.token}/?rotate=1&refresh=1",
        wait_until="domcontentloaded",
    )
    desktop.wait_for_selector("[data-quote]:has-text('“')")
    shown = seen_quotes(desktop, 6)
    assert len(set(shown)) >= 2, shown
    assert "Westfalen Fleischwaren" in desktop.locator("[data-customer]").inner_text()
    font_size = desktop.locator("[data-quote]").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert font_size >= 40  # readable from across a room on a 1280-px screen
    screenshot(desktop, "wall-online")

    desktop.context.set_offline(True)
    desktop.wait_for_selector("[data-status]:has-text('offline')", timeout=8000)
    offline = seen_quotes(desktop, 6)
    assert all(text.startswith("“") for text in offline), offline
    assert len(set(offline)) >= 2, offline  # still rotating through the last data
    screenshot(desktop, "wall-offline")

    desktop.context.set_offline(False)
    # Back online: the next fetch succeeds and the notice goes away (the CSP forbids eval,
    # so poll from here rather than with wait_for_function).
    expect(desktop.locator("[data-status]")).to_have_text("", timeout=8000)
    assert not [
        p
        for p in problems
        if "net::ERR_INTERNET_DISCONNECTED" not in p and "Failed to fetch" not in p
    ], problems
