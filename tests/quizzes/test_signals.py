"""``quizzes.signals.attempt_passed``: sent once per pass, after the grade is committed."""

import json

import pytest

from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import regrade_quiz, start_attempt, submit_attempt
from quizzes.signals import attempt_passed

from .conftest import right_answers


@pytest.fixture
def heard():
    calls = []

    def listener(sender, *, user, quiz, attempt, **kwargs):
        calls.append((sender, user.pk, quiz.pk, attempt.pk, attempt.passed))

    attempt_passed.connect(listener, dispatch_uid="tests.heard")
    yield calls
    attempt_passed.disconnect(dispatch_uid="tests.heard")


def test_a_pass_is_announced_once_after_commit(quiz, learner, heard, django_capture_on_commit_callbacks):
    attempt = start_attempt(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        graded = submit_attempt(attempt=attempt, answers=right_answers(attempt))
        assert heard == []  # not before the grade is committed
    assert heard == [(QuizPage, learner.pk, quiz.pk, graded.pk, True)]
    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=graded, answers=right_answers(attempt))  # a repeated submit
    assert len(heard) == 1


def test_a_failed_attempt_is_not_announced(quiz, learner, heard, django_capture_on_commit_callbacks):
    attempt = start_attempt(user=learner, quiz=quiz)
    with django_capture_on_commit_callbacks(execute=True):
        graded = submit_attempt(attempt=attempt, answers={})
    assert graded.passed is False and heard == []


def test_a_regrade_that_turns_a_fail_into_a_pass_is_announced(
    make_quiz, learner, heard, django_capture_on_commit_callbacks
):
    quiz = make_quiz(questions=[q.true_false_question("Koperasi wajib mengadakan RAT.", True)], pass_mark=60)
    attempt = start_attempt(user=learner, quiz=quiz)
    wrong = next(c["id"] for c in attempt.snapshot["questions"][0]["choices"] if c["fraction"] < 1)
    with django_capture_on_commit_callbacks(execute=True):
        graded = submit_attempt(attempt=attempt, answers={attempt.snapshot["questions"][0]["id"]: wrong})
    assert graded.passed is False and heard == []

    # The editor finds the key was wrong: "false" is right. The regrade passes the learner.
    quiz = QuizPage.objects.get(pk=quiz.pk)
    raw = json.loads(json.dumps(list(quiz.questions.raw_data)))
    raw[0]["value"]["correct_answer"] = "false"
    quiz.questions = raw
    quiz.save_revision().publish()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    with django_capture_on_commit_callbacks(execute=True):
        regrade_quiz(quiz=quiz)
    assert [call[3:] for call in heard] == [(graded.pk, True)]
    with django_capture_on_commit_callbacks(execute=True):
        regrade_quiz(quiz=quiz)  # already passed: not announced again
    assert len(heard) == 1
