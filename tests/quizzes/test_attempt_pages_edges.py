"""Attempt and results pages at their edges, through the test client: the summary step, the
result page for every numeric answer shape and each visibility setting, and the results
pages' refusals. On the shared quiz of tests/quizzes/conftest.py."""

import pytest
from django.urls import reverse

from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import create_quiz, start_attempt, submit_attempt
from tests.factories import make_analyst, make_user

from .conftest import SECRET_FEEDBACK, as_post, right_answers

pytestmark = pytest.mark.django_db
SHARE_ROWS = ("course", "quiz")


def test_save_then_summary_lists_what_is_blank_and_never_the_key(client, learner, quiz):
    attempt = start_attempt(user=learner, quiz=quiz)
    answers = right_answers(attempt)
    first, second, *_rest = answers
    client.force_login(learner)
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]), {**as_post({first: answers[first]}), "go": "ringkasan"}
    )
    assert response["Location"] == reverse("quizzes:attempt_summary", args=[attempt.pk])
    summary = client.get(response["Location"])
    assert (summary.context["answered"], summary.context["total"]) == (1, 5)
    assert [row["number"] for row in summary.context["blank"]] == [2, 3, 4, 5]
    assert summary.context["rows"][1]["url"].endswith(f"/kuis/percobaan/{attempt.pk}/#soal-2")
    html = summary.content.decode()
    assert SECRET_FEEDBACK not in html and "SHUJAWABAN" not in html


def test_a_plain_save_says_so_and_stays(client, learner, quiz):
    attempt = start_attempt(user=learner, quiz=quiz)
    client.force_login(learner)
    response = client.post(reverse("quizzes:save", args=[attempt.pk]), as_post({}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("quizzes:attempt", args=[attempt.pk])
    assert "Jawaban tersimpan." in response.content.decode()


def test_a_submitted_attempts_pages_lead_to_its_result(client, learner, quiz):
    attempt = start_attempt(user=learner, quiz=quiz)
    attempt = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    client.force_login(learner)
    result = reverse("quizzes:attempt_result", args=[attempt.pk])
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk]))["Location"] == result
    assert client.get(reverse("quizzes:attempt_summary", args=[attempt.pk]))["Location"] == result
    again = client.post(reverse("quizzes:submit", args=[attempt.pk]), follow=True)
    assert "Percobaan ini sudah dikirim sebelumnya." in again.content.decode()
    in_progress = start_attempt(user=learner, quiz=quiz)
    assert client.get(reverse("quizzes:attempt_result", args=[in_progress.pk]))["Location"] == reverse(
        "quizzes:attempt", args=[in_progress.pk]
    )


def test_every_numeric_answer_shape_is_written_for_people(client, course, learner):
    quiz = create_quiz(
        course=course,
        title="Angka",
        questions=[
            q.numeric_question("Rentang?", [{"minimum": 10, "maximum": 20}]),
            q.numeric_question("Kira-kira?", [{"target": 12.5, "tolerance": 0.5}, {"any_other": True, "credit": 0}]),
            q.numeric_question("Apa saja?", [{"any_other": True}]),
        ],
    )
    attempt = start_attempt(user=learner, quiz=quiz)
    ids = [question["id"] for question in attempt.snapshot["questions"]]
    attempt = submit_attempt(attempt=attempt, answers={ids[0]: "15", ids[1]: "99", ids[2]: "1"})
    client.force_login(learner)
    review = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).context["review"]
    assert [[str(text) for text in item["right"]] for item in review] == [["10–20"], ["12.5 ± 0.5"], ["angka apa pun"]]
    assert [item["credit"] for item in review] == [1.0, 0.0, 1.0]
    assert [[str(text) for text in item["given"]] for item in review] == [["15"], ["99"], ["1"]]


@pytest.mark.parametrize(
    ("visibility", "score_shown", "answers_shown"),
    [
        (QuizPage.RESULTS_IMMEDIATELY, True, True),
        (QuizPage.RESULTS_SCORE_UNTIL_CLOSE, True, False),
        (QuizPage.RESULTS_NEVER, False, False),
    ],
)
def test_the_result_page_shows_what_the_quiz_allows(client, learner, quiz, visibility, score_shown, answers_shown):
    attempt = start_attempt(user=learner, quiz=quiz)
    attempt = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    QuizPage.objects.filter(pk=quiz.pk).update(results_visibility=visibility)
    client.force_login(learner)
    page = client.get(reverse("quizzes:attempt_result", args=[attempt.pk]))
    assert (page.context["show_score"], page.context["show_answers"]) == (score_shown, answers_shown)
    assert bool(page.context["review"]) is answers_shown
    assert (SECRET_FEEDBACK in page.content.decode()) is answers_shown


def test_results_pages_refuse_odd_addresses(client, quiz):
    client.force_login(make_analyst())
    download = reverse("quizzes:quiz_results_download", args=[quiz.pk])
    assert client.get(download, {"format": "pdf"}).status_code == 404
    assert client.get(download, {"format": "json"}).json()["quiz"]["id"] == quiz.pk
    results = reverse("quizzes:quiz_results", args=[quiz.pk])
    assert client.get(results, {"koperasi": "satu"}).status_code == 404
    assert client.get(results, {"koperasi": "999999"}).status_code == 404
    assert client.get(reverse("quizzes:learning_gain"), {"koperasi": "x1"}).status_code == 404
    assert client.get(reverse("quizzes:quiz_results", args=[quiz.pk + 999])).status_code == 404


def test_the_cooperative_search_is_only_offered_before_one_is_chosen(client, quiz, learner):
    client.force_login(make_analyst())
    results = reverse("quizzes:quiz_results", args=[quiz.pk])
    found = client.get(results, {"cari": "Sumber"}).context
    assert [c.nama for c in found["picker_matches"]] == ["Koperasi Sumber Rejeki"]
    chosen = client.get(results, {"cari": "Sumber", "koperasi": learner.cooperative_id}).context
    assert chosen["picker_matches"] == [] and chosen["cooperative"].pk == learner.cooperative_id
    client.force_login(make_user(cooperative=learner.cooperative, role="pengurus"))
    assert client.get(results, {"cari": "Sumber"}).context["picker"] is False
