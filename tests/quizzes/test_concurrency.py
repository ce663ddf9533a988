"""Two submits (or two starts) at the same moment: one graded attempt, never two.

Runs two real threads with their own database connections; on PostgreSQL the row lock
and the conditional status update decide, on SQLite the database-wide write lock.
"""

import threading
import time

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from quizzes.models import Attempt, QuestionResult
from quizzes.services import start_attempt

from .conftest import as_post, right_answers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_in_parallel(target, count=2):
    barrier = threading.Barrier(count)
    outcomes = []

    def worker():
        try:
            barrier.wait()
            # SQLite's in-memory test database (shared cache) answers "table is locked"
            # at once instead of waiting, also at BEGIN IMMEDIATE (where the login's
            # session save reports it as UpdateError); try again like a browser would.
            # PostgreSQL, and SQLite on a file (busy timeout), wait instead.
            for _ in range(50):
                try:
                    outcomes.append(target())
                    return
                except (OperationalError, UpdateError):
                    time.sleep(0.05)
            outcomes.append("gave up")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_double_submit_in_parallel_grades_once(quiz, learner):
    attempt = start_attempt(user=learner, quiz=quiz)
    data = as_post(right_answers(attempt))
    # Logged in before the race: only the submits run in parallel.
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(learner)
    mine = threading.local()

    def submit():
        if not hasattr(mine, "client"):
            mine.client = clients.pop()  # each thread keeps its client when it tries again
        return mine.client.post(reverse("quizzes:submit", args=[attempt.pk]), data).status_code

    outcomes = run_in_parallel(submit)
    assert outcomes == [302, 302], outcomes
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED and attempt.score == pytest.approx(100.0)
    assert QuestionResult.objects.filter(attempt=attempt).count() == 5


def test_double_start_in_parallel_makes_one_attempt(quiz, learner):
    def start():
        client = Client()
        client.force_login(learner)
        return client.post(reverse("quizzes:start", args=[quiz.pk]))["Location"]

    outcomes = run_in_parallel(start)
    assert len(outcomes) == 2 and len(set(outcomes)) == 1, outcomes
    assert "/kuis/percobaan/" in outcomes[0]
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1
