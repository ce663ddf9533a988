"""The service worker, the manifest, the course file list, download sizes and Hemat data."""

import gzip
import json
import re
from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.selectors import course_lessons
from offline import selectors
from tests.courses.content import make_image
from tests.factories import make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_from_the_root_with_its_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert body.startswith("self.KSD = {")
    config = json.loads(body.split("\n", 1)[0].removeprefix("self.KSD = ").removesuffix(";"))
    assert config["text"]["title"] == "Anda sedang offline"
    assert re.match(config["lessonDone"].replace("(\\d+)", "12"), reverse("courses:mark_lesson_done", args=[12]))
    assert "__VERSION__" not in body and "importScripts" not in body and "http" not in body.split("\n", 1)[1]
    # Unchanged: 304 without a body, so a repeat visit downloads nothing.
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    # Worker and manifest together stay within 5 KB compressed on a first visit.
    manifest = open(finders.find("manifest.webmanifest"), "rb").read()
    icons = sum(len(open(finders.find(f"icons/icon-{n}.png"), "rb").read()) for n in (192, 512))
    assert len(gzip.compress(response.content, 9)) + len(gzip.compress(manifest, 9)) + icons <= 5 * 1024


def test_manifest_is_indonesian_and_installable():
    manifest = json.load(open(finders.find("manifest.webmanifest"), encoding="utf-8"))
    assert manifest["name"] == "Koperasi Siap Digital" and manifest["lang"] == "id"
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"]), icon["src"]


def test_pages_link_the_manifest_and_load_no_inline_script(client, learner, course):
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in html
    assert '<script src="/static/offline/offline.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline scripts (CSP script-src 'self')
    assert " on" + "click=" not in html


def test_course_files_list_only_what_the_learner_may_see(client, learner, course):
    draft = make_lesson(course, title="Draf rahasia", publish=False)
    client.force_login(learner)
    data = client.get(reverse("offline:course_files", args=[course.pk])).json()
    urls = [page["url"] for page in data["pages"]]
    assert urls[0] == course.url
    assert [lesson.url for lesson in course_lessons(course)] == urls[1:]
    assert draft.url not in urls
    assert data["estimated_bytes"] > 0


def test_course_files_for_a_private_course_or_logged_out(client, learner):
    course = make_course(title="Khusus pengurus")
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.PASSWORD, password="x")
    url = reverse("offline:course_files", args=[course.pk])
    assert client.get(url).status_code == 401
    client.force_login(learner)
    assert client.get(url).status_code == 404
    client.force_login(make_user(username="belum_berkoperasi"))
    assert client.get(reverse("offline:course_files", args=[make_course().pk])).status_code == 404


def test_quiz_copy_and_its_images_are_listed(client, learner, quiz):
    client.force_login(learner)
    data = client.get(reverse("offline:course_files", args=[quiz.get_parent().pk])).json()
    kinds = [(page["kind"], page["url"]) for page in data["pages"]]
    assert ("quiz", quiz.url) in kinds
    assert ("paper", reverse("offline:quiz_paper", args=[quiz.pk])) in kinds


def test_download_sizes_are_shown_before_opening_and_follow_publishing(client, learner):
    cache.clear()
    course = make_course(title="Foto koperasi")
    lesson = make_lesson(course, title="Gambar", body=[("text", "<p>Isi.</p>")])
    client.force_login(learner)
    small = selectors.course_download_bytes(course)
    html = client.get(course.url).content.decode()
    assert re.search(r"Unduhan ± \d+ KB", html)
    assert re.search(r'class="muted lesson-size">± \d+ KB', html)
    catalogue = client.get("/kursus/").content.decode()
    assert re.search(r"Unduhan ± \d+ KB", catalogue)
    # Publishing an image in the lesson makes the course heavier at once.
    lesson.body = [("text", "<p>Isi.</p>"), ("image", {"image": make_image(size=(1600, 1200)), "alt_text": "Foto"})]
    lesson.save_revision().publish()
    assert selectors.course_download_bytes(course) > small
    assert cache.get(selectors.course_size_key(course.pk)) == selectors.course_download_bytes(course)
    # A lesson's publish took the other lessons' sizes from the cache: the same total as measuring all.
    make_lesson(course, title="Teks", body=[("text", "<p>Isi lain.</p>")])
    assert selectors.course_download_bytes(course) == selectors.compute_course_bytes(course)


def test_size_format():
    from offline.templatetags.offline_tags import download_size

    assert download_size(180 * 1024) == "± 180 KB"
    assert download_size(300) == "± 1 KB"
    assert download_size(int(1.25 * 1024 * 1024)) == "± 1,2 MB"
    assert download_size(0) == ""


def test_hemat_data_is_a_setting_of_this_phone(client, learner):
    course = make_course()
    lesson = make_lesson(course, body=[("image", {"image": make_image(), "alt_text": "Contoh nota"})])
    client.force_login(learner)
    assert "<details" not in client.get(lesson.url).content.decode()
    response = client.post(reverse("offline:hemat_data"), {"hemat": "1", "next": lesson.url})
    assert response.status_code == 302 and response["Location"] == lesson.url
    html = client.get(lesson.url).content.decode()
    assert '<details class="image-on-tap"><summary>Tampilkan gambar: Contoh nota</summary>' in html
    assert "Hemat data: aktif." in client.get(reverse("offline:status")).content.decode()
    client.post(reverse("offline:hemat_data"), {"hemat": "0", "next": "https://jahat.example/"})
    assert "<details" not in client.get(lesson.url).content.decode()


def test_status_and_paper_pages(client, learner, quiz):
    assert client.get(reverse("offline:status")).status_code == 200  # also the offline page
    paper = reverse("offline:quiz_paper", args=[quiz.pk])
    assert client.get(paper).status_code == 302  # log in first
    client.force_login(learner)
    html = client.get(paper).content.decode()
    assert "tanpa koneksi" in html and 'data-paper="' in html
    assert "bulan" not in html.split("akhir")[-1].lower()  # accepted answers never reach the phone
    client.force_login(make_user(username="tanpa_koperasi_2"))
    assert client.get(paper).status_code == 403


def test_publishing_one_lesson_measures_that_lesson_only_and_the_course_total_stays_right():
    cache.clear()
    course = make_course(title="Banyak materi")
    lessons = [make_lesson(course, title=f"Materi {number}") for number in range(3)]
    lessons[1].body = [("text", "<p>Isi yang jauh lebih panjang. " * 40 + "</p>")]
    with mock.patch.object(selectors, "compute_lesson_bytes", wraps=selectors.compute_lesson_bytes) as measured:
        lessons[1].save_revision().publish()
    assert [call.args[0].pk for call in measured.call_args_list] == [lessons[1].pk]
    # The cached total is what measuring everything again gives.
    assert cache.get(selectors.course_size_key(course.pk)) == selectors.compute_course_bytes(course)
    # Publishing the course itself measures every lesson again.
    with mock.patch.object(selectors, "compute_lesson_bytes", wraps=selectors.compute_lesson_bytes) as measured:
        course.save_revision().publish()
    assert sorted(call.args[0].pk for call in measured.call_args_list) == sorted(lesson.pk for lesson in lessons)
