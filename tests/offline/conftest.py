import pytest

from courses.models import CoursePage
from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import create_quiz
from tests.factories import make_cooperative, make_course, make_lesson, make_user


@pytest.fixture
def learner(db):
    return make_user(username="dewi", cooperative=make_cooperative(nama="Koperasi Tanpa Sinyal"))


def build_course():
    course = make_course(title="Kas di HP")
    make_lesson(course, title="Buku kas", body=[("text", "<p>Catat uang masuk.</p>")])
    make_lesson(course, title="Laporan", body=[("text", "<p>Jumlahkan tiap bulan.</p>")])
    return course


def build_quiz(course):
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
def quiz(_shared_quiz, course):
    if _shared_quiz is None:
        return build_quiz(course)
    return QuizPage.objects.get(pk=_shared_quiz)
