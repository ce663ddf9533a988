"""A quiz's intro says what to expect; a summary step lists blank questions before the final submit."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.services import save_answers, start_attempt, submit_attempt

from .conftest import as_post, right_answers
from .test_views import key_fragments

pytestmark = pytest.mark.django_db


def test_intro_shows_questions_attempts_time_and_grading(client, make_quiz, learner):
    quiz = make_quiz(attempts_allowed=3, grading_method="average", time_limit_minutes=20, pass_mark=70)
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "5 soal" in html
    assert "Boleh 3 kali percobaan · sudah dipakai 0" in html
    assert "Batas waktu: 20 menit" in html
    assert "Nilai yang dipakai: rata-rata" in html
    submit_attempt(attempt=start_attempt(user=learner, quiz=quiz), answers={})
    assert "sudah dipakai 1" in client.get(quiz.url).content.decode()

    single = make_quiz(title="Sekali", attempts_allowed=1)
    html = client.get(single.url).content.decode()
    assert "Tanpa batas waktu" in html and "Nilai yang dipakai" not in html


def test_finish_button_saves_then_shows_the_summary(client, make_quiz, learner):
    quiz = make_quiz()
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    answers = right_answers(attempt)
    first, second = [q["id"] for q in attempt.snapshot["questions"]][:2]
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]), {**as_post({first: answers[first]}), "go": "ringkasan"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:attempt_summary", args=[attempt.pk])
    response = client.get(response["Location"])
    html = response.content.decode()
    assert "1 dari 5 soal terjawab" in html and "4 soal belum dijawab" in html
    rows = response.context["rows"]
    assert [row["answered"] for row in rows] == [True, False, False, False, False]
    assert rows[1]["url"].endswith(f"{reverse('quizzes:attempt', args=[attempt.pk])}#soal-2")
    for fragment in key_fragments(attempt):
        assert fragment not in html
    attempt.refresh_from_db()
    assert attempt.is_in_progress and attempt.answers[first] == answers[first]
    assert second not in attempt.answers or attempt.answers[second] in ("", [])

    # The summary's button sends what is saved; a repeated send changes nothing.
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:attempt_result", args=[attempt.pk])
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and 0 < attempt.score < 100  # one question of five right
    assert Attempt.objects.count() == 1
    assert client.get(reverse("quizzes:attempt_summary", args=[attempt.pk]))["Location"].endswith("/hasil/")


def test_summary_links_back_to_the_screen_in_one_question_mode(client, make_quiz, learner):
    quiz = make_quiz(one_question_per_screen=True)
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    response = client.get(reverse("quizzes:attempt_summary", args=[attempt.pk]))
    assert response.context["rows"][2]["url"].endswith("?soal=3")


def test_summary_is_only_for_the_learner(client, make_quiz, learner, cooperative):
    from tests.factories import make_user

    quiz = make_quiz()
    attempt = start_attempt(user=learner, quiz=quiz)
    save_answers(attempt=attempt, answers={})
    client.force_login(make_user(cooperative=cooperative))
    assert client.get(reverse("quizzes:attempt_summary", args=[attempt.pk])).status_code == 404
