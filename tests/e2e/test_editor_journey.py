"""An Editor Dinas writes a new lesson in the Wagtail admin and publishes it."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.factories import DEFAULT_PASSWORD, make_course, make_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editor_creates_and_publishes_a_lesson(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    make_editor(username="editor", first_name="Dewi")
    course = make_course(title="Jualan online dan marketplace")

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Nama pengguna|Username", re.I)).fill("editor")
    page.get_by_label(re.compile("Kata sandi|Password", re.I)).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("Masuk|Sign in", re.I)).click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.locator("#id_title").fill("Foto produk yang menjual")
    page.locator("#id_summary").fill("Memotret produk dengan HP agar laku di marketplace.")
    # Publishing sits in the footer's action menu, behind the "more actions" toggle.
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name=re.compile("^Terbitkan|^Publikasi|^Publish", re.I)).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("dipublikasi|diterbitkan|published", re.I))

    lesson = LessonPage.objects.get(title="Foto produk yang menjual")
    assert lesson.live
    assert lesson.get_parent().pk == course.pk
    assert lesson.owner.username == "editor"

    # The published lesson is served on the site.
    page.goto(f"{live_server.url}{lesson.url}")
    expect(page).to_have_url(re.compile("/foto-produk-yang-menjual/"))
