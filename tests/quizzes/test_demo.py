import io

import pytest

from quizzes import demo
from quizzes.models import Attempt, QuizPage
from quizzes.selectors import item_statistics, learning_gain_report
from tests.factories import make_analyst, make_cooperative, make_course, make_user

pytestmark = pytest.mark.django_db


def test_demo_without_courses_prints_a_note():
    out = io.StringIO()
    demo.seed(out)
    assert "belum ada kursus" in out.getvalue()
    assert QuizPage.objects.count() == 0


def test_demo_is_idempotent_and_feeds_item_analysis_and_gain():
    make_cooperative(nama="Koperasi Demo")
    make_course(title="Kursus A")
    make_course(title="Kursus B")
    demo.seed(io.StringIO())
    assert QuizPage.objects.live().count() == 6
    attempts = Attempt.objects.count()
    assert attempts == 6 * demo.DEMO_LEARNERS
    demo.seed(io.StringIO())
    assert QuizPage.objects.count() == 6 and Attempt.objects.count() == attempts
    exam = QuizPage.objects.filter(purpose="ujian").first()
    stats = item_statistics(exam)
    assert stats["shown"] and all(item["stats"].facility is not None for item in stats["items"])
    report = learning_gain_report(make_analyst(username="analis_demo"))
    assert len(report) == 2 and all(row["learners"] == demo.DEMO_LEARNERS for row in report)
    assert all(row["gain"] is not None and row["gain"] > 0 for row in report)


def test_a_second_run_gives_no_attempts_to_people_who_joined_since():
    cooperative = make_cooperative(nama="Koperasi Demo")
    make_course(title="Kursus A")
    demo.seed(io.StringIO())
    attempts = Attempt.objects.count()
    # The training demo (reports.demo) adds staff whose names sort before the quiz learners'.
    for number in range(3):
        make_user(username=f"peserta0001_{number}", cooperative=cooperative)
    out = io.StringIO()
    demo.seed(out)
    assert Attempt.objects.count() == attempts
    assert not Attempt.objects.filter(user__username__startswith="peserta0001_").exists()
    assert "0 dinilai" in out.getvalue()
