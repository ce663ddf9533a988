"""The lesson page caches the rendered body (the same for every learner), never what is the learner's own."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.test import RequestFactory
from wagtail.models import Site

from courses import services
from courses.models import LessonPage
from tests.factories import make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def body_fragment(lesson, language="id", hemat_data=False):
    lesson = LessonPage.objects.get(pk=lesson.pk)
    site = Site.objects.get(is_default_site=True)
    # {% wagtailpagecache %}: the template's own vary-on values, then the page's cache key and the site.
    return cache.get(make_template_fragment_key("lesson_body", [language, hemat_data, lesson.cache_key, site.pk]))


def html(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def lesson(course):
    return make_lesson(course, title="Buku kas", body=[("text", "<p>Catat kas setiap hari.</p>")])


def test_body_is_rendered_once_and_served_from_the_cache(client, learner, lesson):
    client.force_login(learner)
    assert body_fragment(lesson) is None
    assert "Catat kas setiap hari." in html(client, lesson)
    cached = body_fragment(lesson)
    assert "Catat kas setiap hari." in cached and cached.startswith('<div class="lesson-body">')
    assert "Tandai selesai" not in cached  # the learner's own part stays outside


def test_done_state_and_progress_are_each_learners_own(client, cooperative, learner, lesson):
    other = make_user(cooperative=cooperative)
    services.mark_lesson_done(user=learner, lesson=lesson)
    client.force_login(learner)
    mine = html(client, lesson)
    client.force_login(other)
    theirs = html(client, lesson)
    assert "Catat kas setiap hari." in mine and "Catat kas setiap hari." in theirs
    assert "Materi ini sudah selesai." in mine and "data-done" in mine
    assert "Tandai selesai" in theirs and "data-done" not in theirs
    assert "1 dari 3 aktivitas selesai" in mine and "0 dari 3 aktivitas selesai" in theirs


def test_publishing_a_new_body_shows_it_and_a_draft_does_not(client, learner, lesson):
    client.force_login(learner)
    assert "Catat kas setiap hari." in html(client, lesson)
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("text", "<p>Versi draf.</p>")]
    draft.save_revision()
    page = html(client, lesson)
    assert "Catat kas setiap hari." in page and "Versi draf." not in page
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("text", "<p>Versi baru yang terbit.</p>")]
    draft.save_revision().publish()
    page = html(client, lesson)
    assert "Versi baru yang terbit." in page and "Catat kas setiap hari." not in page


def test_body_changed_without_a_revision_is_not_served_stale(client, learner, lesson):
    client.force_login(learner)
    html(client, lesson)
    page = LessonPage.objects.get(pk=lesson.pk)
    page.body = [("text", "<p>Diubah lewat skrip.</p>")]
    page.save(update_fields=["body"])
    assert "Diubah lewat skrip." in html(client, lesson)


def test_lessons_with_the_same_slug_in_two_courses_keep_their_own_body(client, learner):
    first, second = make_course(title="Kursus A"), make_course(title="Kursus B")
    lesson_a = make_lesson(first, title="Pengantar", body=[("text", "<p>Isi kursus A.</p>")])
    lesson_b = make_lesson(second, title="Pengantar", body=[("text", "<p>Isi kursus B.</p>")])
    assert lesson_a.slug == lesson_b.slug
    client.force_login(learner)
    page_a, page_b = html(client, lesson_a), html(client, lesson_b)
    assert "Isi kursus A." in page_a and "Isi kursus B." not in page_a
    assert "Isi kursus B." in page_b and "Kursus B" in page_b


def test_preview_renders_the_unsaved_body_not_the_cached_one(client, learner, lesson):
    client.force_login(learner)
    html(client, lesson)
    cached = body_fragment(lesson)
    page = LessonPage.objects.get(pk=lesson.pk)
    page.body = [("text", "<p>Belum disimpan.</p>")]
    original = RequestFactory().get(lesson.url)
    original.META["HTTP_COOKIE"] = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    response = page.make_preview_request(original_request=original)
    assert response.status_code == 200
    assert "Belum disimpan." in response.content.decode()
    assert body_fragment(lesson) == cached  # the preview neither read nor replaced the cached body


def test_unpublished_lesson_and_unknown_slug_are_404(client, learner, course):
    draft = make_lesson(course, title="Belum terbit", publish=False)
    client.force_login(learner)
    assert client.get(draft.url or f"{course.url}{draft.slug}/").status_code == 404
    assert client.get(f"{course.url}tidak-ada/").status_code == 404
    assert client.get("/kursus/tidak-ada/materi/").status_code == 404
