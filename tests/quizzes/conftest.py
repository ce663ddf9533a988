"""Shared quiz fixtures: a course with a quiz of every question type."""

import pytest

from courses.models import CoursePage
from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import create_quiz
from tests.factories import make_cooperative, make_course, make_user

# Feedback and accepted answers nobody would type by chance, so tests can search pages
# for them and be sure the answer key did not leak.
SECRET_FEEDBACK = "UMPAN-BALIK-RAHASIA"


def sample_questions():
    return [
        q.choice_question(
            "Apa kepanjangan RAT?",
            [
                {"text": "Rapat Anggota Tahunan", "correct": True, "feedback": SECRET_FEEDBACK + "-1"},
                {"text": "Rencana Anggaran Tahunan", "correct": False, "feedback": SECRET_FEEDBACK + "-2"},
                {"text": "Rekap Arus Transaksi", "correct": False},
            ],
            general_feedback=SECRET_FEEDBACK + "-umum",
        ),
        q.choice_question(
            "Mana saja buku wajib koperasi?",
            [
                {"text": "Buku daftar anggota", "correct": True},
                {"text": "Buku kas", "correct": True},
                {"text": "Buku resep", "correct": False},
            ],
            multiple=True,
        ),
        q.true_false_question("Koperasi wajib mengadakan RAT.", True, feedback_false=SECRET_FEEDBACK + "-tf"),
        q.short_answer_question("Singkatan Sisa Hasil Usaha?", [{"text": "SHUJAWABAN"}]),
        q.numeric_question("Berapa persen 25 dari 200?", [{"target": 12.5, "tolerance": 0.1}], points=2),
    ]


def right_answers(attempt):
    """The answers that earn full credit on every question of ``attempt``."""
    answers = {}
    for question in attempt.snapshot["questions"]:
        if question["type"] == "multiple_answers":
            answers[question["id"]] = [c["id"] for c in question["choices"] if c["fraction"] > 0]
        elif question["type"] in ("single_choice", "true_false"):
            answers[question["id"]] = next(c["id"] for c in question["choices"] if c["fraction"] >= 1)
        elif question["type"] == "short_answer":
            answers[question["id"]] = question["accepted"][0]["text"]
        else:
            answers[question["id"]] = str(question["numeric"][0]["target"])
    return answers


def as_post(answers):
    """Answers in the shape the attempt form posts them."""
    data = {"shown": list(answers)}
    for question_id, value in answers.items():
        data[f"q-{question_id}"] = value
    return data


def build_course():
    return make_course(title="Kursus Koperasi Digital")


def build_quiz(course):
    return create_quiz(
        course=course, title="Kuis Uji", questions=sample_questions(), purpose="ujian", pass_mark=60, attempts_allowed=2
    )


@pytest.fixture(scope="module")
def _shared_course(module_db):
    """The course, published once per module when every test uses it (tests/conftest.py)."""
    return module_db.build("course", lambda: build_course().pk)


@pytest.fixture(scope="module")
def _shared_quiz(module_db, _shared_course):
    """Its quiz, likewise; only on the shared course."""
    if _shared_course is None:
        return None
    return module_db.build("quiz", lambda: build_quiz(CoursePage.objects.get(pk=_shared_course)).pk)


@pytest.fixture
def course(_shared_course, db):
    if _shared_course is None:  # not shared: built for this test
        return build_course()
    return CoursePage.objects.get(pk=_shared_course)


@pytest.fixture
def make_quiz(course):
    def _make(questions=None, **settings):
        settings.setdefault("title", "Kuis Uji")
        title = settings.pop("title")
        return create_quiz(course=course, title=title, questions=questions or sample_questions(), **settings)

    return _make


@pytest.fixture
def quiz(_shared_quiz, course):
    if _shared_quiz is None:
        return build_quiz(course)
    return QuizPage.objects.get(pk=_shared_quiz)


@pytest.fixture
def cooperative(db):
    return make_cooperative(nama="Koperasi Sumber Rejeki")


@pytest.fixture
def learner(cooperative):
    return make_user(username="siti", cooperative=cooperative)
