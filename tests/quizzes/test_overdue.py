"""Attempts whose time ran out are closed and graded even when nobody reopens them.

The learner's own request used to be the only thing that graded an overdue attempt; a
scheduled task (``quizzes.tasks``) and ``manage.py close_overdue_attempts`` now do it,
so results and exports include those attempts, and two workers never grade one twice.
"""

import csv
import io
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quizzes import questions as q
from quizzes.models import Attempt, QuestionResult
from quizzes.selectors import export_rows
from quizzes.services import close_overdue_attempts, save_answers, start_attempt
from quizzes.tasks import OVERDUE_SWEEP_EVERY, close_overdue_attempts_task, schedule_overdue_sweep
from tests.factories import make_analyst, make_user

from .conftest import right_answers

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def two_questions():
    return [
        q.true_false_question("Koperasi wajib mengadakan RAT.", True),
        q.true_false_question("SHU dibagi sebelum RAT.", False),
    ]


def started_long_ago(user, quiz, *, minutes_ago, answer_first_right=True):
    """An attempt started ``minutes_ago``, with the first question answered (in time)."""
    started = timezone.now() - timedelta(minutes=minutes_ago)
    attempt = start_attempt(user=user, quiz=quiz, now=started)
    if answer_first_right:
        first = attempt.snapshot["questions"][0]
        save_answers(attempt=attempt, answers={first["id"]: right_answers(attempt)[first["id"]]}, now=started)
    return attempt


@pytest.mark.django_db
def test_an_attempt_past_its_time_limit_is_graded_as_the_quiz_was_at_start(make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10, pass_mark=50)
    attempt = started_long_ago(learner, quiz, minutes_ago=30)
    # The editor changes the key afterwards: the attempt is graded on its own snapshot.
    quiz.questions = [q.true_false_question("Koperasi wajib mengadakan RAT.", False), two_questions()[1]]
    quiz.save_revision().publish()
    assert close_overdue_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED
    assert attempt.submitted_at == attempt.deadline == attempt.started_at + timedelta(minutes=10)
    # First question right (1 point), the unanswered second earns 0.
    assert attempt.score == pytest.approx(50.0) and attempt.passed is True
    assert sorted(QuestionResult.objects.filter(attempt=attempt).values_list("credit", flat=True)) == [0.0, 1.0]
    assert close_overdue_attempts() == 0


@pytest.mark.django_db
def test_an_attempt_open_when_the_quiz_closed_is_graded_at_the_close(make_quiz, learner):
    quiz = make_quiz(questions=two_questions())
    attempt = started_long_ago(learner, quiz, minutes_ago=90)
    closed_at = timezone.now() - timedelta(minutes=5)
    quiz.closes_at = closed_at
    quiz.opens_at = None
    quiz.save_revision().publish()
    assert attempt.deadline is None
    assert close_overdue_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED and attempt.submitted_at == closed_at


@pytest.mark.django_db
def test_attempts_still_in_time_are_left_alone(make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=60)
    attempt = started_long_ago(learner, quiz, minutes_ago=5)
    untimed = make_quiz(title="Latihan", questions=two_questions())
    other = started_long_ago(learner, untimed, minutes_ago=60 * 24 * 30)
    assert close_overdue_attempts() == 0
    assert Attempt.objects.filter(pk__in=[attempt.pk, other.pk], status=Attempt.STATUS_IN_PROGRESS).count() == 2


@pytest.mark.django_db
def test_results_and_exports_include_the_closed_attempt(client, make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10, pass_mark=50)
    started_long_ago(learner, quiz, minutes_ago=30)
    assert export_rows(None, quiz)[1] == []
    call_command("close_overdue_attempts", stdout=io.StringIO())
    header, rows, _questions = export_rows(None, quiz)
    assert [row[0] for row in rows] == ["siti"] and rows[0][header.index("score")] == 50.0
    client.force_login(make_analyst(username="analis"))
    assert "siti" in client.get(reverse("quizzes:quiz_results", args=[quiz.pk])).content.decode()
    download = client.get(reverse("quizzes:quiz_results_download", args=[quiz.pk]), {"format": "csv"})
    assert [row[0] for row in csv.reader(io.StringIO(download.getvalue().decode("utf-8-sig")))][1:] == ["siti"]


@pytest.mark.django_db
def test_command_reports_what_it_closed(make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10)
    started_long_ago(learner, quiz, minutes_ago=30)
    out = io.StringIO()
    call_command("close_overdue_attempts", stdout=out)
    assert "1 percobaan" in out.getvalue()
    out = io.StringIO()
    call_command("close_overdue_attempts", stdout=out)
    assert "0 percobaan" in out.getvalue()


@pytest.mark.django_db
def test_under_the_immediate_backend_the_task_runs_once_and_never_requeues(make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10)
    started_long_ago(learner, quiz, minutes_ago=30)
    result = close_overdue_attempts_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 1
    assert schedule_overdue_sweep() is None


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_scheduling_queues_one_run_however_often_it_is_asked():
    before = timezone.now()
    assert schedule_overdue_sweep(delay=OVERDUE_SWEEP_EVERY) is not None
    assert schedule_overdue_sweep(delay=OVERDUE_SWEEP_EVERY) is None
    call_command("close_overdue_attempts", "--schedule", stdout=io.StringIO())
    waiting = DBTaskResult.objects.get(task_path=close_overdue_attempts_task.module_path)
    assert waiting.status == TaskResultStatus.READY
    assert waiting.run_after >= before + OVERDUE_SWEEP_EVERY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_runs_the_sweep_and_queues_the_next_one(make_quiz, learner):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10)
    attempt = started_long_ago(learner, quiz, minutes_ago=30)
    sweeps = DBTaskResult.objects.filter(task_path=close_overdue_attempts_task.module_path)
    schedule_overdue_sweep()  # due now
    old = sweeps.get()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED
    runs = {run.pk: run for run in sweeps}
    assert runs[old.pk].status == TaskResultStatus.SUCCESSFUL and runs[old.pk].return_value == 1
    (following,) = [run for pk, run in runs.items() if pk != old.pk]
    assert following.status == TaskResultStatus.READY and following.run_after > timezone.now()


def run_sweeps_at_once(count):
    """Run ``close_overdue_attempts`` in ``count`` threads (own connections) at the same moment."""
    barrier = threading.Barrier(count)
    closed, errors, retried = [], [], []

    def worker():
        try:
            barrier.wait()
            # SQLite's in-memory test database (shared cache) answers "table is locked"
            # at once instead of waiting: run the sweep again, as the next scheduled run
            # would. PostgreSQL waits on the row locks instead.
            for _ in range(100):
                try:
                    closed.append(close_overdue_attempts())
                    return
                except OperationalError:
                    # A sweep cut short may already have graded some attempts; the rerun
                    # reports only the ones left, so its count can be lower.
                    retried.append(True)
                    time.sleep(0.02)
            errors.append("gave up")
        except Exception as exc:  # reported by the assertion below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return closed, errors, bool(retried)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_grade_each_attempt_once(make_quiz, cooperative):
    quiz = make_quiz(questions=two_questions(), time_limit_minutes=10)
    learners = [make_user(username=f"peserta{index}", cooperative=cooperative) for index in range(6)]
    attempts = [started_long_ago(user, quiz, minutes_ago=30) for user in learners]
    closed, errors, retried = run_sweeps_at_once(2)
    assert errors == []
    # No attempt is counted twice; all are counted unless a sweep was cut short and rerun.
    assert sum(closed) <= len(attempts), closed
    assert retried or sum(closed) == len(attempts), closed
    assert Attempt.objects.filter(status=Attempt.STATUS_SUBMITTED).count() == len(attempts)
    # Exactly one result per question per attempt: nobody graded an attempt twice.
    assert QuestionResult.objects.count() == 2 * len(attempts)
