"""A small course with lessons and quizzes, and helpers to take its quizzes: shared by the
completion, certificate and follow-up tests."""

from courses import services as course_services
from courses.selectors import course_lessons
from quizzes import questions as q
from quizzes.services import create_quiz, start_attempt, submit_attempt
from tests.factories import make_course, make_lesson


def make_learning_course(title="Pembukuan digital", *, lessons=2, required_quiz=True, practice=True):
    """A course with ``lessons`` lessons, an Ujian akhir (required) and a Latihan (not)."""
    course = make_course(title=title)
    for number in range(1, lessons + 1):
        make_lesson(course, title=f"{title}: materi {number}")
    if practice:
        create_quiz(course=course, title=f"{title}: latihan", questions=[q.true_false_question("Kas dicatat?", True)])
    if required_quiz:
        create_quiz(
            course=course,
            title=f"{title}: ujian akhir",
            questions=[q.true_false_question("RAT wajib?", True), q.true_false_question("Buku kas perlu?", True)],
            purpose="ujian",
            pass_mark=60,
        )
    return course


def quiz_of(course, purpose="ujian"):
    from quizzes.models import QuizPage

    return QuizPage.objects.child_of(course).get(purpose=purpose)


def take_quiz(user, quiz, *, right=True):
    """Start and submit an attempt: every answer right (100) or every answer wrong (0)."""
    attempt = start_attempt(user=user, quiz=quiz)
    answers = {}
    for question in attempt.snapshot["questions"]:
        choice = next(c for c in question["choices"] if (c["fraction"] >= 1) == right)
        answers[question["id"]] = choice["id"]
    return submit_attempt(attempt=attempt, answers=answers)


def read_lessons(user, course, count=None):
    for lesson in course_lessons(course)[:count]:
        course_services.mark_lesson_done(user=user, lesson=lesson)


def finish_course(user, course):
    read_lessons(user, course)
    take_quiz(user, quiz_of(course))
