"""One pre-test and one post-test per course: one rule (``QuizPage.paired_test_error``) that
the editor's form, the model, ``create_quiz`` and the GIFT import all answer with."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from quizzes.models import QuizPage
from quizzes.services import create_quiz, import_gift
from tests.factories import make_course, make_editor

pytestmark = pytest.mark.django_db

MESSAGE = "Kursus ini sudah punya kuis dengan jenis ini (pre-test/post-test hanya satu)."
GIFT = "::Q1:: Dua tambah dua? {=4 ~3 ~5}\n"


def quiz_form(title, slug, purpose):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(""),
            "questions": streamfield([]),
            "purpose": purpose,
            "pass_mark": 70,
            "attempts_allowed": 0,
            "grading_method": "highest",
            "time_limit_minutes": "",
            "opens_at": "",
            "closes_at": "",
            "results_visibility": "immediately",
            "completion_requirement": "auto",
            "feedback_bands": streamfield([]),
            "action-publish": "publish",
        }
    )


@pytest.fixture
def course_with_pre_test():
    course = make_course()
    pre_test = create_quiz(course=course, title="Pre-test", questions=[], purpose=QuizPage.PURPOSE_PRE_TEST)
    return course, pre_test


def test_the_rule(course_with_pre_test):
    course, pre_test = course_with_pre_test
    assert QuizPage.paired_test_error(course, QuizPage.PURPOSE_PRE_TEST) == MESSAGE
    assert QuizPage.paired_test_error(course, QuizPage.PURPOSE_PRE_TEST, exclude_pk=pre_test.pk) is None
    assert QuizPage.paired_test_error(course, QuizPage.PURPOSE_POST_TEST) is None
    assert QuizPage.paired_test_error(course, QuizPage.PURPOSE_LATIHAN) is None
    assert QuizPage.paired_test_error(make_course(), QuizPage.PURPOSE_PRE_TEST) is None
    assert QuizPage.paired_test_error(None, QuizPage.PURPOSE_PRE_TEST) is None


def test_service_refuses_a_second_pre_test(course_with_pre_test):
    course, _pre_test = course_with_pre_test
    with pytest.raises(ValueError, match=r"pre-test/post-test hanya satu"):
        create_quiz(course=course, title="Pre-test 2", questions=[], purpose=QuizPage.PURPOSE_PRE_TEST)
    create_quiz(course=course, title="Latihan", questions=[], purpose=QuizPage.PURPOSE_LATIHAN)
    assert QuizPage.objects.child_of(course).filter(purpose=QuizPage.PURPOSE_PRE_TEST).count() == 1


def test_gift_import_reports_the_rule(course_with_pre_test):
    course, _pre_test = course_with_pre_test
    result = import_gift(text=GIFT, course=course, title="Lagi", purpose=QuizPage.PURPOSE_PRE_TEST)
    assert result.quiz is None and MESSAGE in result.problems


def test_model_clean_on_an_existing_quiz(course_with_pre_test):
    course, _pre_test = course_with_pre_test
    practice = create_quiz(course=course, title="Latihan", questions=[], purpose=QuizPage.PURPOSE_LATIHAN)
    practice.purpose = QuizPage.PURPOSE_PRE_TEST
    with pytest.raises(ValidationError) as excinfo:
        practice.clean()
    assert excinfo.value.message_dict == {"purpose": [MESSAGE]}


def test_editor_cannot_add_a_second_pre_test(client, course_with_pre_test):
    course, _pre_test = course_with_pre_test
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk])
    response = client.post(url, quiz_form("Pre-test lagi", "pre-test-lagi", QuizPage.PURPOSE_PRE_TEST))
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert QuizPage.objects.child_of(course).count() == 1
    response = client.post(url, quiz_form("Post-test", "post-test", QuizPage.PURPOSE_POST_TEST))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert QuizPage.objects.child_of(course).count() == 2
