"""People's records outlive content: deleting content with records is refused, with the reason.

PRODUCT.md section 9. The database refuses (``PROTECT``), and the admin says why and
offers to unpublish instead, for single deletes, bulk deletes and registry objects.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Page

from base.records import page_records_blocking_deletion, records_blocking_deletion
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.services import enrol, mark_lesson_done
from quizzes import questions as q
from quizzes.models import Attempt, QuestionResult, QuizPage
from quizzes.services import create_quiz, start_attempt, submit_attempt
from readiness.models import Assessment, EvaluationRound, Framework
from readiness.services import create_round, ensure_default_framework, get_or_create_draft
from tests.factories import make_cooperative, make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("super", "super@example.com", "rahasia-uji-123")


@pytest.fixture
def learner():
    return make_user(username="siti", cooperative=make_cooperative(nama="Koperasi Mawar"))


def make_exam(course):
    return create_quiz(
        course=course,
        title="Ujian akhir",
        purpose="ujian",
        questions=[q.true_false_question("Koperasi wajib mengadakan RAT.", True)],
    )


def graded_attempt(user, quiz):
    attempt = start_attempt(user=user, quiz=quiz)
    true_id = next(c["id"] for c in attempt.snapshot["questions"][0]["choices"] if c["fraction"] >= 1)
    return submit_attempt(attempt=attempt, answers={attempt.snapshot["questions"][0]["id"]: true_id})


def assert_refused(response, *texts):
    assert response.status_code == 200
    html = response.content.decode()
    assert "tidak bisa dihapus" in html, html[:2000]
    for text in texts:
        assert text in html


# --- the database refuses ------------------------------------------------------------------


def test_deleting_a_quiz_with_attempts_is_refused_by_the_database(learner):
    quiz = make_exam(make_course())
    graded_attempt(learner, quiz)
    with pytest.raises(ProtectedError):
        QuizPage.objects.get(pk=quiz.pk).delete()
    assert Attempt.objects.filter(quiz_id=quiz.pk).count() == 1
    assert QuestionResult.objects.count() == 1


def test_deleting_a_course_with_enrolments_or_a_lesson_with_completions_is_refused(learner):
    course = make_course()
    lesson = make_lesson(course)
    mark_lesson_done(user=learner, lesson=lesson)
    with pytest.raises(ProtectedError):
        LessonPage.objects.get(pk=lesson.pk).delete()
    with pytest.raises(ProtectedError):
        CoursePage.objects.get(pk=course.pk).delete()
    assert Enrolment.objects.filter(course_id=course.pk).count() == 1
    assert LessonCompletion.objects.filter(lesson_id=lesson.pk).count() == 1


def test_deleting_a_cooperative_with_assessments_is_refused():
    cooperative = make_cooperative()
    evaluation_round = create_round(slug="nov-2018", name="Nov 2018", framework=ensure_default_framework())
    get_or_create_draft(evaluation_round=evaluation_round, cooperative=cooperative)
    with pytest.raises(ProtectedError):
        cooperative.delete()
    assert Assessment.objects.filter(cooperative=cooperative).count() == 1


def test_what_blocks_a_deletion_is_counted_by_kind(learner):
    course = make_course()
    lesson = make_lesson(course)
    quiz = make_exam(course)
    other = make_user(cooperative=learner.cooperative)
    for user in (learner, other):
        mark_lesson_done(user=user, lesson=lesson)
    graded_attempt(learner, quiz)
    found = {record.label: record.count for record in page_records_blocking_deletion(course)}
    # The learner who passed the exam completed the course: their certificate is a record too.
    assert found == {"pendaftaran kursus": 2, "materi selesai": 2, "percobaan kuis": 1, "sertifikat": 1}
    # A page without records (and nothing below it with records) may go.
    empty = make_course()
    make_lesson(empty)
    assert page_records_blocking_deletion(empty) == []
    assert records_blocking_deletion([]) == []


# --- the admin explains and offers to unpublish ----------------------------------------------


def test_admin_refuses_to_delete_a_graded_exam_and_offers_unpublishing(client, superuser, learner):
    quiz = make_exam(make_course())
    graded_attempt(learner, quiz)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:delete", args=[quiz.pk])
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[quiz.pk])
    assert_refused(client.get(url), "1 percobaan kuis", "Tarik publikasi", unpublish_url)
    assert_refused(client.post(url), "1 percobaan kuis")
    assert QuizPage.objects.filter(pk=quiz.pk).exists()
    assert Attempt.objects.filter(quiz_id=quiz.pk, status="submitted").count() == 1
    # The offered way out works and keeps the results.
    response = client.post(unpublish_url)
    assert response.status_code == 302
    assert not QuizPage.objects.get(pk=quiz.pk).live
    assert Attempt.objects.filter(quiz_id=quiz.pk).count() == 1


def test_admin_refuses_to_delete_a_course_whose_pages_have_records(client, superuser, learner):
    course = make_course(title="Kursus Pembukuan")
    lesson = make_lesson(course)
    quiz = make_exam(course)
    mark_lesson_done(user=learner, lesson=lesson)
    graded_attempt(learner, quiz)
    client.force_login(superuser)
    for page in (course, course.get_parent()):  # the course, and the catalogue above it
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert_refused(response, "1 pendaftaran kursus", "1 materi selesai", "1 percobaan kuis")
    assert Page.objects.filter(pk__in=[course.pk, lesson.pk, quiz.pk]).count() == 3
    assert Enrolment.objects.count() == 1 and LessonCompletion.objects.count() == 1 and Attempt.objects.count() == 1


def test_admin_still_deletes_content_without_records(client, superuser):
    course = make_course()
    lesson = make_lesson(course)
    quiz = make_exam(course)
    client.force_login(superuser)
    confirm = client.get(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert confirm.status_code == 200 and "tidak bisa dihapus" not in confirm.content.decode()
    assert client.post(reverse("wagtailadmin_pages:delete", args=[quiz.pk])).status_code == 302
    assert client.post(reverse("wagtailadmin_pages:delete", args=[course.pk])).status_code == 302
    assert not Page.objects.filter(pk__in=[course.pk, lesson.pk, quiz.pk]).exists()


def test_admin_bulk_delete_refuses_pages_with_records_and_deletes_nothing(client, superuser, learner):
    course = make_course()
    with_records = make_lesson(course, title="Materi dibaca")
    without = make_lesson(course, title="Materi baru")
    mark_lesson_done(user=learner, lesson=with_records)
    LessonCompletion.objects.filter(lesson=without).delete()
    client.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    url += f"?id={with_records.pk}&id={without.pk}&next=/admin/"
    response = client.post(url, {"confirm": "yes"})
    assert_refused(response, "Materi dibaca", "1 materi selesai")
    assert LessonPage.objects.filter(pk__in=[with_records.pk, without.pk]).count() == 2


def test_a_page_already_unpublished_is_not_offered_unpublishing(client, superuser, learner):
    quiz = make_exam(make_course())
    graded_attempt(learner, quiz)
    client.force_login(superuser)
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[quiz.pk])).status_code == 302
    response = client.get(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert_refused(response, "1 percobaan kuis")
    assert reverse("wagtailadmin_pages:unpublish", args=[quiz.pk]) not in response.content.decode()


@pytest.mark.parametrize(
    "viewset, make_object, expected",
    [
        ("koperasi", lambda: _cooperative_with_assessment(), "1 asesmen"),
        ("putaran", lambda: _round_with_assessment(), "1 asesmen"),
        ("instrumen", lambda: _round_with_assessment().framework, "1 putaran evaluasi"),
    ],
)
def test_admin_refuses_to_delete_registry_objects_that_records_use(client, superuser, viewset, make_object, expected):
    # Only a superuser may delete these (analysts have no delete permission at all).
    target = make_object()
    model = type(target)
    client.force_login(superuser)
    url = reverse(f"{viewset}:delete", args=[target.pk])
    assert_refused(client.get(url), expected)
    assert_refused(client.post(url), expected)
    assert model.objects.filter(pk=target.pk).exists()
    assert Assessment.objects.count() == 1


def test_admin_deletes_a_round_nobody_assessed_in(client, superuser):
    evaluation_round = create_round(slug="kosong", name="Kosong", framework=ensure_default_framework())
    client.force_login(superuser)
    confirm = client.get(reverse("putaran:delete", args=[evaluation_round.pk]))
    assert confirm.status_code == 200 and "tidak bisa dihapus" not in confirm.content.decode()
    assert client.post(reverse("putaran:delete", args=[evaluation_round.pk])).status_code == 302
    assert not EvaluationRound.objects.filter(pk=evaluation_round.pk).exists()
    assert Framework.objects.filter(code="ikdk").exists()


def _round_with_assessment():
    evaluation_round = create_round(slug="nov-2018", name="Nov 2018", framework=ensure_default_framework())
    get_or_create_draft(evaluation_round=evaluation_round, cooperative=make_cooperative())
    return evaluation_round


def _cooperative_with_assessment():
    return _round_with_assessment().assessments.get().cooperative


def test_enrolment_alone_keeps_a_course(client, superuser, learner):
    course = make_course()
    enrol(user=learner, course=course)
    client.force_login(superuser)
    assert_refused(client.post(reverse("wagtailadmin_pages:delete", args=[course.pk])), "1 pendaftaran kursus")
    assert CoursePage.objects.filter(pk=course.pk).exists()


# --- accounts ---------------------------------------------------------------------------------


def test_deleting_a_learner_with_attempts_is_refused_by_the_database(learner):
    graded_attempt(learner, make_exam(make_course()))
    with pytest.raises(ProtectedError):
        learner.delete()
    assert Attempt.objects.filter(user=learner).count() == 1


def test_admin_refuses_to_delete_an_account_with_records_and_offers_deactivating(client, superuser, learner):
    course = make_course()
    enrol(user=learner, course=course)
    mark_lesson_done(user=learner, lesson=make_lesson(course, title="Materi dibaca"))
    graded_attempt(learner, make_exam(course))
    client.force_login(superuser)
    url = reverse("wagtailusers_users:delete", args=[learner.pk])
    assert_refused(client.get(url), "siti", "1 percobaan kuis", "Nonaktifkan akun")
    assert_refused(client.post(url), "siti")
    assert get_user_model().objects.filter(pk=learner.pk).exists()
    assert Attempt.objects.filter(user=learner).count() == 1
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_admin_bulk_delete_of_accounts_refuses_those_with_records_and_deletes_nothing(client, superuser, learner):
    graded_attempt(learner, make_exam(make_course()))
    newcomer = make_user(username="baru", cooperative=learner.cooperative)
    client.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    url += f"?id={learner.pk}&id={newcomer.pk}&next=/admin/users/"
    response = client.post(url, {"confirm": "yes"})
    assert_refused(response, "siti")
    assert get_user_model().objects.filter(pk__in=[learner.pk, newcomer.pk]).count() == 2


def test_admin_still_deletes_an_account_without_records(client, superuser):
    newcomer = make_user(username="baru", cooperative=make_cooperative(nama="Koperasi Baru"))
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:delete", args=[newcomer.pk]))
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=newcomer.pk).exists()
