"""The Content-Security-Policy: on every page, strict on the site, what Wagtail needs in
the admin, carried by the production settings, and enforced by a real browser."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_editor

ROOT = Path(settings.BASE_DIR)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/kursus/", "/akun/daftar/"])
def test_site_pages_carry_the_strict_policy(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the admin's preview; no other site
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client):
    client.force_login(make_editor())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # the preview panel
    assert policy["object-src"] == ["'none'"]
    assert not any(source.startswith("http") for source in policy["script-src"] + policy["style-src"])


def test_production_settings_carry_the_policy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "koperasi.example.go.id",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.MIDDLEWARE, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']]))"
    )
    output = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    middleware, script_src = json.loads(output.stdout.strip().splitlines()[-1])
    assert "base.middleware.ContentSecurityPolicyMiddleware" in middleware
    assert script_src == ["'self'"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def our_templates():
    for folder in [ROOT / "lms" / "templates", *ROOT.glob("*/templates")]:
        if ".venv" in folder.parts:
            continue
        yield from folder.rglob("*.html")


def test_our_templates_have_no_inline_script_or_handler():
    offending = []
    for template in our_templates():
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JAVASCRIPT_URL):
            offending += [f"{template.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offending, "JavaScript goes in static files:\n" + "\n".join(offending)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_browser_refuses_an_injected_inline_script(live_server, browser):
    # A context of our own: the shared one fails any test in which the policy blocks something.
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    page.goto(f"{live_server.url}/akun/masuk/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.injected = true';
                   document.body.appendChild(s); }"""
    )
    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in text for text in blocked)
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dinas_pages_and_the_admin_work_under_the_policy(live_server, browser_context):
    """The shared browser context fails this test if the policy blocks anything."""
    from django.test import Client

    from tests.factories import home_page, make_user

    admin = make_user(username="admin_uji", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/")
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.goto(f"{live_server.url}/laporan/")
    page.goto(f"{live_server.url}/admin/")
    # The sidebar is drawn by Wagtail's JavaScript (folded away at phone width).
    page.locator("#wagtail-sidebar button").first.wait_for(state="attached")
    # The page editor: Wagtail's own inline scripts (date pickers, panels) must run.
    page.goto(f"{live_server.url}/admin/pages/{home_page().pk}/edit/")
    page.locator("[data-side-panel-toggle]").first.wait_for(state="attached")
    page.goto(f"{live_server.url}/admin/images/")
    assert not errors


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editors_preview_panel_frames_the_page(live_server, browser_context):
    """The admin frames site pages in its preview panel: the site policy allows our own
    host as a framer (and no other), or the preview is blocked."""
    from django.test import Client

    from tests.factories import home_page, make_user

    admin = make_user(username="admin_uji", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})  # the side panels need a wide screen
    page.goto(f"{live_server.url}/admin/pages/{home_page().pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.frame_locator("iframe").first.locator("main").wait_for(state="attached")
