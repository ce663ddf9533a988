"""Writes about quizzes: starting, saving, submitting and regrading attempts.

Every check that protects the grade lives here, on the server: answers to questions not
in the attempt or choices that do not exist, saving after the time limit or the closing
date, starting beyond the attempts allowed. A rejected request raises
``AttemptRejected`` with a message for the learner and changes nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from base.pagecache import learner_changed
from courses import services as course_services
from courses.models import CoursePage

from . import scoring
from .gift import blocks_for_quiz, parse_gift
from .models import Attempt, QuestionResult, QuizPage, RegradeLog
from .signals import attempt_passed
from .snapshot import build_snapshot, quiz_questions

MAX_TEXT_ANSWER_LENGTH = 500


class AttemptRejected(Exception):
    """A request about an attempt that must change nothing; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- creating ---------------------------------------------------------------------------


def create_quiz(*, course, title, questions, user=None, slug=None, tags=(), publish=True, **settings):
    """Create a quiz under ``course`` with ``questions`` (raw block data) and ``tags``;
    published, or kept as a draft for an editor to check first (``publish=False``)."""
    error = QuizPage.paired_test_error(course, settings.get("purpose", QuizPage.PURPOSE_LATIHAN))
    if error:
        raise ValueError(error)
    quiz = QuizPage(title=title, questions=questions, live=publish, **settings)
    if slug:
        quiz.slug = slug
    quiz.tags.add(*tags)
    course.add_child(instance=quiz)
    revision = quiz.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return QuizPage.objects.get(pk=quiz.pk)


@dataclass
class GiftImportResult:
    document: object
    quiz: QuizPage | None = None
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return self.quiz is not None


def import_gift(
    *,
    text,
    course,
    title=None,
    purpose=QuizPage.PURPOSE_LATIHAN,
    pass_mark=70,
    skip_unsupported=False,
    user=None,
    dry_run=False,
    draft=False,
):
    """Create and publish a quiz under ``course`` from GIFT ``text`` (one importer for the
    command and the admin); with ``draft`` it is saved unpublished for an editor to check.

    Categories become the quiz's tags; when questions come from different categories,
    each question also keeps its own (see ``gift.blocks_for_quiz``).

    Nothing is created when the text has errors, when it has unsupported questions and
    ``skip_unsupported`` is false, when nothing importable is left, or with ``dry_run``
    (the admin preview). ``problems`` lists every reason, by line number.
    """
    document = parse_gift(text)
    result = GiftImportResult(document=document)
    result.problems.extend(str(problem) for problem in document.errors)
    if document.unsupported and not skip_unsupported:
        result.problems.extend(
            _("%(problem)s: jenis soal tidak didukung") % {"problem": problem} for problem in document.unsupported
        )
    if not document.questions:
        result.problems.append(_("Tidak ada soal yang bisa diimpor."))
    error = QuizPage.paired_test_error(course, purpose)
    if error:
        result.problems.append(error)
    if result.problems or dry_run:
        return result
    title = (title or "").strip() or (document.categories[-1].split("/")[-1].strip() if document.categories else "")
    blocks, tags = blocks_for_quiz(document)
    with transaction.atomic():
        result.quiz = create_quiz(
            course=course,
            title=title or _("Kuis impor"),
            questions=blocks,
            tags=tags,
            publish=not draft,
            purpose=purpose,
            pass_mark=pass_mark,
            user=user,
        )
    return result


# --- starting --------------------------------------------------------------------------


def start_attempt(*, user, quiz, now=None, rng=None):
    """Start a new attempt, or return the one ``user`` already has in progress (resume).

    Raises AttemptRejected when the quiz is not open, has no questions, or every allowed
    attempt is used.
    """
    now = now or timezone.now()
    quiz = QuizPage.objects.live().get(pk=quiz.pk)
    in_progress = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.STATUS_IN_PROGRESS).first()
    if in_progress is not None:
        if not finalize_overdue(attempt=in_progress, now=now):
            return in_progress
    if not quiz.is_open(now):
        if quiz.opens_at and now < quiz.opens_at:
            raise AttemptRejected(_("Kuis ini belum dibuka."))
        raise AttemptRejected(_("Kuis ini sudah ditutup."))
    if not len(quiz.questions):
        raise AttemptRejected(_("Kuis ini belum memiliki soal."))
    used = Attempt.objects.filter(user=user, quiz=quiz).aggregate(last=Max("number"))["last"] or 0
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise AttemptRejected(
            _("Anda sudah memakai semua percobaan untuk kuis ini (%(count)s).") % {"count": quiz.attempts_allowed}
        )
    course = _course_of(quiz)
    if course is not None:
        # Taking a course's quiz is taking part in the course: it shows in "Kursus saya".
        course_services.enrol(user=user, course=course)
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                user=user,
                quiz=quiz,
                number=used + 1,
                started_at=now,
                deadline=deadline,
                snapshot=build_snapshot(quiz, rng=rng),
            )
    except IntegrityError:
        # A parallel request (double tap on "Mulai") started it first: resume that one.
        existing = Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.STATUS_IN_PROGRESS).first()
        if existing is None:
            raise
        return existing


# --- answers ---------------------------------------------------------------------------


def clean_answers(snapshot, answers):
    """Check raw answers (question id -> value) against the attempt's snapshot.

    Returns the cleaned answers; raises AttemptRejected for a question not in the
    attempt, a choice that does not exist, or a malformed value.
    """
    questions = {q["id"]: q for q in snapshot.get("questions", [])}
    cleaned = {}
    for question_id, value in answers.items():
        question = questions.get(str(question_id))
        if question is None:
            raise AttemptRejected(_("Jawaban untuk soal yang tidak ada di percobaan ini ditolak."))
        choice_ids = {c["id"] for c in question.get("choices", [])}
        kind = question["type"]
        if kind == scoring.MULTIPLE_ANSWERS:
            values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
            values = [str(v) for v in values if v not in (None, "")]
            if any(v not in choice_ids for v in values):
                raise AttemptRejected(_("Pilihan jawaban yang tidak ada ditolak."))
            cleaned[question["id"]] = sorted(set(values))
        elif kind in (scoring.SINGLE_CHOICE, scoring.TRUE_FALSE):
            if isinstance(value, list | tuple):
                if len(value) > 1:
                    raise AttemptRejected(_("Soal ini hanya boleh satu jawaban."))
                value = value[0] if value else ""
            value = "" if value is None else str(value)
            if value and value not in choice_ids:
                raise AttemptRejected(_("Pilihan jawaban yang tidak ada ditolak."))
            cleaned[question["id"]] = value
        else:
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            value = "" if value is None else str(value)
            if len(value) > MAX_TEXT_ANSWER_LENGTH:
                raise AttemptRejected(_("Jawaban terlalu panjang."))
            cleaned[question["id"]] = value.strip()
    return cleaned


def _check_still_open(attempt, now):
    if attempt.is_overdue(now):
        raise AttemptRejected(_("Waktu mengerjakan sudah habis. Jawaban yang tersimpan sebelumnya yang dinilai."))
    if attempt.quiz.is_closed(now):
        raise AttemptRejected(_("Kuis ini sudah ditutup. Jawaban tidak bisa diubah lagi."))


def _locked(pk):
    """The attempt, locked for this transaction so parallel requests on it queue up.

    The no-op update takes the write lock first on every database (a row lock on
    PostgreSQL, the database write lock on SQLite, where a read-then-write transaction
    could otherwise fail to upgrade its lock).
    """
    Attempt.objects.filter(pk=pk).update(last_saved_at=F("last_saved_at"))
    return Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=pk)


def save_answers(*, attempt, answers, now=None):
    """Store answers on an in-progress attempt (autosave). Merges with what was saved."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(attempt.pk)
        if not locked.is_in_progress:
            raise AttemptRejected(_("Percobaan ini sudah dikirim; jawaban tidak bisa diubah."))
        _check_still_open(locked, now)
        cleaned = clean_answers(locked.snapshot, answers)
        merged = {**locked.answers, **cleaned}
        locked.answers = merged
        locked.last_saved_at = now
        locked.save(update_fields=["answers", "last_saved_at"])
    return locked


# --- grading ---------------------------------------------------------------------------


def _write_results(attempt, result):
    QuestionResult.objects.filter(attempt=attempt).delete()
    QuestionResult.objects.bulk_create(
        [
            QuestionResult(
                attempt=attempt,
                question_id=question["id"],
                position=position,
                points=float(question.get("points", 1.0)),
                credit=result.credits[question["id"]],
            )
            for position, question in enumerate(attempt.snapshot.get("questions", []))
        ]
    )


def _announce_pass(attempt):
    """Send ``signals.attempt_passed`` for ``attempt`` once the grade is committed."""

    def send():
        attempt_passed.send(sender=QuizPage, user=attempt.user, quiz=attempt.quiz, attempt=attempt)

    transaction.on_commit(send, robust=True)


def _grade_and_close(attempt, *, submitted_at):
    """Grade ``attempt`` once: only the request that flips the status writes the grade."""
    result = scoring.grade(attempt.questions, attempt.answers)
    passed = scoring.has_passed(result.score, attempt.pass_mark)
    flipped = Attempt.objects.filter(pk=attempt.pk, status=Attempt.STATUS_IN_PROGRESS).update(
        status=Attempt.STATUS_SUBMITTED,
        submitted_at=submitted_at,
        score=result.score,
        passed=passed,
        answers=attempt.answers,
    )
    if not flipped:
        return False
    learner_changed(attempt.user_id)  # the update above sends no signal (QuizzesConfig.ready)
    attempt.status = Attempt.STATUS_SUBMITTED
    attempt.submitted_at = submitted_at
    attempt.score = result.score
    attempt.passed = passed
    _write_results(attempt, result)
    _refresh_course_completion(attempt.user, attempt.quiz)
    if passed:
        _announce_pass(attempt)
    return True


def _course_of(quiz):
    return CoursePage.objects.filter(path=quiz.path[: -quiz.steplen]).first()


def _refresh_course_completion(user, quiz):
    """A graded attempt may complete the course (a required quiz passed): the one rule decides."""
    course = _course_of(quiz)
    if course is not None:
        course_services.refresh_completion(user=user, course=course)


def submit_attempt(*, attempt, answers=None, now=None):
    """Save the last answers and grade the attempt. A repeated submit changes nothing.

    Returns the graded attempt. Raises AttemptRejected when time is up, the quiz is
    closed or the answers are invalid (then nothing is saved or graded).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(attempt.pk)
        if not locked.is_in_progress:
            return locked
        _check_still_open(locked, now)
        cleaned = clean_answers(locked.snapshot, answers or {})
        locked.answers = {**locked.answers, **cleaned}
        _grade_and_close(locked, submitted_at=now)
    return Attempt.objects.select_related("quiz").get(pk=locked.pk)


def _overdue_since(attempt, now):
    """When ``attempt``'s time ran out (its own deadline or the quiz's close date), or None."""
    ends = [moment for moment in (attempt.deadline, attempt.quiz.closes_at) if moment is not None and now >= moment]
    return min(ends) if ends else None


def _close_if_overdue(attempt, now):
    """(submitted, graded here): grade ``attempt`` on its saved answers if its time ran out.

    Graded against the snapshot taken when it started (the quiz as it was then);
    unanswered questions earn 0. Only the caller whose update flips the status grades it,
    so two callers at once (a learner reopening it, two task workers) grade it once.
    """
    if not attempt.is_in_progress:
        return True, False
    ended = _overdue_since(attempt, now)
    if ended is None:
        return False, False
    with transaction.atomic():
        locked = _locked(attempt.pk)
        graded = locked.is_in_progress and _grade_and_close(locked, submitted_at=ended)
    return True, graded


def finalize_overdue(*, attempt, now=None):
    """Grade an in-progress attempt whose time ran out, on the answers saved in time.

    Returns True if the attempt is (now) submitted.
    """
    submitted, _graded = _close_if_overdue(attempt, now or timezone.now())
    if submitted:
        attempt.refresh_from_db()
    return submitted


def close_overdue_attempts(*, now=None) -> int:
    """Close and grade every in-progress attempt whose time ran out and that nobody reopened.

    An attempt past its time limit or its quiz's close date is otherwise graded only when
    its learner opens it again; the scheduled task (``quizzes.tasks``) and the command
    ``close_overdue_attempts`` call this so results and exports include it. Returns how
    many attempts this call graded (none twice, however many workers run it at once).
    """
    now = now or timezone.now()
    overdue = (
        Attempt.objects.filter(status=Attempt.STATUS_IN_PROGRESS)
        .filter(Q(deadline__lte=now) | Q(quiz__closes_at__lte=now))
        .select_related("quiz")
        .defer("snapshot", "answers", "quiz__questions", "quiz__feedback_bands", "quiz__intro")
        .order_by("pk")
    )
    return sum(1 for attempt in list(overdue) if _close_if_overdue(attempt, now)[1])


# --- regrading -------------------------------------------------------------------------


# What a regrade takes from the current quiz for a choice the attempt showed (its text
# and order stay as the learner saw them).
_REKEYED_CHOICE_KEYS = ("fraction", "feedback", "feedback_html")


def _rekey(old, current):
    """``old`` (as the attempt saw it) with the answer key and points of ``current``."""
    question = dict(old)
    question["points"] = current["points"]
    question["general_feedback"] = current.get("general_feedback", "")
    question["general_feedback_html"] = current.get("general_feedback_html", "")
    if old["type"] != current["type"]:
        return question
    if "choices" in current:
        by_id = {c["id"]: c for c in current["choices"]}
        question["choices"] = [
            {
                **choice,
                **{key: value for key, value in by_id[choice["id"]].items() if key in _REKEYED_CHOICE_KEYS},
            }
            if choice["id"] in by_id
            else {**choice, "fraction": 0.0}
            for choice in old.get("choices", [])
        ]
    for key in ("accepted", "numeric"):
        if key in current:
            question[key] = current[key]
    return question


def regrade_quiz(*, quiz, by=None, now=None):
    """Regrade every submitted attempt against the quiz's current (live) questions.

    Questions deleted since an attempt started keep the key the attempt was graded with;
    choices deleted earn nothing. Each regraded attempt is logged. Running it twice gives
    the same scores.
    """
    now = now or timezone.now()
    quiz = QuizPage.objects.live().get(pk=quiz.pk)
    current = {q["id"]: q for q in quiz_questions(quiz)}
    logs = []
    with transaction.atomic():
        attempts = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(quiz=quiz, status=Attempt.STATUS_SUBMITTED)
        )
        for attempt in attempts:
            questions = [_rekey(q, current[q["id"]]) if q["id"] in current else q for q in attempt.questions]
            snapshot = {**attempt.snapshot, "questions": questions, "pass_mark": quiz.pass_mark}
            snapshot["regraded_revision_id"] = quiz.live_revision_id
            result = scoring.grade(questions, attempt.answers)
            old_score, was_passed = attempt.score, attempt.passed
            attempt.snapshot = snapshot
            attempt.score = result.score
            attempt.passed = scoring.has_passed(result.score, quiz.pass_mark)
            attempt.save(update_fields=["snapshot", "score", "passed"])
            _write_results(attempt, result)
            _refresh_course_completion(attempt.user, quiz)
            if attempt.passed and not was_passed:
                _announce_pass(attempt)
            logs.append(
                RegradeLog(
                    attempt=attempt, regraded_by=by, regraded_at=now, old_score=old_score, new_score=result.score
                )
            )
        RegradeLog.objects.bulk_create(logs)
    return logs


# --- answered offline --------------------------------------------------------------------


def record_offline_attempt(*, user, quiz, quiz_as_seen, started_at, answers, submitted_at, received_at, order=()):
    """Create and grade, at once, an attempt the learner made on a phone without a connection.

    ``quiz_as_seen`` is the quiz as it was on the phone (the revision its offline copy was
    made from), so the attempt is graded against what the learner saw. ``answers`` maps a
    question id to ``(value, answered_at)``. Times are already corrected to the server's
    clock and bounded by the caller (never after ``received_at``, never before the start).
    The time limit is judged by when each answer was made: answers made after the
    attempt's deadline (time limit or closing date) are left out, as an online attempt
    keeps only what was saved in time. ``order`` is the question order shown.

    The attempt is stored already graded, so it never sits "in progress" next to an
    attempt the learner has open online. Raises AttemptRejected (nothing written) when
    the quiz was not open at the start, every attempt is used or an answer is invalid.
    """
    if quiz.opens_at and started_at < quiz.opens_at:
        raise AttemptRejected(_("Kuis ini belum dibuka saat dikerjakan."))
    if quiz.closes_at and started_at >= quiz.closes_at:
        raise AttemptRejected(_("Kuis ini sudah ditutup saat dikerjakan."))
    if not len(quiz_as_seen.questions):
        raise AttemptRejected(_("Kuis ini belum memiliki soal."))
    deadline = started_at + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    end = min(received_at, deadline) if deadline else received_at
    snapshot = build_snapshot(quiz_as_seen, rng=random.Random(0))
    snapshot["offline"] = True
    shown = {question["id"]: question for question in snapshot["questions"]}
    if order and sorted(order) == sorted(shown):
        snapshot["questions"] = [shown[question_id] for question_id in order]
    in_time = {question_id: value for question_id, (value, moment) in answers.items() if moment <= end}
    cleaned = clean_answers(snapshot, in_time)
    moments = [moment for question_id, (value, moment) in answers.items() if question_id in in_time]
    submitted_at = min(max(submitted_at, started_at), end)
    for _retry in range(3):
        used = Attempt.objects.filter(user=user, quiz=quiz).aggregate(last=Max("number"))["last"] or 0
        if quiz.attempts_allowed and used >= quiz.attempts_allowed:
            raise AttemptRejected(
                _("Anda sudah memakai semua percobaan untuk kuis ini (%(count)s).") % {"count": quiz.attempts_allowed}
            )
        attempt = Attempt(
            user=user,
            quiz=quiz,
            number=used + 1,
            started_at=started_at,
            deadline=deadline,
            last_saved_at=max(moments) if moments else None,
            snapshot=snapshot,
            answers=cleaned,
        )
        result = scoring.grade(attempt.questions, cleaned)
        attempt.status = Attempt.STATUS_SUBMITTED
        attempt.submitted_at = submitted_at
        attempt.score = result.score
        attempt.passed = scoring.has_passed(result.score, attempt.pass_mark)
        try:
            with transaction.atomic():
                attempt.save()
                _write_results(attempt, result)
                # As online: taking part enrols, and passing may complete the course.
                course = _course_of(quiz)
                if course is not None:
                    course_services.enrol(user=user, course=course)
                _refresh_course_completion(user, quiz)
                if attempt.passed:
                    _announce_pass(attempt)
        except IntegrityError:
            # Another request took this attempt number first: count again.
            continue
        return attempt
    raise AttemptRejected(_("Percobaan tidak bisa dicatat sekarang. Coba kirim lagi."))
