"""The site's caches (base.pagecache): what they save, and that every change retires them."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from accounts.roles import ANALYST_GROUP
from base.pagecache import CONTENT, bump_cache_stamp, cache_stamp
from courses.models import CoursePage, LessonPage
from tests.factories import catalogue_page, make_cooperative, make_course, make_user
from tests.learning_world import make_learning_course, quiz_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_user(cooperative=make_cooperative())


# The course is built once for the module (tests/conftest.py ``module_db``): each test's changes
# are rolled back, and the caches are emptied before each test. The two tests that do not ask
# for it look at stamps and images only.
SHARE_ROWS = ("world",)


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", lambda: make_learning_course("Kas koperasi", lessons=2).pk)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:  # a test that commits builds its own
        return make_learning_course("Kas koperasi", lessons=2)
    return CoursePage.objects.get(pk=_shared_world)


def _lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_two_changes_in_a_row_give_two_stamps():
    stamps = {cache_stamp()}
    for _ in range(5):
        bump_cache_stamp(CONTENT)
        stamps.add(cache_stamp())
    assert len(stamps) == 6


# --- logged-in learner pages -------------------------------------------------------------


def test_warm_learner_pages_skip_routing_site_and_header_queries(client, learner, world, django_assert_max_num_queries):
    client.force_login(learner)
    lesson = _lessons(world)[0]
    pages = [lesson.url, catalogue_page().url, world.url, quiz_of(world).url]
    for url in pages:
        assert client.get(url).status_code == 200
    # The learner's own copy of each page (base.pagecache): the session and the user,
    # read fresh on every request, and nothing else.
    for url in pages:
        with django_assert_max_num_queries(2):
            response = client.get(url)
        assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")


def test_publishing_a_change_shows_on_the_next_request(client, learner, world):
    client.force_login(learner)
    lesson = _lessons(world)[0]
    url = lesson.url
    assert b"Materi lama" not in client.get(url).content
    lesson.title = "Materi lama yang baru"
    lesson.save_revision().publish()
    assert "Materi lama yang baru" in client.get(url).content.decode()


def test_unpublishing_and_moving_retire_the_cached_route(client, learner, world):
    client.force_login(learner)
    first, second = _lessons(world)
    assert client.get(first.url).status_code == 200
    old_url = first.url
    first.unpublish()
    assert client.get(old_url).status_code == 404
    other = make_course(title="Kursus lain")
    assert client.get(second.url).status_code == 200
    old_url = second.url
    second.move(other, pos="last-child")
    moved = LessonPage.objects.get(pk=second.pk)
    # Wagtail leaves a redirect from the old address to the new one.
    old = client.get(old_url)
    assert (old.status_code, old.get("Location")) in ((404, None), (301, moved.url))
    response = client.get(moved.url)
    assert response.status_code == 200
    assert response.context["course"].pk == other.pk


def test_a_new_view_restriction_applies_at_once(client, learner, world):
    client.force_login(learner)
    url = _lessons(world)[0].url
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=CoursePage.objects.get(pk=world.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=ANALYST_GROUP))
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"] or "login" in response["Location"]


def test_remembered_view_restrictions_are_still_a_queryset_for_wagtails_admin(client, world, django_assert_num_queries):
    lesson = LessonPage.objects.get(pk=_lessons(world)[0].pk)
    restriction = PageViewRestriction.objects.create(
        page=CoursePage.objects.get(pk=world.pk), restriction_type=PageViewRestriction.LOGIN
    )
    assert list(lesson.get_view_restrictions()) == [restriction]
    with django_assert_num_queries(0):
        assert list(lesson.get_view_restrictions()) == [restriction]
    assert list(lesson.get_view_restrictions().order_by("-page__depth")) == [restriction]
    # The admin's privacy dialog orders them: it opens for an editor instead of failing.
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[lesson.pk]))
    assert response.status_code == 200
    assert "restriction" in response.content.decode()  # the dialog's choice of restriction


def test_the_learners_catalogue_shows_new_courses_and_hides_restricted_ones(client, learner, world):
    client.force_login(learner)
    url = catalogue_page().url
    client.get(url)
    course = make_course(title="Kursus terbaru sekali")
    assert "Kursus terbaru sekali" in client.get(url).content.decode()
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=ANALYST_GROUP))
    assert "Kursus terbaru sekali" not in client.get(url).content.decode()
    client.force_login(make_user(groups=[ANALYST_GROUP]))
    assert "Kursus terbaru sekali" in client.get(url).content.decode()
    client.force_login(learner)
    assert "Kursus terbaru sekali" not in client.get(url).content.decode()


def test_completing_a_lesson_updates_the_progress_shown(client, learner, world):
    client.force_login(learner)
    lesson = _lessons(world)[0]
    before = client.get(world.url).context["progress"].activities_done
    assert client.post(reverse("courses:mark_lesson_done", args=[lesson.pk])).status_code in (200, 302)
    for url in (world.url, lesson.url):
        assert client.get(url).context["progress"].activities_done == before + 1
    # The learner's own copy of the lesson, made just now, shows it done.
    again = client.get(lesson.url)
    assert again["X-Page-Cache"] == "hit"
    assert "data-done" in again.content.decode()


def test_a_role_change_changes_the_header(client, learner, world):
    client.force_login(learner)
    reports = reverse("reports:dashboard")
    assert reports not in client.get(world.url).content.decode()
    learner.groups.add(Group.objects.get(name=ANALYST_GROUP))
    assert reports in client.get(world.url).content.decode()
    learner.groups.clear()
    assert reports not in client.get(world.url).content.decode()
    group = Group.objects.create(name="Pembaca laporan")
    learner.groups.add(group)
    assert reports not in client.get(world.url).content.decode()
    group.permissions.add(Permission.objects.get(codename="view_district_reports"))
    assert reports in client.get(world.url).content.decode()


def test_the_cached_header_and_footer_carry_each_requests_token_and_path(learner, world):
    other = make_user(cooperative=learner.cooperative)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(learner)
    second.force_login(other)
    lesson = _lessons(world)[0]
    page_one = first.get(world.url).content
    page_two = second.get(world.url).content
    assert _token(page_one) != _token(page_two)
    assert f'name="next" type="hidden" value="{lesson.url}"'.encode() in second.get(lesson.url).content
    response = second.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": _token(page_two)})
    assert response.status_code == 302
    assert not second.get(world.url).context["user"].is_authenticated
    # The first learner's own cached copy carries a token of their own, which works.
    again = first.get(world.url)
    assert again["X-Page-Cache"] == "hit"
    assert _token(again.content) not in (_token(page_one), _token(page_two))
    logout = first.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": _token(again.content)})
    assert logout.status_code == 302
    assert not first.get(world.url).context["user"].is_authenticated


def test_deactivating_a_user_by_a_bulk_update_logs_them_out_at_once(client, learner, world):
    client.force_login(learner)
    assert client.get(world.url).context["user"].is_authenticated
    type(learner).objects.filter(pk=learner.pk).update(is_active=False)
    assert not client.get(world.url).context["user"].is_authenticated


def test_a_changed_password_logs_out_other_sessions_at_once(client, learner, world):
    client.force_login(learner)
    assert client.get(world.url).context["user"].is_authenticated
    learner.set_password("kata-sandi-baru-2026")
    type(learner).objects.filter(pk=learner.pk).update(password=learner.password)
    assert not client.get(world.url).context["user"].is_authenticated


# --- anonymous visitors ------------------------------------------------------------------


def test_an_anonymous_page_is_answered_from_the_cache_without_queries(client, world, django_assert_num_queries):
    for url in (catalogue_page().url, world.url, "/"):
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert again["X-Page-Cache"] == "hit"
        assert _without_tokens(again.content) == _without_tokens(first.content)
        assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_anonymous_cache_is_retired_by_publish_unpublish_and_move(client, world):
    catalogue = catalogue_page().url
    client.get(catalogue)
    course = make_course(title="Kursus yang baru terbit")
    assert "Kursus yang baru terbit" in client.get(catalogue).content.decode()
    client.get(course.url)
    course.unpublish()
    assert "Kursus yang baru terbit" not in client.get(catalogue).content.decode()
    assert client.get(course.url).status_code == 404
    page = CoursePage.objects.get(pk=world.pk)
    page.title = "Kas koperasi, edisi dua"
    page.save_revision().publish()
    assert "Kas koperasi, edisi dua" in client.get(world.url).content.decode()


def test_logged_in_visitors_never_get_the_anonymous_page(client, learner, world):
    client.get(world.url)
    client.get(world.url)
    client.force_login(learner)
    response = client.get(world.url)
    assert "X-Page-Cache" not in response
    assert response.context["progress"] is not None


def test_each_anonymous_visitor_gets_their_own_csrf_token(world):
    # Every page has the footer's language form, so every cached page carries a token.
    url = catalogue_page().url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(url)
    page_two = second.get(url)
    assert page_two["X-Page-Cache"] == "hit"
    token_one, token_two = _token(page_one.content), _token(page_two.content)
    assert token_one != token_two
    assert second.cookies["csrftoken"].value
    response = second.post(reverse("set_language"), {"csrfmiddlewaretoken": token_two, "language": "en", "next": url})
    assert response.status_code == 302
    refused = Client(enforce_csrf_checks=True)
    refused.get(url)
    assert refused.post(reverse("set_language"), {"language": "en", "next": url}).status_code == 403


def _without_tokens(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def _token(content):
    marker = b'name="csrfmiddlewaretoken" value="'
    start = content.index(marker) + len(marker)
    return content[start : content.index(b'"', start)].decode()


def test_queries_and_search_are_never_cached(client, world):
    url = catalogue_page().url + "?q=kas"
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


# --- media --------------------------------------------------------------------------------


def test_renditions_are_served_with_long_lived_cache_headers(client, settings):
    image = get_image_model().objects.create(title="Sampul", file=get_test_image_file())
    rendition = image.get_rendition("width-100")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/exports/rahasia.csv").status_code == 404
