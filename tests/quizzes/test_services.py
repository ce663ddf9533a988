"""Starting, saving, submitting and regrading attempts: integrity on the server."""

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes import questions as q
from quizzes.models import Attempt, QuestionResult, QuizPage, RegradeLog
from quizzes.services import (
    AttemptRejected,
    create_quiz,
    finalize_overdue,
    regrade_quiz,
    save_answers,
    start_attempt,
    submit_attempt,
)

from .conftest import right_answers

pytestmark = pytest.mark.django_db


def test_start_snapshots_questions_and_key_and_resume_returns_same_attempt(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    assert attempt.number == 1 and attempt.is_in_progress
    types = [question["type"] for question in attempt.snapshot["questions"]]
    assert types == ["single_choice", "multiple_answers", "true_false", "short_answer", "numeric"]
    assert attempt.snapshot["pass_mark"] == 60
    assert start_attempt(user=learner, quiz=quiz).pk == attempt.pk
    assert Attempt.objects.count() == 1


def test_shuffle_changes_order_but_not_the_question_set(make_quiz, learner):
    import random

    quiz = make_quiz(shuffle_questions=True, shuffle_choices=True)
    attempt = start_attempt(user=learner, quiz=quiz, rng=random.Random(3))
    plain = [child.id for child in quiz.questions]
    shown = [question["id"] for question in attempt.snapshot["questions"]]
    assert sorted(shown) == sorted(plain)
    assert shown != plain


def test_full_marks_pass_and_results_per_question(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    attempt = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    assert attempt.status == Attempt.STATUS_SUBMITTED
    assert attempt.score == pytest.approx(100.0)
    assert attempt.passed is True
    assert list(QuestionResult.objects.filter(attempt=attempt).values_list("credit", flat=True)) == [1.0] * 5


def test_partial_answers_score_by_points(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    answers = right_answers(attempt)
    numeric_id = next(x["id"] for x in attempt.snapshot["questions"] if x["type"] == "numeric")
    attempt = submit_attempt(attempt=attempt, answers={numeric_id: answers[numeric_id]})
    # The numeric question is worth 2 of 6 points.
    assert attempt.score == pytest.approx(100 * 2 / 6)
    assert attempt.passed is False


def test_unknown_question_is_rejected_and_changes_nothing(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    good = right_answers(attempt)
    save_answers(attempt=attempt, answers={next(iter(good)): good[next(iter(good))]})
    before = Attempt.objects.get(pk=attempt.pk).answers
    with pytest.raises(AttemptRejected, match="tidak ada"):
        save_answers(attempt=attempt, answers={**good, "not-a-question": "x"})
    with pytest.raises(AttemptRejected):
        submit_attempt(attempt=attempt, answers={**good, "not-a-question": "x"})
    attempt.refresh_from_db()
    assert attempt.answers == before
    assert attempt.is_in_progress and attempt.score is None


def test_unknown_choice_is_rejected(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    single = attempt.snapshot["questions"][0]["id"]
    multiple = attempt.snapshot["questions"][1]["id"]
    with pytest.raises(AttemptRejected, match="Pilihan"):
        save_answers(attempt=attempt, answers={single: "made-up-choice"})
    with pytest.raises(AttemptRejected, match="Pilihan"):
        save_answers(attempt=attempt, answers={multiple: [attempt.snapshot["questions"][1]["choices"][0]["id"], "x"]})
    with pytest.raises(AttemptRejected):
        # A choice of another question is not a choice of this one.
        save_answers(attempt=attempt, answers={single: attempt.snapshot["questions"][1]["choices"][0]["id"]})
    assert Attempt.objects.get(pk=attempt.pk).answers == {}


def test_save_merges_and_clearing_a_multiple_answer_is_kept(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    good = right_answers(attempt)
    ids = list(good)
    save_answers(attempt=attempt, answers={ids[0]: good[ids[0]], ids[1]: good[ids[1]]})
    save_answers(attempt=attempt, answers={ids[1]: []})
    attempt.refresh_from_db()
    assert attempt.answers == {ids[0]: good[ids[0]], ids[1]: []}


def test_time_limit_rejects_late_submission_and_grades_saved_answers(make_quiz, learner):
    quiz = make_quiz(time_limit_minutes=10)
    start = timezone.now()
    attempt = start_attempt(user=learner, quiz=quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    good = right_answers(attempt)
    first = next(iter(good))
    save_answers(attempt=attempt, answers={first: good[first]}, now=start + timedelta(minutes=5))
    late = start + timedelta(minutes=11)
    with pytest.raises(AttemptRejected, match="Waktu"):
        submit_attempt(attempt=attempt, answers=good, now=late)
    attempt.refresh_from_db()
    assert attempt.is_in_progress and attempt.answers == {first: good[first]}
    assert finalize_overdue(attempt=attempt, now=late)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == pytest.approx(100 / 6)


def test_closed_and_not_yet_open_quizzes_refuse_to_start(make_quiz, learner):
    now = timezone.now()
    closed = make_quiz(title="Tutup", closes_at=now - timedelta(hours=1))
    later = make_quiz(title="Nanti", opens_at=now + timedelta(hours=1))
    with pytest.raises(AttemptRejected, match="ditutup"):
        start_attempt(user=learner, quiz=closed)
    with pytest.raises(AttemptRejected, match="belum dibuka"):
        start_attempt(user=learner, quiz=later)
    assert Attempt.objects.count() == 0


def test_deadline_is_capped_by_closing_and_saving_after_close_is_rejected(make_quiz, learner):
    now = timezone.now()
    quiz = make_quiz(time_limit_minutes=60, closes_at=now + timedelta(minutes=5))
    attempt = start_attempt(user=learner, quiz=quiz, now=now)
    assert attempt.deadline == quiz.closes_at
    with pytest.raises(AttemptRejected):
        save_answers(attempt=attempt, answers={}, now=now + timedelta(minutes=6))


def test_attempts_allowed_is_enforced(quiz, learner):
    for _ in range(2):
        attempt = start_attempt(user=learner, quiz=quiz)
        submit_attempt(attempt=attempt, answers={})
    with pytest.raises(AttemptRejected, match="semua percobaan"):
        start_attempt(user=learner, quiz=quiz)
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 2


def test_submitting_twice_grades_once(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    first = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    second = submit_attempt(attempt=attempt, answers={})
    assert second.pk == first.pk and second.score == first.score == pytest.approx(100.0)
    assert QuestionResult.objects.filter(attempt=attempt).count() == 5
    with pytest.raises(AttemptRejected, match="sudah dikirim"):
        save_answers(attempt=attempt, answers={})


def test_database_refuses_a_second_attempt_in_progress_and_a_duplicate_number(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=learner, quiz=quiz, number=2, snapshot=attempt.snapshot)
    submit_attempt(attempt=attempt, answers={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=learner, quiz=quiz, number=1, snapshot=attempt.snapshot)


def test_database_refuses_a_score_without_submission(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.filter(pk=attempt.pk).update(score=50.0)


def _publish_with_questions(quiz, questions):
    quiz = QuizPage.objects.get(pk=quiz.pk)
    quiz.questions = questions
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def _raw(quiz):
    return json.loads(json.dumps(list(quiz.questions.raw_data)))


def test_editing_the_key_never_changes_past_scores_until_regrade(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    attempt = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    assert attempt.score == pytest.approx(100.0)

    raw = _raw(quiz)
    # The editor changes the single choice key: the first choice is now wrong, the second right.
    choices = raw[0]["value"]["choices"]
    choices[0]["value"]["correct"], choices[1]["value"]["correct"] = False, True
    # ... and deletes the true/false question.
    del raw[2]
    quiz = _publish_with_questions(quiz, raw)

    attempt.refresh_from_db()
    assert attempt.score == pytest.approx(100.0)
    assert len(attempt.snapshot["questions"]) == 5

    logs = regrade_quiz(quiz=quiz)
    attempt.refresh_from_db()
    # Single choice (1 of 6 points) now earns nothing; the deleted question keeps its old key.
    assert attempt.score == pytest.approx(500 / 6)
    assert len(logs) == 1 and RegradeLog.objects.get().old_score == pytest.approx(100.0)
    single_id = raw[0]["id"]
    assert QuestionResult.objects.get(attempt=attempt, question_id=single_id).credit == 0.0

    regrade_quiz(quiz=quiz)
    attempt.refresh_from_db()
    assert attempt.score == pytest.approx(500 / 6)
    assert RegradeLog.objects.count() == 2


def test_a_course_has_one_pre_test_and_one_post_test(course):
    create_quiz(course=course, title="Pre", questions=[q.true_false_question("A?", True)], purpose="pre_test")
    with pytest.raises(ValueError):
        create_quiz(course=course, title="Pre 2", questions=[q.true_false_question("A?", True)], purpose="pre_test")
    create_quiz(course=course, title="Post", questions=[q.true_false_question("A?", True)], purpose="post_test")
    assert QuizPage.objects.child_of(course).count() == 2
