"""What a first real user stumbled over on the quiz pages (phone first)."""

import pytest
from django.urls import reverse

from quizzes import questions as q
from quizzes.services import create_quiz, start_attempt, submit_attempt
from tests.factories import make_analyst, make_course, make_user

from .conftest import right_answers

pytestmark = pytest.mark.django_db


def test_results_index_names_the_course_of_every_quiz(client, django_assert_max_num_queries):
    # Every course has a "Pre-test": a bare list of titles did not say whose.
    for title in ("Pembukuan digital", "Jualan online"):
        course = make_course(title=title)
        create_quiz(course=course, title="Pre-test", purpose="pre_test", questions=[q.true_false_question("A?", True)])
    client.force_login(make_analyst(username="analis_hasil"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("quizzes:results_index")).content.decode()
    assert html.index("Pembukuan digital") < html.index("Jualan online")
    assert html.count("Pre-test") == 2  # the title once per course, no repeated badge


def test_analysts_reach_quiz_results_from_the_header(client):
    # No cooperative registered yet (a fresh install): the page is there all the same.
    client.force_login(make_analyst(username="analis_menu"))
    response = client.get(reverse("quizzes:results_index"))
    assert response.status_code == 200
    html = response.content.decode()
    header = html.split("</header>")[0]
    assert f'href="{reverse("quizzes:results_index")}"' in header


def test_staff_see_no_quiz_results_link(client, learner):
    client.force_login(learner)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert reverse("quizzes:results_index") not in html


def test_attempt_pages_are_styled_and_count_answers(client, quiz, learner):
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "quizzes/quiz.css" in html
    assert 'id="quiz-progress" data-answered="0" data-total="5"' in html
    submit_attempt(attempt=attempt, answers=right_answers(attempt))
    result = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).content.decode()
    assert "quizzes/quiz.css" in result and result.count("✓ benar") == 5
    assert f'href="{quiz.get_parent().url}"' in result  # back to the course, not only the quiz


def test_exact_numeric_answer_is_shown_without_plus_minus_zero(client, course, learner):
    quiz = create_quiz(
        course=course,
        title="Hitung",
        purpose="latihan",
        questions=[
            q.numeric_question("Setahun simpanan wajib?", [{"target": 300, "tolerance": 0}]),
            q.numeric_question("Kira-kira?", [{"target": 12.5, "tolerance": 0.5}]),
        ],
    )
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    submit_attempt(attempt=attempt, answers={})
    html = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).content.decode()
    assert "Jawaban yang benar: 300</p>" in html and "± 0<" not in html
    assert "12.5 ± 0.5" in html


def test_quiz_page_history_fits_a_phone_and_pass_mark_has_a_scale(client, quiz, learner):
    client.force_login(learner)
    attempt = start_attempt(user=learner, quiz=quiz)
    submit_attempt(attempt=attempt, answers=right_answers(attempt))
    html = client.get(quiz.url).content.decode()
    assert "Nilai lulus: 60 / 100" in html
    history = html.split("Riwayat percobaan")[1]
    assert history.count('<th scope="col"') == 4  # number, sent, score, result: no separate start time


def test_pre_test_without_pass_mark_does_not_announce_one(client, course):
    quiz = create_quiz(
        course=course, title="Pre-test", purpose="pre_test", pass_mark=0, questions=[q.true_false_question("A?", True)]
    )
    client.force_login(make_user(username="tanpa_koperasi_ok", groups=["Editor Dinas"]))
    html = client.get(quiz.url).content.decode()
    assert "Nilai lulus" not in html
    assert '<span class="badge">Pre-test</span>' not in html  # the title already says it


def test_admin_menu_offers_quiz_results_to_analysts_only(client):
    client.force_login(make_analyst(username="analis_admin"))
    assert reverse("quizzes:results_index") in client.get("/admin/").content.decode()
    client.force_login(make_user(username="editor_admin", groups=["Editor Dinas"]))
    assert reverse("quizzes:results_index") not in client.get("/admin/").content.decode()


def test_learner_results_fit_a_phone_with_the_cooperative_under_the_name(client, quiz, learner, cooperative):
    attempt = start_attempt(user=learner, quiz=quiz)
    submit_attempt(attempt=attempt, answers=right_answers(attempt))
    client.force_login(make_analyst(username="analis_hp"))
    html = client.get(reverse("quizzes:quiz_results", args=[quiz.pk])).content.decode()
    learners = html.split("Per peserta")[1].split("</table>")[0]
    assert learners.count('<th scope="col">') == 3
    assert "100,0<br>Lulus" in learners
    name_cell = learners.split("<td>")[1]
    assert "siti" in name_cell and cooperative.nama in name_cell
    # Filtered to one cooperative, its name is not repeated on every row.
    html = client.get(reverse("quizzes:quiz_results", args=[quiz.pk]), {"koperasi": cooperative.pk}).content.decode()
    learners = html.split("Per peserta")[1].split("</table>")[0]
    assert cooperative.nama not in learners


def test_learning_gain_table_has_four_columns_with_learners_under_the_name(client, make_quiz, cooperative):
    pre = make_quiz(title="Pre", purpose="pre_test")
    post = make_quiz(title="Post", purpose="post_test")
    for index in range(2):
        learner = make_user(username=f"gain{index}", cooperative=cooperative)
        for quiz in (pre, post):
            attempt = start_attempt(user=learner, quiz=quiz)
            submit_attempt(attempt=attempt, answers=right_answers(attempt) if quiz is post else {})
    client.force_login(make_analyst(username="analis_gain"))
    html = client.get(reverse("quizzes:learning_gain")).content.decode()
    table = html.split("<table>")[1].split("</table>")[0]
    assert table.count('<th scope="col">') == 4
    assert cooperative.nama in table and "2 peserta" in table
    assert "1,00" in table  # from 0 to 100: gain 1
