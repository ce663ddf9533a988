import pytest

from quizzes import questions as q
from quizzes.services import create_quiz
from tests.factories import make_cooperative, make_course, make_lesson, make_user


@pytest.fixture
def learner(db):
    return make_user(username="dewi", cooperative=make_cooperative(nama="Koperasi Tanpa Sinyal"))


@pytest.fixture
def course(db):
    course = make_course(title="Kas di HP")
    make_lesson(course, title="Buku kas", body=[("text", "<p>Catat uang masuk.</p>")])
    make_lesson(course, title="Laporan", body=[("text", "<p>Jumlahkan tiap bulan.</p>")])
    return course


@pytest.fixture
def quiz(course):
    return create_quiz(
        course=course,
        title="Ujian kas",
        purpose="ujian",
        pass_mark=50,
        attempts_allowed=2,
        time_limit_minutes=10,
        questions=[
            q.true_false_question("Setiap uang masuk dicatat.", True),
            q.short_answer_question("Laporan dibuat setiap akhir …?", [{"text": "bulan"}]),
        ],
    )
