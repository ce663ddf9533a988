"""Two requests with the same client id at the same moment (PostgreSQL: real parallel
transactions; SQLite: serialised by its write lock): one completion, one graded attempt."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from courses.selectors import course_lessons
from offline import services
from offline.models import SyncReceipt
from quizzes.models import Attempt

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(work, count=4):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            # SQLite's in-memory test database (shared cache) answers "table is locked"
            # at once instead of waiting: try again, as the phone does. PostgreSQL waits
            # on the unique index until the first transaction commits.
            for _ in range(100):
                try:
                    results.append(work())
                    return
                except OperationalError:
                    time.sleep(0.05)
            errors.append("gave up")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_same_quiz_action_in_parallel_grades_once(learner, quiz):
    now = timezone.now()
    questions = quiz.questions
    action = services.QueuedAction(
        client_id=str(uuid.uuid4()),
        kind=SyncReceipt.KIND_QUIZ_ATTEMPT,
        page=quiz,
        made_at=now,
        received_at=now,
        quiz_as_seen=quiz,
        started_at=now - timedelta(minutes=2),
        answers={questions[0].id: ("true", now), questions[1].id: ("bulan", now)},
    )
    results, errors = run_together(lambda: services.apply_queued_action(user=learner, action=action).outcome)
    assert not errors
    assert len({result["attempt"] for result in results}) == 1
    assert Attempt.objects.filter(user=learner).count() == 1
    assert SyncReceipt.objects.count() == 1


def test_same_lesson_action_in_parallel_completes_once(learner, course):
    now = timezone.now()
    lesson = course_lessons(course)[0]
    action = services.QueuedAction(
        client_id=str(uuid.uuid4()), kind=SyncReceipt.KIND_LESSON_DONE, page=lesson, made_at=now, received_at=now
    )
    results, errors = run_together(lambda: services.apply_queued_action(user=learner, action=action).pk)
    assert not errors
    assert len(set(results)) == 1
    assert lesson.completions.filter(user=learner).count() == 1
