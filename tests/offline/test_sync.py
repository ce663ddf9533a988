"""The queue endpoint: each client id is applied once, times are judged on the server's
clock within bounds, and nobody reaches what they may not see."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, LessonCompletion
from courses.selectors import course_lessons
from offline.models import SyncReceipt
from offline.views import PAPER_SALT
from quizzes.models import Attempt, QuestionResult
from tests.factories import make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db

SYNC = "/luring/sinkron/"


def ms(moment):
    return int(moment.timestamp() * 1000)


def post(client, payload):
    """Send as the phone does: ``sent_at`` is stamped just before sending (kept if given)."""
    if "sent_at" in payload and payload["sent_at"] is None:
        payload = {**payload, "sent_at": ms(timezone.now())}
    return client.post(SYNC, json.dumps(payload), content_type="application/json")


def paper_token(client, quiz):
    html = client.get(reverse("offline:quiz_paper", args=[quiz.pk])).content.decode()
    return re.search(r'data-paper="([^"]+)"', html).group(1), html


def old_paper(learner, quiz, served):
    """An offline copy of ``quiz`` downloaded at ``served`` (signed as the server signs it)."""
    payload = {"u": learner.pk, "q": quiz.pk, "r": quiz.live_revision_id, "t": int(served.timestamp())}
    return signing.dumps(payload, salt=PAPER_SALT)


def lesson_done(lesson, **extra):
    now = timezone.now()
    return {
        "id": str(uuid.uuid4()),
        "kind": "lesson_done",
        "page": lesson.pk,
        "made_at": ms(now),
        "sent_at": None,
        **extra,
    }


def quiz_answers(quiz, token, *, started, answered, submitted=None, sent=None, right=True):
    questions = quiz.questions
    true_false, short = questions[0], questions[1]
    return {
        "id": str(uuid.uuid4()),
        "kind": "quiz_attempt",
        "page": quiz.pk,
        "paper": token,
        "started_at": ms(started),
        "answers": {
            true_false.id: {"v": "true" if right else "false", "t": ms(answered)},
            short.id: {"v": "Bulan", "t": ms(answered)},
        },
        "made_at": ms(submitted or answered),
        "sent_at": ms(sent) if sent else None,
    }


def test_a_lesson_done_is_applied_once_however_often_it_is_sent(client, learner, course):
    client.force_login(learner)
    lesson = course_lessons(course)[0]
    made = timezone.now() - timedelta(hours=3)
    action = lesson_done(lesson, made_at=ms(made))
    first = post(client, action)
    again = post(client, action)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert first.json()["status"] == "accepted"
    completion = LessonCompletion.objects.get(user=learner, lesson=lesson)
    assert abs((completion.completed_at - made).total_seconds()) < 5  # when it was read, not when sent
    assert SyncReceipt.objects.filter(user=learner).count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_quiz_answered_offline_is_graded_once(client, learner, quiz):
    client.force_login(learner)
    token, html = paper_token(client, quiz)
    assert "bulan" not in html.lower().replace("akhir …?", "")  # the key stays on the server
    now = timezone.now()
    action = quiz_answers(quiz, token, started=now - timedelta(minutes=5), answered=now - timedelta(minutes=2))
    first = post(client, action)
    assert first.json()["status"] == "accepted"
    for _ in range(3):
        assert post(client, action).json() == first.json()
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    assert attempt.status == Attempt.STATUS_SUBMITTED and attempt.score == 100.0 and attempt.passed
    assert attempt.number == 1 and attempt.snapshot["offline"] is True
    assert QuestionResult.objects.filter(attempt=attempt).count() == 2
    assert first.json()["url"] == reverse("quizzes:attempt_result", args=[attempt.pk])


def test_the_unique_client_id_is_a_database_constraint(learner):
    client_id = uuid.uuid4()
    now = timezone.now()
    SyncReceipt.objects.create(client_id=client_id, user=learner, kind="lesson_done", made_at=now, status="accepted")
    with pytest.raises(IntegrityError), transaction.atomic():
        SyncReceipt.objects.create(
            client_id=client_id, user=learner, kind="lesson_done", made_at=now, status="accepted"
        )


def test_answers_made_after_the_time_limit_are_left_out(client, learner, quiz):
    client.force_login(learner)
    now = timezone.now()
    token = old_paper(learner, quiz, now - timedelta(hours=1))
    # Started 30 minutes ago with a 10-minute limit; answered at minute 20.
    action = quiz_answers(quiz, token, started=now - timedelta(minutes=30), answered=now - timedelta(minutes=10))
    body = post(client, action).json()
    assert body["status"] == "accepted"
    attempt = Attempt.objects.get(user=learner)
    assert attempt.score == 0.0 and attempt.answers == {}
    assert attempt.submitted_at <= attempt.deadline


def test_a_phone_clock_that_is_wrong_is_corrected_by_when_it_sent(client, learner, quiz):
    client.force_login(learner)
    token = old_paper(learner, quiz, timezone.now() - timedelta(hours=1))
    skew = timedelta(hours=-7)  # the phone thinks it is seven hours earlier
    now = timezone.now()
    action = quiz_answers(
        quiz,
        token,
        started=now + skew - timedelta(minutes=4),
        answered=now + skew - timedelta(minutes=1),
        sent=now + skew,
    )
    assert post(client, action).json()["status"] == "accepted"
    attempt = Attempt.objects.get(user=learner)
    assert attempt.score == 100.0
    assert abs((attempt.started_at - (now - timedelta(minutes=4))).total_seconds()) < 5


def test_times_never_after_receipt_nor_before_the_copy_was_made(client, learner, quiz):
    client.force_login(learner)
    token, _html = paper_token(client, quiz)
    now = timezone.now()
    # Claims to have started a day before the copy existed and answered in the future.
    action = quiz_answers(quiz, token, started=now - timedelta(days=1), answered=now + timedelta(days=1))
    action.pop("sent_at")
    post(client, action)
    attempt = Attempt.objects.get(user=learner)
    after = timezone.now()
    assert attempt.started_at >= now - timedelta(seconds=5)
    assert attempt.submitted_at <= after and attempt.last_saved_at <= after


def test_closing_date_bounds_an_offline_attempt(client, learner, quiz):
    client.force_login(learner)
    now = timezone.now()
    token = old_paper(learner, quiz, now - timedelta(hours=1))
    quiz.closes_at = now - timedelta(minutes=1)
    quiz.save_revision().publish()
    started = now - timedelta(minutes=3)
    # Answered after the quiz closed: not counted, though within the time limit.
    action = quiz_answers(quiz, token, started=started, answered=now - timedelta(seconds=30))
    assert post(client, action).json()["status"] == "accepted"
    attempt = Attempt.objects.get(user=learner)
    assert attempt.answers == {} and attempt.deadline == quiz.closes_at


def test_attempts_allowed_still_apply(client, learner, quiz):
    client.force_login(learner)
    token, _html = paper_token(client, quiz)
    now = timezone.now()
    for _ in range(2):
        action = quiz_answers(quiz, token, started=now - timedelta(minutes=3), answered=now - timedelta(minutes=1))
        assert post(client, action).json()["status"] == "accepted"
    third = post(client, quiz_answers(quiz, token, started=now - timedelta(minutes=3), answered=now))
    assert third.json()["status"] == "rejected"
    assert "semua percobaan" in third.json()["message"]
    assert Attempt.objects.filter(user=learner).count() == 2


def test_an_open_online_attempt_does_not_block_an_offline_one(client, learner, quiz):
    from quizzes.services import start_attempt

    online = start_attempt(user=learner, quiz=quiz)
    client.force_login(learner)
    token, _html = paper_token(client, quiz)
    now = timezone.now()
    assert post(client, quiz_answers(quiz, token, started=now, answered=now)).json()["status"] == "accepted"
    assert Attempt.objects.get(pk=online.pk).is_in_progress
    assert Attempt.objects.filter(user=learner, status="submitted").get().number == 2


def test_the_offline_copy_is_graded_as_it_was_when_downloaded(client, learner, quiz):
    client.force_login(learner)
    token, _html = paper_token(client, quiz)
    seen = quiz.questions[0].id
    # The editor replaces the questions after the learner saved the course.
    from quizzes import questions as q

    quiz.questions = [q.true_false_question("Soal baru", False)]
    quiz.save_revision().publish()
    now = timezone.now()
    action = {
        "id": str(uuid.uuid4()),
        "kind": "quiz_attempt",
        "page": quiz.pk,
        "paper": token,
        "started_at": ms(now),
        "answers": {seen: {"v": "true", "t": ms(now)}},
        "made_at": ms(now),
        "sent_at": None,
    }
    assert post(client, action).json()["status"] == "accepted"
    attempt = Attempt.objects.get(user=learner)
    assert "Setiap uang masuk dicatat." in attempt.questions[0]["text"]
    assert attempt.score == 50.0


def test_another_learners_copy_or_id_is_refused(client, learner, quiz, course):
    client.force_login(learner)
    token, _html = paper_token(client, quiz)
    lesson = course_lessons(course)[0]
    action = lesson_done(lesson)
    post(client, action)
    other = make_user(username="tamu", cooperative=learner.cooperative)
    client.force_login(other)
    assert post(client, action).status_code == 403  # someone else's id: nothing revealed
    now = timezone.now()
    stolen = post(client, quiz_answers(quiz, token, started=now, answered=now))
    assert stolen.status_code == 400
    assert not Attempt.objects.exists()
    assert not LessonCompletion.objects.filter(user=other).exists()


def test_bad_input_is_a_clear_400_never_a_500(client, learner, course):
    client.force_login(learner)
    lesson = course_lessons(course)[0]
    for body in ("not json", "[]", json.dumps({"id": "x"}), json.dumps({**lesson_done(lesson), "kind": "other"})):
        response = client.post(SYNC, body, content_type="application/json")
        assert response.status_code == 400, body
        assert response.json()["error"]
    assert post(client, {**lesson_done(lesson), "made_at": "kemarin"}).status_code == 400
    assert post(client, {**lesson_done(lesson), "page": "1"}).status_code == 400
    assert not SyncReceipt.objects.exists()


def test_unpublished_or_private_lessons_are_rejected_not_completed(client, learner):
    course = make_course()
    lesson = make_lesson(course)
    lesson.unpublish()
    client.force_login(learner)
    body = post(client, lesson_done(lesson)).json()
    assert body["status"] == "rejected" and body["message"]
    assert not LessonCompletion.objects.exists()


def test_logged_out_and_no_cooperative(client, course):
    lesson = course_lessons(course)[0]
    assert post(client, lesson_done(lesson)).status_code == 401
    assert client.get(SYNC).status_code == 401
    client.force_login(make_user(username="tanpa_koperasi"))
    assert post(client, lesson_done(lesson)).status_code == 403
    assert not LessonCompletion.objects.exists()


def test_sync_needs_the_csrf_token(learner, course):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    lesson = course_lessons(course)[0]
    assert post(client, lesson_done(lesson)).status_code == 403
    token = client.get(SYNC).json()["csrf"]
    response = client.post(
        SYNC, json.dumps(lesson_done(lesson)), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
