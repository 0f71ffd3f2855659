"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Skipped, with the reason shown, where Chromium is not installed; CI sets
RIDEALONG_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
Screenshots are kept under test-artifacts/screenshots/.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ridealong.engagements.catalog import install_default_kinds
from ridealong.engagements.models import ContactKind
from tests.factories import PASSWORD

CHROMIUM = os.environ.get("RIDEALONG_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between page actions (and the session's database set-up) are still synchronous. Set for the
# process because session fixtures start before any function fixture could set it; tests that
# start a production-like subprocess remove it from that environment.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _browser_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium chromium-driver)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    reason = _browser_missing()
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if reason and not os.environ.get("RIDEALONG_REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _browser_missing()
    if reason:
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """A page in a phone-sized viewport with touch, as an engineer in a car park has."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desktop(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def watch_console(page) -> list[str]:
    """Collect console errors (a Content-Security-Policy violation is one) and page errors."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def data(transactional_db, request):
    """The test cast, committed so the live server's thread sees it on any database.

    A transactional test empties every table afterwards, the shipped kinds included."""
    install_default_kinds(ContactKind)
    return request.getfixturevalue("cast")
