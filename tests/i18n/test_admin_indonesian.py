"""The admin speaks Indonesian: the pages editors and analysts use show none of Wagtail's
English words, the admin's JavaScript strings are translated, and the catalogue in
``locale/id`` is compiled."""

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from courses.models import CourseIndexPage

from .admin_walk import analyst_urls, editor_urls, seed

# The admin's search boxes are among the pages walked: they search as in production.
pytestmark = [pytest.mark.django_db]

# The demo content is built once for the module's tests (each runs in a savepoint over it).
SHARE_ROWS = ("demo",)

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"

# Words and phrases of Wagtail's admin as it shows them in English. Words that are the same
# in Indonesian (Status, Tag, Slug, Email, URL) cannot tell and are left out.
ENGLISH = [
    "Pages",
    "Search all pages",
    "Reports",
    "Help",
    "Collapse all",
    "Expand all",
    "More actions",
    "Page title",
    "Write something",
    "A comma-separated list of tags",
    "Current page status",
    "CURRENT PAGE STATUS",
    "View history",
    "Create",
    "could not be created",
    "validation errors",
    "Dashboard",
    "Images",
    "Documents",
    "Snippets",
    "Settings",
    "Save draft",
    "Publish",
    "Unpublish",
    "Preview",
    "Add child page",
    "Sort menu order",
    "Locked pages",
    "Site history",
    "Aging pages",
    "Workflows",
    "Page types usage",
    "Editor Guide",
    "Keyboard shortcuts",
    "Bulk actions",
    "Select all",
    "Filter by",
    "Show filters",
    "Sort by",
    "Upload",
    "Add an image",
    "Add a document",
    "Delete",
    "Edit",
    "Cancel",
    "Search",
    "Title",
    "Draft",
    "Comments",
    "Checks",
    "Visible to all",
    "Change privacy",
    "Set schedule",
    "Go-live date",
    "Expiry date",
    "Collection",
    "Newest",
    "Oldest",
    "Profile",
    "Notifications",
    "Log out",
    "No results",
    "There are no",
    "pages selected",
    "Constraint",
    "is violated",
    "Add",
    "Save",
    "Choose",
    "Yes",
    "Actions",
    "Private",
    "Confirm",
    "Owner",
    "Workflow",
    "History",
    "Revisions",
    "Usage",
    "Loading",
    "Back",
    "Account",
]
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w-])")
# Attributes whose values people read (or hear from a screen reader).
READ_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt", "aria-description", "data-w-tooltip-content-value"}


class _VisibleText(HTMLParser):
    """Text nodes, the readable attributes, and JSON in <script> (the sidebar, the blocks'
    labels); never the JavaScript code itself."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skip = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            kind = attrs.get("type", "")
            self._skip = None if tag == "script" and "json" in kind else tag
        for name, value in attrs.items():
            if value and (
                name in READ_ATTRIBUTES
                or (tag == "input" and name == "value" and attrs.get("type") in ("submit", "button"))
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag == self._skip:
            self._skip = None

    def handle_data(self, data):
        if self._skip is None:
            self.parts.append(data)


def visible_text(response):
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body).get("html", "")
    parser = _VisibleText()
    parser.feed(body)
    return "\n".join(parser.parts)


def english_on(client, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code == 302:
            continue
        words = sorted(set(PATTERN.findall(visible_text(response))))
        if words:
            found[url] = words
    return found


@pytest.fixture(scope="module")
def _shared_demo(module_db):
    return module_db.build("demo", lambda: seed() or True)


@pytest.fixture
def demo(_shared_demo, db):
    if _shared_demo is None:
        seed()


def logged_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_editor_pages_have_no_english(demo):
    client = logged_in("editor")
    found = english_on(client, editor_urls())
    # A page created with errors: Wagtail's own message, in Indonesian.
    catalogue = CourseIndexPage.objects.first()
    response = client.post(reverse("wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]), {})
    text = visible_text(response)
    assert "Halaman tidak bisa dibuat karena ada isian yang salah." in text
    found.update({"create with errors": sorted(set(PATTERN.findall(text)))} if PATTERN.search(text) else {})
    assert found == {}


def test_analyst_pages_have_no_english(demo):
    assert english_on(logged_in("analis"), analyst_urls()) == {}


def test_admin_javascript_strings_are_indonesian(demo):
    response = logged_in("editor").get(reverse("wagtailadmin_javascript_catalog"))
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    assert catalog["Collapse all"] == "Tutup semua"
    assert catalog["More actions"] == "Tindakan lain"
    assert (
        catalog["Write something or type ‘/’ to insert a block"]
        == "Tulis sesuatu atau ketik ‘/’ untuk menyisipkan blok"
    )
    assert catalog["Pages"] == "Halaman" and catalog["Dashboard"] == "Dasbor"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_catalogue_is_compiled_and_current(domain, tmp_path):
    po, mo = LOCALE_DIR / f"{domain}.po", LOCALE_DIR / f"{domain}.mo"
    assert po.exists() and mo.exists()
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True)
    assert fresh.read_bytes() == mo.read_bytes(), "compile locale/id again and commit the .mo"


# Wagtail templates that carry English words without a translation tag, overridden in
# lms/templates with only those words changed. If Wagtail changes a template, this fails:
# copy it again and change the same words.
OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', 'value="{% translate "Cari" %}"')],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% translate "Cari" %}"')],
    "wagtailadmin/shared/headers/_actions.html": [('aria-label="Actions"', 'aria-label="{% translate "Tindakan" %}"')],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_overridden_wagtail_templates_differ_only_in_their_english_words(name):
    import wagtail.admin

    original = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text(encoding="utf-8")
    ours = (Path(settings.BASE_DIR) / "lms" / "templates" / name).read_text(encoding="utf-8")
    for english, indonesian in OVERRIDES[name]:
        assert english in original
        original = original.replace(english, indonesian)
    if "{% load" not in original.split("\n", 1)[0] and ours.startswith("{% load i18n %}\n"):
        ours = ours[len("{% load i18n %}\n") :]
    assert ours == original
