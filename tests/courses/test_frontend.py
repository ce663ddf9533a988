"""What a learner's phone downloads: nothing from other hosts, little CSS/JS, sound HTML."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from courses import services
from tests.courses.content import full_body, make_document, make_embed, make_image
from tests.factories import make_analyst, make_cooperative, make_course, make_lesson, make_user
from tests.html_checks import check_semantics, foreign_asset_urls, parse

ASSET_BUDGET_BYTES = 30 * 1024
FRAMEWORKS = re.compile(r"react|vue|angular|jquery|svelte|alpine|htmx|preact|backbone|ember", re.IGNORECASE)


def build_full_course():
    make_embed()
    image = make_image(title="Buku kas di HP")
    course = make_course(title="Pembukuan digital", cover_image=image)
    course.tags.add("pembukuan")
    course.dimensions.add("D4")
    course.save_revision().publish()
    lesson = make_lesson(course, title="Buku kas harian", body=full_body(image=image, document=make_document()))
    make_lesson(course, title="Laporan bulanan")
    return course, lesson


def render_pages():
    """Every page a learner meets, as (name, html)."""
    course, lesson = build_full_course()
    cooperative = make_cooperative(nama="Koperasi Sumber Rejeki")
    learner = make_user(username="siti", cooperative=cooperative, first_name="Siti")
    pengurus = make_user(username="budi", cooperative=cooperative, role="pengurus", first_name="Budi")
    client = Client()
    rendered = []
    for name, url in [
        ("home", "/"),
        ("catalogue", "/kursus/"),
        ("course (anonymous)", course.url),
        ("login", reverse("accounts:login")),
        ("register", reverse("accounts:register")),
    ]:
        response = client.get(url)
        assert response.status_code == 200, name
        rendered.append((name, response.content.decode()))
    client.force_login(learner)
    services.mark_lesson_done(user=learner, lesson=lesson)
    for name, url in [
        ("course", course.url),
        ("lesson", lesson.url),
        ("my courses", reverse("courses:my_courses")),
        ("learner progress", reverse("courses:learner_progress", args=[learner.pk])),
        ("catalogue filtered", "/kursus/?q=kas&dimensi=D4"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, name
        rendered.append((name, response.content.decode()))
    client.force_login(pengurus)
    rendered.append(
        (
            "staff progress",
            client.get(reverse("courses:staff_progress", args=[pengurus.cooperative_id])).content.decode(),
        )
    )
    client.force_login(make_analyst())
    rendered.append(("cooperative progress", client.get(reverse("courses:cooperative_progress")).content.decode()))
    return rendered


@pytest.fixture(scope="module")
def _shared_pages(module_db):
    """The pages are only read: rendered once for the module (tests/conftest.py ``module_db``)."""
    return module_db.build("pages", render_pages)


@pytest.fixture
def pages(_shared_pages, db):
    return _shared_pages if _shared_pages is not None else render_pages()


def test_no_page_loads_scripts_styles_fonts_or_images_from_another_host(pages):
    for name, html in pages:
        assert foreign_asset_urls(html) == [], name
    lesson_html = dict(pages)["lesson"]
    assert "<picture>" in lesson_html and 'type="image/webp"' in lesson_html
    assert "<iframe" in lesson_html  # the video embed is the one allowed foreign frame


def test_the_checker_catches_foreign_assets():
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<script src="//cdn.example.com/x.js"></script>'
        '<picture><source srcset="/a.webp 1x, https://img.example.com/b.webp 2x"><img src="/ok.png" alt=""></picture>'
        '<iframe src="https://www.youtube.com/embed/x"></iframe>'
    )
    assert {url for _tag, url in foreign_asset_urls(html)} == {
        "https://img.example.com/b.webp",
        "https://fonts.googleapis.com/css",
        "//cdn.example.com/x.js",
    }


def test_stylesheets_fetch_nothing_from_other_hosts():
    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_every_page_has_sound_html(pages):
    for name, html in pages:
        assert check_semantics(html) == [], name


def test_the_semantic_checker_can_fail():
    bad = '<h1>A</h1><h3>B</h3><h1>C</h1><input name="q"><img src="/x.png">'
    problems = check_semantics(bad)
    assert len(problems) == 4
    assert check_semantics('<h1>A</h1><h2>B</h2><label>Nama <input name="n"></label><img src="/x" alt="">') == []


def test_lesson_css_and_js_fit_the_budget_without_a_framework(pages):
    lesson = parse(dict(pages)["lesson"])
    own = [url for tag, _attr, url in lesson.assets if tag == "script" or url.endswith(".css")]
    assert own == ["/static/css/site.css", "/static/offline/offline.js", "/static/js/lesson.js"]
    total = 0
    for url in own:
        content = open(finders.find(url.removeprefix("/static/")), "rb").read()
        assert not FRAMEWORKS.search(content.decode()), url
        total += len(gzip.compress(content))
    assert total <= ASSET_BUDGET_BYTES


def test_images_are_sized_for_phones(pages):
    lesson_html = dict(pages)["lesson"]
    img = next(attrs for attrs in parse(lesson_html).images if "srcset" in attrs)
    assert img["loading"] == "lazy" and img["decoding"] == "async" and img["sizes"]
    assert [candidate.split()[1] for candidate in img["srcset"].split(", ")] == ["360w", "720w", "1080w"]
    assert img["src"].endswith(".jpg")
    assert img["alt"] == "Contoh gambar 0"
