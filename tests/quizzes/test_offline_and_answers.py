"""Attempts made on a phone without a connection (``record_offline_attempt``), and the checks
every answer goes through (``clean_answers``), on the shared quiz of tests/quizzes/conftest.py.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses.models import Enrolment
from quizzes import scoring
from quizzes.models import Attempt, QuestionResult, QuizPage
from quizzes.services import MAX_TEXT_ANSWER_LENGTH, AttemptRejected, clean_answers, record_offline_attempt
from quizzes.snapshot import build_snapshot

from .conftest import right_answers

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0) - timedelta(hours=2)


def quiz_with(quiz, **fields):
    QuizPage.objects.filter(pk=quiz.pk).update(**fields)
    return QuizPage.objects.get(pk=quiz.pk)


def offline(user, quiz, answers, *, minutes_taken=5, received_after=60, order=()):
    """Record an attempt started at START whose answers (id -> (value, minutes after START)) came in later."""
    return record_offline_attempt(
        user=user,
        quiz=quiz,
        quiz_as_seen=quiz,
        started_at=START,
        answers={qid: (value, START + timedelta(minutes=at)) for qid, (value, at) in answers.items()},
        submitted_at=START + timedelta(minutes=minutes_taken),
        received_at=START + timedelta(minutes=received_after),
        order=order,
    )


def key(quiz):
    """The answers that earn full credit, from a snapshot of the quiz as it is."""
    return right_answers(SimpleNamespace(snapshot=build_snapshot(quiz)))


# --- recorded offline -----------------------------------------------------------------------------


def test_an_offline_attempt_is_stored_graded_and_enrols_the_learner(learner, quiz):
    attempt = offline(learner, quiz, {qid: (value, 1) for qid, value in key(quiz).items()})
    attempt.refresh_from_db()
    assert attempt.status == Attempt.STATUS_SUBMITTED and attempt.snapshot["offline"] is True
    assert (attempt.number, attempt.score, attempt.passed) == (1, 100.0, True)
    assert attempt.submitted_at == START + timedelta(minutes=5)
    assert attempt.last_saved_at == START + timedelta(minutes=1)
    assert sorted(QuestionResult.objects.filter(attempt=attempt).values_list("credit", flat=True)) == [1.0] * 5
    assert Enrolment.objects.filter(user=learner, course=quiz.get_parent()).exists()


def test_answers_made_after_the_time_limit_are_left_out(learner, quiz):
    quiz = quiz_with(quiz, time_limit_minutes=10)
    answers = key(quiz)
    late = build_snapshot(quiz)["questions"][-1]["id"]
    timed = {qid: (value, 30 if qid == late else 2) for qid, value in answers.items()}
    attempt = offline(learner, quiz, timed, minutes_taken=40)
    assert late not in attempt.answers
    assert attempt.deadline == START + timedelta(minutes=10)
    # Sent after the deadline: it counts as submitted when the time ran out.
    assert attempt.submitted_at == START + timedelta(minutes=10)
    points = {q["id"]: q["points"] for q in attempt.snapshot["questions"]}
    assert attempt.score == pytest.approx(100 * (6 - points[late]) / 6)


def test_the_closing_date_is_a_deadline_too(learner, quiz):
    quiz = quiz_with(quiz, closes_at=START + timedelta(minutes=3))
    answers = key(quiz)
    first, *rest = answers
    timed = {qid: (value, 1 if qid == first else 4) for qid, value in answers.items()}
    attempt = offline(learner, quiz, timed)
    assert list(attempt.answers) == [first]
    assert attempt.deadline == START + timedelta(minutes=3)


def test_a_submit_time_before_the_start_counts_as_the_start(learner, quiz):
    attempt = offline(learner, quiz, {}, minutes_taken=-30)
    assert attempt.submitted_at == START
    assert (attempt.score, attempt.passed) == (0.0, False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens_at": START + timedelta(minutes=1)}, "Kuis ini belum dibuka saat dikerjakan."),
        ({"closes_at": START}, "Kuis ini sudah ditutup saat dikerjakan."),
        ({"questions": []}, "Kuis ini belum memiliki soal."),
    ],
)
def test_offline_attempts_outside_the_quizs_time_are_refused(learner, quiz, fields, message):
    quiz = quiz_with(quiz, **fields)
    with pytest.raises(AttemptRejected) as refused:
        offline(learner, quiz, {})
    assert refused.value.message == message
    assert not Attempt.objects.filter(user=learner).exists()


def test_offline_attempts_count_against_the_attempts_allowed(learner, quiz):
    assert quiz.attempts_allowed == 2
    assert [offline(learner, quiz, {}).number for _ in range(2)] == [1, 2]
    with pytest.raises(AttemptRejected) as refused:
        offline(learner, quiz, {})
    assert refused.value.message == "Anda sudah memakai semua percobaan untuk kuis ini (2)."
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 2


def test_an_invalid_offline_answer_writes_nothing(learner, quiz):
    single = next(q for q in build_snapshot(quiz)["questions"] if q["type"] == scoring.SINGLE_CHOICE)
    with pytest.raises(AttemptRejected):
        offline(learner, quiz, {"bukan-soal": ("x", 1)})
    with pytest.raises(AttemptRejected):
        offline(learner, quiz, {single["id"]: ("pilihan-palsu", 1)})
    assert not Attempt.objects.filter(user=learner).exists()
    assert not Enrolment.objects.filter(user=learner).exists()


def test_the_order_shown_on_the_phone_is_kept_when_it_is_the_whole_quiz(learner, quiz):
    ids = [q["id"] for q in build_snapshot(quiz)["questions"]]
    shown = list(reversed(ids))
    attempt = offline(learner, quiz, {}, order=shown)
    assert [q["id"] for q in attempt.snapshot["questions"]] == shown
    # An order that is not the quiz's questions is ignored: the editor's order stays.
    partial = offline(learner, quiz, {}, order=shown[:2])
    assert [q["id"] for q in partial.snapshot["questions"]] == ids


# --- every answer's checks ---------------------------------------------------------------------


def by_type(snapshot, kind):
    return next(q for q in snapshot["questions"] if q["type"] == kind)


def rejection(snapshot, answers):
    with pytest.raises(AttemptRejected) as refused:
        clean_answers(snapshot, answers)
    return refused.value.message


def test_clean_answers_normalises_each_kind(quiz):
    snapshot = build_snapshot(quiz)
    single = by_type(snapshot, scoring.SINGLE_CHOICE)
    multiple = by_type(snapshot, scoring.MULTIPLE_ANSWERS)
    short = by_type(snapshot, scoring.SHORT_ANSWER)
    numeric = by_type(snapshot, scoring.NUMERIC)
    truth = by_type(snapshot, scoring.TRUE_FALSE)
    m1, m2 = (c["id"] for c in multiple["choices"][:2])
    cleaned = clean_answers(
        snapshot,
        {
            single["id"]: [single["choices"][0]["id"]],  # one value sent as a list
            multiple["id"]: [m2, m1, m2, ""],  # repeated and empty ids
            short["id"]: "  shu  ",
            numeric["id"]: 12.5,
            truth["id"]: None,
        },
    )
    assert cleaned == {
        single["id"]: single["choices"][0]["id"],
        multiple["id"]: sorted([m1, m2]),
        short["id"]: "shu",
        numeric["id"]: "12.5",
        truth["id"]: "",
    }
    # One id alone, or nothing, for a multiple-answers question.
    assert clean_answers(snapshot, {multiple["id"]: m1}) == {multiple["id"]: [m1]}
    assert clean_answers(snapshot, {multiple["id"]: ""}) == {multiple["id"]: []}
    assert clean_answers(snapshot, {single["id"]: []}) == {single["id"]: ""}
    assert clean_answers(snapshot, {short["id"]: ["pertama", "kedua"]}) == {short["id"]: "pertama"}


def test_clean_answers_refuses_tampering_in_indonesian(quiz):
    snapshot = build_snapshot(quiz)
    single = by_type(snapshot, scoring.SINGLE_CHOICE)
    multiple = by_type(snapshot, scoring.MULTIPLE_ANSWERS)
    short = by_type(snapshot, scoring.SHORT_ANSWER)
    assert rejection(snapshot, {"bukan-soal": "x"}) == "Jawaban untuk soal yang tidak ada di percobaan ini ditolak."
    assert rejection(snapshot, {single["id"]: "pilihan-palsu"}) == "Pilihan jawaban yang tidak ada ditolak."
    assert rejection(snapshot, {multiple["id"]: ["pilihan-palsu"]}) == "Pilihan jawaban yang tidak ada ditolak."
    two = [c["id"] for c in single["choices"][:2]]
    assert rejection(snapshot, {single["id"]: two}) == "Soal ini hanya boleh satu jawaban."
    too_long = "x" * (MAX_TEXT_ANSWER_LENGTH + 1)
    assert rejection(snapshot, {short["id"]: too_long}) == "Jawaban terlalu panjang."
    assert clean_answers(snapshot, {short["id"]: too_long[:-1]}) == {short["id"]: too_long[:-1]}
    # An answer key's word is not a choice: the key is never what a learner sends.
    assert rejection(snapshot, {single["id"]: "1.0"}) == "Pilihan jawaban yang tidak ada ditolak."
