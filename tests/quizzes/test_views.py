"""Taking a quiz over HTTP: the page, autosave, submit, results, and what never leaks."""

import json
import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuizPage
from quizzes.services import start_attempt, submit_attempt
from tests.factories import make_user

from .conftest import SECRET_FEEDBACK, as_post, right_answers, sample_questions

pytestmark = pytest.mark.django_db


def key_fragments(attempt):
    """Every piece of the answer key that must not reach the browser before grading."""
    fragments = {SECRET_FEEDBACK, "SHUJAWABAN", "12.5", "fraction", "feedback"}
    for question in attempt.snapshot["questions"]:
        for accepted in question.get("accepted", []):
            fragments.add(accepted["text"])
    return fragments


def test_anonymous_sees_quiz_page_with_login_link_and_no_questions(client, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Masuk untuk mengerjakan kuis" in html
    assert "Apa kepanjangan RAT" not in html


def test_start_requires_login_and_post(client, quiz, learner):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302 and "/akun/" in response["Location"]
    client.force_login(learner)
    assert client.get(reverse("quizzes:start", args=[quiz.pk])).status_code == 405
    assert Attempt.objects.count() == 0


def test_attempt_page_is_accessible_and_never_contains_the_key(client, quiz, learner):
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk])
    html = client.get(response["Location"]).content.decode()
    # Every question is a fieldset with its text as legend; every input has a label.
    assert html.count("<fieldset") == 5
    assert html.count("<legend>") == 5
    assert "Apa kepanjangan RAT?" in html
    for input_id in re.findall(r'<input type="(?:radio|checkbox|text)"[^>]*id="([^"]+)"', html):
        assert f'for="{input_id}"' in html
    for fragment in key_fragments(attempt):
        assert fragment not in html, fragment
    # The autosave answer is JSON without the key either.
    question = attempt.snapshot["questions"][0]
    saved = client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {"shown": [question["id"]], f"q-{question['id']}": question["choices"][1]["id"]},
        headers={"X-Requested-With": "fetch"},
    )
    assert saved.status_code == 200 and saved.json()["ok"] is True
    for fragment in key_fragments(attempt):
        assert fragment not in saved.content.decode()


def test_autosave_resume_and_submit_show_score(client, quiz, learner):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    answers = right_answers(attempt)
    first_half = dict(list(answers.items())[:2])
    client.post(reverse("quizzes:save", args=[attempt.pk]), as_post(first_half), headers={"X-Requested-With": "fetch"})
    # "Reloading" the quiz resumes the same attempt with the saved answers ticked.
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.count() == 1
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    single = attempt.snapshot["questions"][0]
    right_choice = answers[single["id"]]
    assert re.search(rf'value="{right_choice}" checked', html)
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(answers))
    assert response["Location"] == reverse("quizzes:attempt_result", args=[attempt.pk])
    html = client.get(response["Location"]).content.decode()
    assert "100,0" in html or "100.0" in html
    assert "Lulus" in html
    # Immediately-shown results include the feedback written for the chosen answer.
    assert SECRET_FEEDBACK + "-1" in html
    # The attempt appears in the learner's history on the quiz page.
    page = client.get(quiz.url).content.decode()
    assert "Riwayat percobaan" in page and reverse("quizzes:attempt_result", args=[attempt.pk]) in page


def test_plain_form_save_without_js_redirects_back(client, quiz, learner):
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    response = client.post(reverse("quizzes:save", args=[attempt.pk]), as_post(right_answers(attempt)))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert len(attempt.answers) == 5


def test_tampered_answers_are_rejected_with_a_clear_message(client, quiz, learner):
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    single = attempt.snapshot["questions"][0]["id"]
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), {"shown": [single], f"q-{single}": "palsu"})
    assert response.status_code == 400
    assert "Pilihan jawaban yang tidak ada ditolak" in response.content.decode()
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]), {"q-bukan-soal": "x"}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 400 and "tidak ada" in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.is_in_progress and attempt.answers == {}


def test_second_submit_is_harmless(client, quiz, learner):
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(right_answers(attempt)))
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == pytest.approx(100.0)
    assert Attempt.objects.filter(status="submitted").count() == 1


def test_attempt_beyond_the_limit_is_refused(client, make_quiz, learner):
    quiz = make_quiz(attempts_allowed=1)
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "sudah memakai semua percobaan" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_another_learners_attempt_is_404(client, quiz, learner, cooperative):
    attempt = start_attempt(user=learner, quiz=quiz)
    other = make_user(username="tetangga", cooperative=cooperative)
    client.force_login(other)
    for name in ("quizzes:attempt", "quizzes:attempt_result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    for name in ("quizzes:save", "quizzes:submit"):
        assert client.post(reverse(name, args=[attempt.pk]), {}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_in_progress


def test_results_visibility_score_only_and_never(client, make_quiz, learner):
    client.force_login(learner)
    for visibility, score_shown in ((QuizPage.RESULTS_SCORE_UNTIL_CLOSE, True), (QuizPage.RESULTS_NEVER, False)):
        quiz = make_quiz(title=f"Kuis {visibility}", results_visibility=visibility)
        attempt = start_attempt(user=learner, quiz=quiz)
        submit_attempt(attempt=attempt, answers=right_answers(attempt))
        html = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).content.decode()
        assert ("quiz-score-value" in html) is score_shown
        assert SECRET_FEEDBACK not in html
        assert "Pembahasan" not in html


def test_one_question_per_screen_shows_one_and_navigates(client, make_quiz, learner):
    quiz = make_quiz(one_question_per_screen=True)
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert html.count("<fieldset") == 1 and 'value="ringkasan"' not in html
    answers = right_answers(attempt)
    first = attempt.snapshot["questions"][0]["id"]
    response = client.post(reverse("quizzes:save", args=[attempt.pk]), {**as_post({first: answers[first]}), "go": "2"})
    assert response["Location"].endswith("?soal=2")
    # Without ?soal the learner resumes at the first unanswered question.
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert 'id="soal-2"' in html
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?soal=5").content.decode()
    assert 'value="ringkasan"' in html


def test_timed_attempt_shows_remaining_time(client, make_quiz, learner):
    quiz = make_quiz(time_limit_minutes=15)
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Sisa waktu" in html and "15 menit" in html and 'role="timer"' in html


def test_quiz_and_attempt_pages_query_counts_do_not_grow(
    client, course, make_quiz, learner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)

    def counts(quiz, attempts):
        for _ in range(attempts):
            attempt = start_attempt(user=learner, quiz=quiz)
            submit_attempt(attempt=attempt, answers=right_answers(attempt))
        attempt = start_attempt(user=learner, quiz=quiz)
        # Warm: content types are cached per process, routing and the header per path and user
        # (base.pagecache).
        client.get(quiz.url)
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(quiz.url).status_code == 200
        with CaptureQueriesContext(connection) as attempt_queries:
            assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 200
        return len(page_queries), len(attempt_queries)

    small = counts(make_quiz(title="Kecil", questions=sample_questions()), 1)
    big = counts(make_quiz(title="Besar", questions=[x for _ in range(4) for x in sample_questions()]), 6)
    assert small == big


def test_json_autosave_after_time_is_up_says_so(client, make_quiz, learner):
    from datetime import timedelta

    from django.utils import timezone

    quiz = make_quiz(time_limit_minutes=1)
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz, now=timezone.now() - timedelta(minutes=2))
    response = client.post(reverse("quizzes:save", args=[attempt.pk]), {}, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 400
    body = json.loads(response.content)
    assert "Waktu" in body["error"] and body["redirect"]
    # Opening the attempt grades what was saved in time.
    response = client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.score == 0.0
