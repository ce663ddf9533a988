import re

import pytest
from django.contrib.auth.models import Group

from accounts.roles import ANALYST_GROUP, EDITOR_GROUP

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_indonesian(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html and "Kursus" in html


def test_dinas_groups_exist_with_admin_access():
    for name in (EDITOR_GROUP, ANALYST_GROUP):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_indonesian_even_when_the_phone_asks_for_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_the_language_switch_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()
    # A tampered choice falls back to Indonesian.
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_live_pages_carry_no_accessibility_checker_and_no_gravatar(client):
    from tests.factories import make_editor

    client.force_login(make_editor())
    html = client.get("/").content.decode()
    assert "wagtail-userbar" in html or "w-userbar" in html
    # Wagtail's checker would bring its axe configuration and script (a bare "axe" can be
    # part of the page's random CSRF token).
    assert "axe-configuration" not in html
    assert not re.search(r"<script[^>]+src=[^>]*axe", html, re.IGNORECASE)
    assert "gravatar" not in html.lower()


def test_learners_get_no_admin_user_bar_but_editors_do(client):
    from tests.factories import make_cooperative, make_editor, make_user

    client.force_login(make_user(cooperative=make_cooperative()))
    assert "w-userbar" not in client.get("/").content.decode()
    client.force_login(make_editor())
    assert "w-userbar" in client.get("/").content.decode()
