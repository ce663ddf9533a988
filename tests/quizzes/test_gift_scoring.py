"""The Moodle bank (moodle_bank.py) as a learner meets it: each question's credit and
feedback, the whole quiz's score, and pages that show formatting, never the markers or the
key. The imported quiz is built once for the module (tests/conftest.py ``module_db``)."""

import re

import pytest
from django.urls import reverse

from courses.models import CoursePage
from quizzes import scoring
from quizzes.models import Attempt, QuizPage
from quizzes.services import start_attempt, submit_attempt

from .moodle_bank import MARKERS, import_bank

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _shared_bank_quiz(module_db, _shared_course):
    if _shared_course is None:
        return None
    return module_db.build("bank_quiz", lambda: import_bank(CoursePage.objects.get(pk=_shared_course)).pk)


@pytest.fixture
def bank_quiz(_shared_bank_quiz, course):
    if _shared_bank_quiz is None:  # a test that commits builds its own
        return import_bank(course)
    return QuizPage.objects.get(pk=_shared_bank_quiz)


def by_title(attempt):
    return {question["title"]: question for question in attempt.snapshot["questions"]}


def choice(question, text):
    return next(c["id"] for c in question["choices"] if c["text"] == text)


@pytest.mark.parametrize(
    "title, response, credit, feedback",
    [
        ("QRIS", "Quick Response Code Indonesian Standard", 1.0, ["Betul, standar nasional dari BI."]),
        ("QRIS", "Quick Response Code Indonesia", 0.5, ["Hampir benar"]),
        ("QRIS", "Quick Response Indonesia System", 0.0, ["Bukan."]),
        ("Dompet digital", ["GoPay", "OVO"], 1.0, ["Benar, berizin BI", "Benar, berizin BI"]),
        ("Dompet digital", ["GoPay"], 0.5, ["Benar, berizin BI"]),
        ("Dompet digital", ["GoPay", "Arisan RT"], 0.0, ["Benar, berizin BI", "Arisan bukan dompet digital"]),
        ("Wajib RAT", "true", 1.0, ["Betul sekali."]),
        ("Wajib RAT", "false", 0.0, ["Keliru: RAT wajib."]),
        ("SHU", "  shu ", 1.0, ["Tepat"]),
        ("SHU", "S.H.U.", 0.5, ["Titiknya tidak perlu"]),
        ("SHU", "sisa hasil", 0.2, ["Tulis singkatannya saja"]),
        ("SHU", "tidak tahu", 0.0, ["Jawaban lain salah."]),
        ("Bunga", "12", 1.0, ["Tepat"]),
        ("Bunga", "13,5", 0.5, ["Mendekati"]),
        ("Bunga", "50", 0.0, ["Jauh sekali"]),
        ("Tebakan", "4,9", 1.0, []),
        ("Tebakan", "9", 0.0, ["Jauh sekali"]),
        ("Badan usaha", "badan usaha", 1.0, []),
    ],
)
def test_scores_as_section_5_says(bank_quiz, learner, title, response, credit, feedback):
    attempt = start_attempt(user=learner, quiz=bank_quiz)
    question = by_title(attempt)[title]
    if question["type"] in scoring.CHOICE_TYPES and question["type"] != "true_false":
        picks = [response] if isinstance(response, str) else response
        ids = [choice(question, pick) for pick in picks]
        response = ids if question["type"] == "multiple_answers" else ids[0]
    assert scoring.question_credit(question, response) == pytest.approx(credit)
    assert scoring.answer_feedback(question, response) == feedback


def test_quiz_score_over_the_whole_bank(bank_quiz, learner):
    attempt = start_attempt(user=learner, quiz=bank_quiz)
    found = by_title(attempt)
    answers = {  # QRIS left unanswered: 0
        found["Dompet digital"]["id"]: [choice(found["Dompet digital"], "GoPay")],  # 0.5
        found["Wajib RAT"]["id"]: "true",  # 1
        found["SHU"]["id"]: "Sisa Hasil Usaha",  # 0.2
        found["Bunga"]["id"]: "11",  # 0.5
        found["Tebakan"]["id"]: "100",  # 0
        found["Badan usaha"]["id"]: choice(found["Badan usaha"], "badan usaha"),  # 1
    }
    graded = submit_attempt(attempt=attempt, answers=answers)
    assert graded.score == pytest.approx(100 * (0 + 0.5 + 1 + 0.2 + 0.5 + 0 + 1) / 7)
    assert graded.passed is False


def visible_text(html):
    """What a person sees of the main content: tags removed, entities decoded."""
    import html as html_module

    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<script.*?</script>", "", main, flags=re.DOTALL)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", main))


def test_attempt_and_result_pages_show_formatting_never_markers_or_the_key(client, bank_quiz, learner):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[bank_quiz.pk]))
    attempt = Attempt.objects.get()
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    text = visible_text(html)
    for marker in MARKERS:
        assert marker not in text, marker
    assert "<script>alert" not in html and "onclick" not in html
    assert "Apa kepanjangan <b>QRIS</b>?" in html
    assert "Mana saja <strong>dompet digital</strong>" in html
    assert "Quick Response Code Indonesian Standard</label>" in html
    for secret in ("Betul, ", "Hampir", "Mendekati", "Jauh", "Tepat", "Sisa *", "fraction", "Bank Indonesia"):
        assert secret not in html, secret

    found = by_title(attempt)
    answers = {
        found["QRIS"]["id"]: choice(found["QRIS"], "Quick Response Code Indonesian Standard"),
        found["SHU"]["id"]: "tidak tahu",
        found["Bunga"]["id"]: "500",
    }
    submit_attempt(attempt=attempt, answers=answers)
    html = client.get(reverse("quizzes:attempt_result", args=[attempt.pk])).content.decode()
    text = visible_text(html)
    for marker in MARKERS:
        assert marker not in text, marker
    assert "Betul, <em>standar nasional</em> dari BI." in html
    assert "Jawaban lain <em>salah</em>." in html
    assert "Jauh <b>sekali</b>" in html
    assert '<a href="https://www.bi.go.id">Bank Indonesia</a>' in html
    assert "<script>alert" not in html and "onclick" not in html
