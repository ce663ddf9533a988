"""Demo quizzes (a pre-test, a post-test and an ujian per demo course) and demo attempts,
so the results, item analysis and learning gain pages have something to show.

Safe to run again: quizzes are found by slug and learners who already tried a quiz are
skipped.
"""

import random

from django.contrib.auth import get_user_model

from cooperatives.models import Cooperative
from courses.models import CoursePage

from . import questions as q
from .models import Attempt, QuizPage
from .services import create_quiz, start_attempt, submit_attempt

DEMO_COURSES = 2
DEMO_LEARNERS = 14


def _bank():
    """Questions shared by the pre-test and the post-test (so the gain compares like with like)."""
    return [
        q.choice_question(
            "Apa kepanjangan RAT dalam koperasi?",
            [
                {"text": "Rapat Anggota Tahunan", "correct": True, "feedback": "Betul. RAT wajib setiap tahun."},
                {"text": "Rencana Anggaran Tahunan", "correct": False, "feedback": "Itu dokumen, bukan rapat."},
                {"text": "Rekap Arus Transaksi", "correct": False},
            ],
        ),
        q.choice_question(
            "Mana saja yang termasuk pembayaran digital?",
            [
                {"text": "QRIS", "correct": True},
                {"text": "Transfer bank lewat aplikasi", "correct": True},
                {"text": "Uang tunai di laci", "correct": False},
            ],
            multiple=True,
        ),
        q.true_false_question(
            "Kata sandi aplikasi koperasi boleh dibagikan ke semua pengurus lewat grup WhatsApp.",
            False,
            feedback_true="Jangan: setiap orang punya akun dan kata sandinya sendiri.",
        ),
        q.short_answer_question(
            "Singkatan dari Sisa Hasil Usaha?", [{"text": "SHU"}], general_feedback="SHU dibagi sesuai keputusan RAT."
        ),
        q.numeric_question(
            "Simpanan wajib Rp25.000 per bulan. Berapa ribu rupiah setahun?",
            [{"target": 300, "tolerance": 0}],
            points=2,
        ),
    ]


def _exam():
    return _bank() + [
        q.choice_question(
            "Buku wajib koperasi yang mencatat anggota disebut…",
            [
                {"text": "Buku daftar anggota", "correct": True},
                {"text": "Buku tamu", "correct": False},
                {"text": "Buku kas", "correct": False},
            ],
        ),
    ]


QUIZZES = [
    ("pre-test", "Pre-test", QuizPage.PURPOSE_PRE_TEST, {"attempts_allowed": 1, "pass_mark": 0}),
    ("post-test", "Post-test", QuizPage.PURPOSE_POST_TEST, {"attempts_allowed": 3, "pass_mark": 60}),
    (
        "ujian",
        "Ujian akhir",
        QuizPage.PURPOSE_UJIAN,
        {
            "attempts_allowed": 2,
            "pass_mark": 70,
            "time_limit_minutes": 20,
            "shuffle_choices": True,
            "feedback_bands": [
                {"type": "band", "value": {"min_score": 80, "text": "Bagus sekali!"}},
                {"type": "band", "value": {"min_score": 0, "text": "Ulangi materinya, lalu coba lagi."}},
            ],
        },
    ),
]


def _demo_learners(stdout, quizzes):
    User = get_user_model()
    # Whoever tried a demo quiz stays a demo learner: on a second run, staff who joined a
    # cooperative since (the training demo's learners, whose names sort first) get no attempts.
    tried = User.objects.filter(quiz_attempts__quiz__in=quizzes).distinct().order_by("username")
    learners = list(tried[:DEMO_LEARNERS])
    if len(learners) < DEMO_LEARNERS:
        others = User.objects.filter(cooperative__isnull=False).exclude(pk__in=[user.pk for user in learners])
        learners += others.order_by("username")[: DEMO_LEARNERS - len(learners)]
    cooperatives = list(Cooperative.objects.order_by("nik")[:4])
    if not cooperatives:
        return learners
    index = 1
    while len(learners) < DEMO_LEARNERS:
        username = f"peserta_kuis_{index}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": f"Peserta {index}",
                "cooperative": cooperatives[index % len(cooperatives)],
                "cooperative_role": User.ROLE_STAF,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if user not in learners:
            learners.append(user)
        index += 1
    stdout.write(f"  {len(learners)} peserta demo mengerjakan kuis.")
    return learners


def _answer(attempt, skill, rng):
    """Answers a learner of ``skill`` (0..1) would give: right with that probability."""
    answers = {}
    for question in attempt.snapshot["questions"]:
        right = rng.random() < skill
        if question["type"] in ("single_choice", "true_false"):
            pool = [c for c in question["choices"] if (c["fraction"] >= 1) == right] or question["choices"]
            answers[question["id"]] = rng.choice(pool)["id"]
        elif question["type"] == "multiple_answers":
            good = [c["id"] for c in question["choices"] if c["fraction"] > 0]
            answers[question["id"]] = (
                good if right else good[:1] + [c["id"] for c in question["choices"] if c["fraction"] <= 0][:1]
            )
        elif question["type"] == "short_answer":
            answers[question["id"]] = question["accepted"][0]["text"] if right else "tidak tahu"
        else:
            answers[question["id"]] = str(question["numeric"][0]["target"]) if right else "250"
    return answers


def seed(stdout):
    courses = list(CoursePage.objects.live().order_by("path")[:DEMO_COURSES])
    if not courses:
        stdout.write("Kuis demo dilewati: belum ada kursus (jalankan demo kursus dulu).")
        return
    created = 0
    quizzes = []
    for course in courses:
        for slug, title, purpose, settings in QUIZZES:
            quiz = QuizPage.objects.child_of(course).filter(slug=slug).first()
            if quiz is None:
                questions = _exam() if purpose == QuizPage.PURPOSE_UJIAN else _bank()
                quiz = create_quiz(
                    course=course, title=title, slug=slug, questions=questions, purpose=purpose, **settings
                )
                created += 1
            quizzes.append(quiz)
    stdout.write(f"Kuis demo: {created} dibuat, {len(quizzes) - created} sudah ada.")

    learners = _demo_learners(stdout, quizzes)
    graded = 0
    for quiz in quizzes:
        if not quiz.live:
            continue
        done = set(Attempt.objects.filter(quiz=quiz).values_list("user_id", flat=True))
        for number, learner in enumerate(learners):
            if learner.pk in done:
                continue
            rng = random.Random(f"{quiz.pk}-{learner.username}")
            base = 0.3 + 0.5 * (number % 7) / 6
            skill = base if quiz.purpose == QuizPage.PURPOSE_PRE_TEST else min(0.95, base + 0.25)
            attempt = start_attempt(user=learner, quiz=quiz, rng=rng)
            submit_attempt(attempt=attempt, answers=_answer(attempt, skill, rng))
            graded += 1
    stdout.write(f"Percobaan kuis demo: {graded} dinilai.")
