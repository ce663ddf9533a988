"""Data for the web-server-and-worker test (tests/base/test_concurrent_writers.py), written
into the in-memory test database, which the test then copies into the SQLite file its
processes share."""

from datetime import timedelta

LEARNERS = 6
OVERDUE = 12
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def session_for(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def build():
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from quizzes import questions as q
    from quizzes.services import create_quiz, save_answers, start_attempt
    from readiness.services import create_round, ensure_default_framework
    from tests.factories import make_analyst, make_cooperative, make_course, make_user

    User = get_user_model()
    cooperative = make_cooperative(nama="Koperasi Serentak")
    course = make_course(title="Kursus Serentak")
    exam = create_quiz(
        course=course,
        title="Ujian serentak",
        purpose="ujian",
        questions=[
            q.true_false_question("Koperasi wajib mengadakan RAT.", True),
            q.true_false_question("SHU dibagi sebelum RAT.", False),
        ],
    )
    timed = create_quiz(
        course=course,
        title="Latihan berwaktu",
        time_limit_minutes=10,
        questions=[q.true_false_question("Anggota koperasi adalah pemilik.", True)],
    )
    learners = [make_user(username=f"serentak{index}", cooperative=cooperative) for index in range(LEARNERS)]
    # Attempts whose time ran out long ago, for the workers' sweep to close during the load.
    started = timezone.now() - timedelta(minutes=30)
    overdue = []
    for index in range(OVERDUE):
        user = make_user(username=f"terlambat{index}", cooperative=cooperative)
        attempt = start_attempt(user=user, quiz=timed, now=started)
        question = attempt.snapshot["questions"][0]
        right = next(c["id"] for c in question["choices"] if c["fraction"] >= 1)
        save_answers(attempt=attempt, answers={question["id"]: right}, now=started)
        overdue.append(attempt.pk)
    snapshot_questions = start_attempt(user=learners[0], quiz=exam).snapshot["questions"]
    right_answers = {
        question["id"]: next(c["id"] for c in question["choices"] if c["fraction"] >= 1)
        for question in snapshot_questions
    }
    admin = User.objects.create_superuser("penerbit", "penerbit@example.com", "rahasia-uji-123")
    analyst = make_analyst(username="analis_serentak")
    evaluation_round = create_round(slug="serentak", name="Putaran serentak", framework=ensure_default_framework())
    course_form = nested_form_data(
        {
            "title": "Kursus Serentak",
            "slug": course.slug,
            "summary": "Diterbitkan berulang kali selama uji.",
            "estimated_minutes": 30,
            "difficulty": "dasar",
            "tags": "",
            "dimensions": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return {
        "learner_sessions": [session_for(user) for user in learners],
        "admin_session": session_for(admin),
        "analyst_session": session_for(analyst),
        "exam_id": exam.pk,
        "course_id": course.pk,
        "course_form": course_form,
        "right_answers": right_answers,
        "round_slug": evaluation_round.slug,
        "overdue_ids": overdue,
    }


def queue_two_sweeps():
    """Two sweeps queued at once (as after two workers each queued one): both workers run one."""
    from quizzes.tasks import close_overdue_attempts_task

    for _ in range(2):
        close_overdue_attempts_task.enqueue()
