"""Browser fixtures: Playwright for Python driving Debian's Chromium, never a downloaded browser.

Registered for the whole suite in tests/conftest.py. Each test process starts Chromium once,
at its first browser test, and every browser test gets a fresh context (cookies, storage and
cache of its own) in it. Playwright's sync API leaves an event loop running in the thread
from then on, which Django's ORM and async tests would trip over, so the browser tests are
run last in each process (``pytest_collection_modifyitems`` in tests/conftest.py).
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import expect, sync_playwright

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
PHONE = {"width": 390, "height": 800}


def require_chromium():
    """Browser tests run everywhere Chromium is. Without it they fail in CI (``CI`` is set;
    `make test` installs it first) and are skipped elsewhere, each with the fix."""
    if os.path.exists(CHROMIUM):
        return
    message = (
        f"Chromium is not installed ({CHROMIUM} not found), so the browser tests cannot run: "
        "run `make browser` (it installs Debian's `chromium` package) or `apt-get install chromium`, "
        "or point CHROMIUM_PATH at a Chromium binary."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


BROWSER_FIXTURES = {"browser", "browser_context", "page"}


def uses_browser(item):
    return bool(BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def _chromium():
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
    # while one runs unless told this is on purpose (our ORM calls are plain sync code).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With a loop running, Django keeps this thread's connections in another store, where it
    # would open second connections to the same test database: they would lack what the
    # test database was made with (the rows ``serialized_rollback`` puts back) and, on
    # SQLite's shared in-memory database, lock tables against the first ones. The same
    # connection objects are put in that store.
    same = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in same.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser(_chromium, request):
    """The process's Chromium; each test opens its own contexts in it."""
    require_chromium()
    yield _chromium
    for context in _chromium.contexts:  # a test that failed half-way leaves its context open
        context.close()
    if "live_server" in request.fixturenames:
        finish_server_requests(request.getfixturevalue("live_server"))


def finish_server_requests(live_server, timeout=10):
    """Wait until the live server has answered what the closed pages sent on their way out
    (Wagtail's editor releases its editing session then), before the test's database is
    emptied: a request still writing would hold a table the flush must empty. The server
    answers each connection in a thread of its own (``socketserver.ThreadingMixIn``), kept in
    a list from its first request on (before it, a placeholder that holds none)."""
    threads = getattr(live_server.thread.httpd, "_threads", None)
    for thread in list(threads) if isinstance(threads, list) else []:
        thread.join(timeout)


@pytest.fixture
def browser_context(browser, request):
    """A phone-sized context: the people this is for use cheap Android phones.

    Every page runs under the site's Content-Security-Policy (it is in the base
    settings); anything the policy blocks fails the test that caused it. A test marked
    ``@pytest.mark.browser_context(**options)`` gets Playwright's context options too.
    """
    marker = request.node.get_closest_marker("browser_context")
    context = browser.new_context(viewport=PHONE, locale="id-ID", **(marker.kwargs if marker else {}))
    context.set_default_timeout(15_000)
    blocked = []
    context.on("console", lambda message: _note_csp_violation(message, blocked))
    yield context
    context.close()
    assert not blocked, "Content-Security-Policy blocked: " + "; ".join(blocked)


def _note_csp_violation(message, blocked):
    if "Content Security Policy" in message.text:
        blocked.append(message.text)


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


# Accessibility: axe-core (shipped inside axe-playwright-python, nothing downloaded).
BLOCKING_IMPACTS = ("serious", "critical")


def accessibility_problems(page, impacts=BLOCKING_IMPACTS):
    """The axe-core violations of ``impacts`` on the page as it is now, one line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in impacts
    ]


def assert_accessible(page):
    problems = accessibility_problems(page)
    assert problems == [], f"{page.url}\n" + "\n".join(problems)


def wait_for_quiz_script(page):
    """The attempt page's script has run, so every tick from now is counted and saved.

    A click right after the page arrives can come before a deferred script on a loaded
    machine; the page handles that (it saves such ticks when the script starts), and
    tests that follow the count tick by tick wait for this first.
    """
    expect(page.locator("form[data-autosave-ready]")).to_have_count(1)


def wait_until_offline(page):
    """The page itself sees the dropped connection (not only the browser context), and its
    requests fail: Chromium can tell the page it is offline a moment before its network
    stops carrying requests, and a save sent in that moment would still arrive."""
    page.evaluate(
        "async () => { for (let i = 0; i < 200 && navigator.onLine; i++)"
        " await new Promise((resolve) => setTimeout(resolve, 25)); }"
    )
    assert page.evaluate("() => navigator.onLine") is False
    cut = page.evaluate(
        """async () => {
            for (let i = 0; i < 200; i++) {
                try { await fetch("/?offline-probe=" + i, {method: "HEAD", cache: "no-store"}); }
                catch (error) { return true; }
                await new Promise((resolve) => setTimeout(resolve, 25));
            }
            return false;
        }"""
    )
    assert cut, "the page's requests still arrive although the context is offline"
