"""A learner's own cached pages (base.pagecache, ``cache_learner``): fast on a second
visit, and never showing anyone's progress but their own, nor old progress."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from accounts.roles import ANALYST_GROUP
from base.pagecache import learner_changed
from courses import services as course_services
from courses.models import CoursePage, Enrolment, LessonPage
from quizzes.models import Attempt, QuizPage
from quizzes.services import save_answers, start_attempt, submit_attempt
from tests.factories import catalogue_page, make_cooperative, make_editor, make_user
from tests.learning_world import make_learning_course, quiz_of, take_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_user(cooperative=make_cooperative())


# One course for the module (tests/conftest.py, module_db); each test's changes are undone.
SHARE_ROWS = ("world",)


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", lambda: make_learning_course("Kas koperasi", lessons=2).pk)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        return make_learning_course("Kas koperasi", lessons=2)
    return CoursePage.objects.get(pk=_shared_world)


def _lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def _visit(client, url):
    """The page, and whether it came from the learner's cached copy."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache") == "hit"


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_second_visit_is_the_learners_own_copy_and_the_first_is_not(learner, world):
    client = _signed_in(learner)
    for url in (_lessons(world)[0].url, world.url, catalogue_page().url, quiz_of(world).url):
        first, first_hit = _visit(client, url)
        second, second_hit = _visit(client, url)
        assert (first_hit, second_hit) == (False, True)
        # The same page but for the CSRF tokens, which are this request's own.
        assert second.count("csrfmiddlewaretoken") == first.count("csrfmiddlewaretoken")
        assert len(second) == len(first)


def test_marking_a_lesson_done_shows_on_the_lesson_and_the_course_at_once(learner, world):
    client = _signed_in(learner)
    lesson = _lessons(world)[0]
    course_services.enrol(user=learner, course=world)
    for url in (lesson.url, world.url):
        _visit(client, url)
        assert _visit(client, url)[1]
    assert "Materi ini sudah selesai." not in _visit(client, lesson.url)[0].split('role="status" hidden')[0]
    client.post(reverse("courses:mark_lesson_done", args=[lesson.pk]))
    page, hit = _visit(client, lesson.url)
    assert not hit
    assert "data-done" in page
    course_page, hit = _visit(client, world.url)
    assert not hit
    assert "1 dari" in course_page or "Lanjutkan" in course_page  # progress moved on


def test_a_quiz_started_and_graded_shows_on_the_quiz_and_the_course_at_once(learner, world):
    client = _signed_in(learner)
    course_services.enrol(user=learner, course=world)
    quiz = quiz_of(world)
    for url in (quiz.url, world.url):
        _visit(client, url)
        assert _visit(client, url)[1]
    attempt = start_attempt(user=learner, quiz=quiz)
    page, hit = _visit(client, quiz.url)
    assert not hit
    assert "Lanjutkan percobaan" in page
    # Autosaving answers changes nothing these pages show: the copy stays.
    save_answers(attempt=attempt, answers={})
    assert _visit(client, quiz.url)[1]
    answers = {question["id"]: question["choices"][0]["id"] for question in attempt.snapshot["questions"]}
    submit_attempt(attempt=attempt, answers=answers)
    page, hit = _visit(client, quiz.url)
    assert not hit
    assert "Riwayat percobaan" in page and "Lanjutkan percobaan" not in page
    course_page, hit = _visit(client, world.url)
    assert not hit
    assert "Belum dikerjakan" in course_page  # the practice quiz; the exam now has a grade
    assert course_page.count("Belum dikerjakan") == 1


def test_each_learner_sees_only_their_own_progress(world):
    cooperative = make_cooperative()
    reader, other = make_user(cooperative=cooperative), make_user(cooperative=cooperative)
    reader_client, other_client = _signed_in(reader), _signed_in(other)
    lesson = _lessons(world)[0]
    course_services.enrol(user=reader, course=world)
    course_services.mark_lesson_done(user=reader, lesson=lesson)
    reader_page, _hit = _visit(reader_client, lesson.url)
    other_page, _hit = _visit(other_client, lesson.url)
    assert "data-done" in reader_page and "data-done" not in other_page
    # Another learner's work leaves this learner's copy in place.
    take_quiz(other, quiz_of(world))
    again, hit = _visit(reader_client, lesson.url)
    assert hit and "data-done" in again
    other_again, _hit = _visit(other_client, lesson.url)
    assert "data-done" not in other_again


def test_changes_made_in_the_admin_or_by_hand_retire_the_copy(learner, world):
    client = _signed_in(learner)
    enrolment = course_services.enrol(user=learner, course=world)
    quiz = quiz_of(world)
    take_quiz(learner, quiz)
    page, _hit = _visit(client, quiz.url)
    assert _visit(client, quiz.url)[1]
    # An attempt removed by an administrator (records are kept, but the admin may).
    Attempt.objects.filter(user=learner).delete()
    page, hit = _visit(client, quiz.url)
    assert not hit and "Riwayat percobaan" not in page
    assert _visit(client, world.url) and _visit(client, world.url)[1]
    Enrolment.objects.get(pk=enrolment.pk).delete()
    page, hit = _visit(client, world.url)
    assert not hit and "Ikuti kursus" in page


def test_a_full_save_of_an_old_copy_of_the_user_never_undoes_the_raise(learner):
    loaded_before = type(learner).objects.get(pk=learner.pk)
    learner_changed(learner.pk)
    learner_changed([learner.pk, None])
    loaded_before.first_name = "Siti"
    loaded_before.save()
    fresh = type(learner).objects.get(pk=learner.pk)
    assert (fresh.first_name, fresh.progress_version) == ("Siti", 2)
    new_user = make_user(username="baru-sekali")
    assert type(learner).objects.get(pk=new_user.pk).progress_version == 0


def test_a_full_save_of_a_user_loaded_with_deferred_fields_reads_nothing_more(learner, django_assert_num_queries):
    partial = type(learner).objects.only("id", "first_name").get(pk=learner.pk)
    partial.first_name = "Budi"
    with django_assert_num_queries(1):
        partial.save()
    assert type(learner).objects.get(pk=learner.pk).first_name == "Budi"


def test_pending_messages_are_shown_once_and_never_cached(learner, world):
    client = _signed_in(learner)
    _visit(client, world.url)
    assert _visit(client, world.url)[1]
    client.post(reverse("courses:enrol", args=[world.pk]))
    page, hit = _visit(client, world.url)
    assert not hit and "Anda terdaftar di kursus ini" in page
    page, hit = _visit(client, world.url)
    assert "Anda terdaftar di kursus ini" not in page
    assert _visit(client, world.url)[1]


def test_editors_and_restricted_pages_are_never_cached(learner, world):
    editor_client = _signed_in(make_editor(cooperative=make_cooperative()))
    lesson = _lessons(world)[0]
    _visit(editor_client, lesson.url)
    assert not _visit(editor_client, lesson.url)[1]
    restriction = PageViewRestriction.objects.create(page=world, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=ANALYST_GROUP))
    analyst = make_user(cooperative=make_cooperative(), groups=[ANALYST_GROUP])
    analyst_client = _signed_in(analyst)
    _visit(analyst_client, lesson.url)
    assert not _visit(analyst_client, lesson.url)[1]


def test_each_language_and_data_saving_choice_is_its_own_copy(learner, world):
    client = _signed_in(learner)
    url = _lessons(world)[0].url
    _visit(client, url)
    assert _visit(client, url)[1]
    client.cookies["django_language"] = "en"
    english, hit = _visit(client, url)
    assert not hit and 'lang="en"' in english
    client.cookies["hemat_data"] = "1"
    assert not _visit(client, url)[1]
    assert _visit(client, url)[1]


def test_a_quiz_page_is_kept_no_longer_than_until_the_quiz_opens_closes_or_runs_out(learner, world):
    quiz = QuizPage.objects.get(pk=quiz_of(world).pk)
    factory = RequestFactory()

    def seconds_kept(user):
        request = factory.get(quiz.url)
        request.user = user
        quiz.get_context(request)
        return getattr(request, "page_cache_seconds", None)

    assert seconds_kept(learner) is None  # no moment ahead: the usual five minutes
    quiz.opens_at = timezone.now() + timedelta(seconds=90)
    assert 85 <= seconds_kept(learner) <= 90
    quiz.opens_at, quiz.closes_at = None, timezone.now() + timedelta(seconds=40)
    assert 35 <= seconds_kept(learner) <= 40
    quiz.closes_at, quiz.time_limit_minutes = None, 1
    quiz.save()
    start_attempt(user=learner, quiz=quiz)
    assert 55 <= seconds_kept(learner) <= 60


def test_a_quiz_opening_within_the_second_is_not_kept(learner, world):
    quiz = QuizPage.objects.get(pk=quiz_of(world).pk)
    quiz.opens_at = timezone.now() + timedelta(milliseconds=500)
    quiz.save_revision().publish()
    client = _signed_in(learner)
    _visit(client, quiz.url)
    assert not _visit(client, quiz.url)[1]
