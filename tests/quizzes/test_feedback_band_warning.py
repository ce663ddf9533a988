"""Feedback bands that contradict the pass mark: a warning for the editor, never a block."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from quizzes.models import QuizPage
from quizzes.scoring import feedback_band_conflicts, feedback_band_tone
from tests.factories import make_editor

pytestmark = pytest.mark.django_db


def test_tone_of_feedback_texts():
    assert feedback_band_tone("Selamat, Anda lulus!") == "pass"
    assert feedback_band_tone("Belum lulus. Ulangi materinya.") == "fail"
    assert feedback_band_tone("Ulangi  materinya") == "fail"
    assert feedback_band_tone("Nilai Anda tercatat.") is None


def test_conflicts_against_the_pass_mark():
    bands = [(0, "Ulangi materinya"), (50, "Lulus, selamat!"), (70, "Bagus sekali"), (90, "Coba lagi ya")]
    assert feedback_band_conflicts(bands, 70) == [(50.0, "Lulus, selamat!", "pass"), (90.0, "Coba lagi ya", "fail")]
    assert feedback_band_conflicts([(70, "Lulus"), (0, "Ulangi materinya")], 70) == []
    # "Ulangi" up to 80 while 70 passes: a learner with 75 passed but is told to repeat.
    assert feedback_band_conflicts([(0, "Ulangi materinya"), (80, "Lulus")], 70) == [(0.0, "Ulangi materinya", "fail")]
    # One band for every score: a "fail" text is read by those who passed too.
    assert feedback_band_conflicts([(0, "Ulangi materinya")], 70) == [(0.0, "Ulangi materinya", "fail")]
    assert feedback_band_conflicts([(0, "Nilai tercatat"), (60, "Terima kasih")], 70) == []
    assert feedback_band_conflicts([], 70) == []


def edit_post(quiz, bands):
    return nested_form_data(
        {
            "title": quiz.title,
            "slug": quiz.slug,
            "intro": rich_text(""),
            "questions": streamfield([]),
            "purpose": quiz.purpose,
            "pass_mark": quiz.pass_mark,
            "attempts_allowed": quiz.attempts_allowed,
            "grading_method": quiz.grading_method,
            "time_limit_minutes": "",
            "opens_at": "",
            "closes_at": "",
            "results_visibility": quiz.results_visibility,
            "completion_requirement": quiz.completion_requirement,
            "feedback_bands": streamfield([("band", {"min_score": m, "text": t}) for m, t in bands]),
            "action-publish": "publish",
        }
    )


@pytest.fixture
def empty_quiz(course):
    from quizzes.services import create_quiz

    return create_quiz(course=course, title="Kuis pita", questions=[], pass_mark=70)


def test_saving_a_contradicting_band_warns_but_saves(client, empty_quiz):
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:edit", args=[empty_quiz.pk])
    response = client.post(url, edit_post(empty_quiz, [(0, "Ulangi materinya"), (50, "Lulus!")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "Umpan balik mulai nilai 50 (“Lulus!”) terdengar lulus, padahal nilainya di bawah nilai lulus 70."
    ]
    quiz = QuizPage.objects.get(pk=empty_quiz.pk)
    assert [band.value["text"] for band in quiz.feedback_bands] == ["Ulangi materinya", "Lulus!"]


def test_consistent_bands_give_no_warning(client, empty_quiz):
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:edit", args=[empty_quiz.pk])
    response = client.post(url, edit_post(empty_quiz, [(0, "Ulangi materinya"), (70, "Lulus!")]))
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_creating_a_quiz_with_a_contradicting_band_warns(client, course):
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk])
    template = QuizPage(title="Kuis baru", slug="kuis-baru", pass_mark=60)
    response = client.post(url, edit_post(template, [(0, "Belum lulus, ulangi materinya"), (40, "Selamat!")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert QuizPage.objects.filter(slug="kuis-baru").exists()
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "Selamat!" in warnings[0] and "nilai lulus 60" in warnings[0]
