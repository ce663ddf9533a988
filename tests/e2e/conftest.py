"""Browser journeys: Playwright for Python driving Debian's Chromium, never a downloaded browser."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django's ORM refuses to run inside one
    # unless told this is on purpose (the ORM calls here happen outside the browser's loop).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # A phone-sized viewport: the people this is for use cheap Android phones.
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
