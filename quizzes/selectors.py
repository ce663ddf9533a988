"""Reads about quizzes and attempts, already optimised (a fixed number of queries).

Who may see what is asked of ``base.access``; these functions only narrow querysets
with what it answers.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from base.access import visible_learners
from base.numbers import round_half_up
from base.pagecache import remembered
from cooperatives.selectors import visible_cooperatives
from courses.completion import Activity, ActivitySource
from courses.models import CoursePage, Enrolment

from . import models, scoring

FLAG_LABELS = {
    scoring.FLAG_TOO_EASY: "terlalu mudah",
    scoring.FLAG_TOO_HARD: "terlalu sulit",
    scoring.FLAG_LOW_DISCRIMINATION: "daya beda rendah",
}


def quizzes_with_results():
    """The quizzes whose results may be read: live ones, and any quiz that has attempts.

    Unpublishing hides a quiz (or its course) from learners, never its results from
    those who read them (PRODUCT.md section 9). Who sees which learners is still decided
    by ``visible_attempts``.
    """
    return models.QuizPage.objects.filter(Q(live=True) | Exists(models.Attempt.objects.filter(quiz=OuterRef("pk"))))


def quizzes_by_course():
    """[(course page, [its quizzes with results in tree order])], in tree order: two queries.

    A bare list of quiz titles is ambiguous ("Pre-test", "Pre-test", ...); readers of
    results pick a quiz by its course. Unpublished quizzes with results are listed too.
    """
    quizzes = list(quizzes_with_results().defer_streamfields().order_by("path"))
    parent_paths = {quiz.path[: -models.QuizPage.steplen] for quiz in quizzes}
    parents = {page.path: page for page in Page.objects.filter(path__in=parent_paths).only("id", "title", "path")}
    groups = []
    for quiz in quizzes:
        parent = parents.get(quiz.path[: -models.QuizPage.steplen])
        if groups and groups[-1][0] is parent:
            groups[-1][1].append(quiz)
        else:
            groups.append((parent, [quiz]))
    return groups


# --- the learner's side ----------------------------------------------------------------


def get_own_attempt_or_404(user, pk):
    """An attempt of ``user`` (another learner's attempt is a 404, whoever asks)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(models.Attempt.objects.select_related("quiz"), pk=pk, user=user)


def quiz_page_state(*, quiz, user, now=None):
    """What the quiz page shows ``user``: history, the attempt in progress, may they start."""
    now = now or timezone.now()
    state = {
        "attempts": [],
        "in_progress": None,
        "can_start": False,
        "start_refusal": "",
        "final_grade": None,
        "final_passed": None,
        "attempts_left": None,
        "show_scores": quiz.results_visibility != models.QuizPage.RESULTS_NEVER,
    }
    if not user.is_authenticated:
        return state
    attempts = list(models.Attempt.objects.filter(user=user, quiz=quiz).defer("snapshot", "answers").order_by("number"))
    state["attempts"] = attempts
    state["in_progress"] = next((a for a in attempts if a.is_in_progress), None)
    submitted = [a.score for a in attempts if not a.is_in_progress]
    grade = scoring.final_grade(submitted, quiz.grading_method)
    state["final_grade"] = grade
    state["final_passed"] = None if grade is None else scoring.has_passed(grade, quiz.pass_mark)
    if quiz.attempts_allowed:
        state["attempts_left"] = max(0, quiz.attempts_allowed - len(attempts))
    if state["in_progress"] is not None:
        state["can_start"] = True
    elif quiz.opens_at and now < quiz.opens_at:
        state["start_refusal"] = _("Kuis ini belum dibuka.")
    elif quiz.is_closed(now):
        state["start_refusal"] = _("Kuis ini sudah ditutup.")
    elif quiz.attempts_allowed and len(attempts) >= quiz.attempts_allowed:
        state["start_refusal"] = _("Anda sudah memakai semua percobaan untuk kuis ini.")
    else:
        state["can_start"] = True
    return state


def results_visible(attempt, now=None):
    """What of a graded attempt its learner may see: (score, answers and feedback)."""
    quiz = attempt.quiz
    if quiz.results_visibility == models.QuizPage.RESULTS_NEVER:
        return False, False
    if quiz.results_visibility == models.QuizPage.RESULTS_SCORE_UNTIL_CLOSE:
        return True, quiz.is_closed(now)
    return True, True


# --- course completion -----------------------------------------------------------------


def _quizzes_under(course_paths):
    """Live quizzes directly under the courses at ``course_paths`` (none for no path)."""
    q = Q()
    for path in course_paths:
        q |= Q(path__startswith=path, depth=len(path) // models.QuizPage.steplen + 1)
    if not q:
        return models.QuizPage.objects.none()
    return models.QuizPage.objects.live().filter(q)


def learner_grades(user_ids, quizzes):
    """``{(user id, quiz id): (grade, passed, attempts)}`` from graded attempts. One query.

    The grade is the quiz's grading method over the attempts in order, as the quiz page
    and the results show it.
    """
    quizzes = {quiz.pk: quiz for quiz in quizzes}
    if not quizzes or not user_ids:
        return {}
    scores = {}
    rows = (
        models.Attempt.objects.filter(
            user_id__in=user_ids, quiz_id__in=list(quizzes), status=models.Attempt.STATUS_SUBMITTED
        )
        .order_by("number")
        .values_list("user_id", "quiz_id", "score")
    )
    for user_id, quiz_id, score in rows:
        scores.setdefault((user_id, quiz_id), []).append(score)
    grades = {}
    for (user_id, quiz_id), submitted in scores.items():
        quiz = quizzes[quiz_id]
        grade = scoring.final_grade(submitted, quiz.grading_method)
        grades[(user_id, quiz_id)] = (grade, scoring.has_passed(grade, quiz.pass_mark), len(submitted))
    return grades


class QuizActivities(ActivitySource):
    """Quizzes as course activities: each shown with its grade; required ones count when passed."""

    def learner_activities(self, user, course_paths):
        # The quizzes are content, remembered until any page changes; the grades are read fresh.
        quizzes = remembered(
            "quizzes-under:" + ",".join(course_paths),
            lambda: list(_quizzes_under(course_paths).defer_streamfields().order_by("path")),
        )
        grades = learner_grades([user.pk], quizzes)
        activities = []
        for quiz in quizzes:
            grade, passed, attempts = grades.get((user.pk, quiz.pk), (None, None, 0))
            activities.append(
                Activity(
                    page=quiz,
                    kind="quiz",
                    counts=quiz.is_required,
                    done=bool(passed),
                    grade=grade,
                    passed=passed,
                    attempts=attempts,
                )
            )
        return activities

    def counted(self, user_ids, course_paths):
        quizzes = list(
            _quizzes_under(course_paths)
            .filter(models.QuizPage.required_q())
            .only("id", "path", "depth", "pass_mark", "grading_method")
        )
        totals, done = {}, {}
        course_of = {}
        for quiz in quizzes:
            course_of[quiz.pk] = path = quiz.path[: -models.QuizPage.steplen]
            totals[path] = totals.get(path, 0) + 1
        for (user_id, quiz_id), (_grade, passed, _attempts) in learner_grades(user_ids, quizzes).items():
            if passed:
                key = (user_id, course_of[quiz_id])
                done[key] = done.get(key, 0) + 1
        return totals, done


def completed_course_with(attempt):
    """Whether grading ``attempt`` completed its course (recorded in the same transaction)."""
    return Enrolment.objects.filter(
        user_id=attempt.user_id,
        course__path=attempt.quiz.path[: -models.QuizPage.steplen],
        completed_at__gte=attempt.submitted_at,
    ).exists()


# --- results for Dinas and pengurus ------------------------------------------------------


def may_view_results(user):
    """Analysts see every learner (even before any cooperative is registered: the header
    links here); pengurus their own cooperative's; staff none."""
    return user.has_perm("quizzes.view_all_attempts") or visible_cooperatives(user).exists()


def visible_attempts(viewer, quiz, *, cooperative=None):
    """Submitted attempts of ``quiz`` whose learner ``viewer`` may see."""
    attempts = models.Attempt.objects.filter(quiz=quiz, status=models.Attempt.STATUS_SUBMITTED)
    # ``viewer=None`` is the operator at the command line: every row.
    if viewer is not None and not viewer.has_perm("quizzes.view_all_attempts"):
        attempts = attempts.filter(user__in=visible_learners(viewer), user__cooperative__isnull=False)
    if cooperative is not None:
        attempts = attempts.filter(user__cooperative=cooperative)
    return attempts.select_related("user", "user__cooperative").defer("snapshot").order_by("user__username", "number")


def find_quiz(identifier):
    """A quiz with results by page id, URL path or full URL (for the command line); None if none."""
    identifier = str(identifier).strip()
    quizzes = quizzes_with_results()
    if identifier.isdigit():
        return quizzes.filter(pk=int(identifier)).first()
    path = urlparse(identifier).path or identifier
    path = "/" + path.strip("/") + "/"
    matches = [quiz for quiz in quizzes.filter(url_path__endswith=path) if quiz.url and quiz.url.endswith(path)]
    return matches[0] if len(matches) == 1 else None


def question_labels(quiz):
    """(question id, label) for the quiz's current questions, in the editor's order."""
    labels = []
    for number, child in enumerate(quiz.questions, start=1):
        text = Truncator(strip_tags(child.value["text"].source)).chars(60)
        labels.append((child.id, f"{number}. {text}"))
    return labels


def learner_results(attempts, quiz):
    """Per learner: attempts, final grade (by the quiz's grading method), passed."""
    learners = {}
    for attempt in attempts:
        row = learners.setdefault(
            attempt.user_id, {"user": attempt.user, "cooperative": attempt.user.cooperative, "scores": []}
        )
        row["scores"].append(attempt.score)
    rows = []
    for row in learners.values():
        grade = scoring.final_grade(row["scores"], quiz.grading_method)
        rows.append(
            {**row, "attempts": len(row["scores"]), "grade": grade, "passed": scoring.has_passed(grade, quiz.pass_mark)}
        )
    return rows


def cooperative_results(learner_rows):
    """Per cooperative: learners, mean grade, how many passed."""
    groups = {}
    for row in learner_rows:
        cooperative = row["cooperative"]
        key = cooperative.pk if cooperative else None
        group = groups.setdefault(key, {"cooperative": cooperative, "learners": 0, "passed": 0, "total": 0.0})
        group["learners"] += 1
        group["passed"] += 1 if row["passed"] else 0
        group["total"] += row["grade"] or 0.0
    result = []
    for group in groups.values():
        group["mean"] = group["total"] / group["learners"] if group["learners"] else None
        result.append(group)
    return sorted(result, key=lambda g: g["cooperative"].nama if g["cooperative"] else "")


def item_statistics(quiz):
    """Item analysis on first attempts, with labels and plain Indonesian flags."""
    rows = models.QuestionResult.objects.filter(
        attempt__quiz=quiz, attempt__number=1, attempt__status=models.Attempt.STATUS_SUBMITTED
    ).values_list("attempt_id", "question_id", "credit", "points")
    statistics = scoring.item_analysis(rows)
    first_attempts = len({row[0] for row in rows})
    items = []
    for question_id, label in question_labels(quiz):
        stats = statistics.get(question_id)
        items.append(
            {
                "question_id": question_id,
                "label": label,
                "stats": stats,
                "flags": [FLAG_LABELS[f] for f in stats.flags] if stats else [],
            }
        )
    return {
        "first_attempts": first_attempts,
        "shown": first_attempts >= scoring.ITEM_ANALYSIS_MIN_ATTEMPTS,
        "minimum": scoring.ITEM_ANALYSIS_MIN_ATTEMPTS,
        "items": items,
    }


def export_rows(viewer, quiz):
    """Header and rows for ``export_quiz_results``: one row per graded attempt."""
    labels = question_labels(quiz)
    known = [question_id for question_id, _ in labels]
    attempts = list(visible_attempts(viewer, quiz).defer("snapshot", "answers"))
    credits = {}
    extra = []
    for attempt_id, question_id, credit in models.QuestionResult.objects.filter(
        attempt__in=[a.pk for a in attempts]
    ).values_list("attempt_id", "question_id", "credit"):
        credits[(attempt_id, question_id)] = credit
        if question_id not in known and question_id not in extra:
            extra.append(question_id)
    question_ids = known + extra
    header = ["username", "nik", "attempt", "started", "submitted", "score", "passed"]
    header += [f"q{index}" for index in range(1, len(question_ids) + 1)]
    rows = []
    for attempt in attempts:
        cooperative = attempt.user.cooperative
        rows.append(
            [
                attempt.user.username,
                cooperative.nik if cooperative else "",
                attempt.number,
                timezone.localtime(attempt.started_at).isoformat(timespec="seconds"),
                timezone.localtime(attempt.submitted_at).isoformat(timespec="seconds"),
                round_half_up(attempt.score, 1),
                bool(attempt.passed),
            ]
            + [
                None if credits.get((attempt.pk, qid)) is None else round(credits[(attempt.pk, qid)], 4)
                for qid in question_ids
            ]
        )
    questions = [
        {"column": f"q{index}", "id": qid, "label": dict(labels).get(qid, _("(soal sudah dihapus)"))}
        for index, qid in enumerate(question_ids, start=1)
    ]
    return header, rows, questions


# XLSX is read by people: "Lulus" rather than True. CSV and JSON keep the values.
EXPORT_LABELS = {"passed": {True: gettext_lazy("Lulus"), False: gettext_lazy("Belum lulus")}}


def export_document(viewer, quiz):
    """``export_quiz_results --format json``: the quiz, its questions and one entry per attempt."""
    header, rows, questions = export_rows(viewer, quiz)
    return {
        "quiz": {"id": quiz.pk, "title": quiz.title, "url": quiz.url},
        "questions": questions,
        "attempts": [dict(zip(header, row, strict=True)) for row in rows],
    }


# --- learning gain ---------------------------------------------------------------------


def learning_gain_report(viewer, *, cooperative=None):
    """Hake gain per course (with a pre-test and post-test that have results) and per cooperative.

    Learners are paired on their first graded attempt of each test. Only learners
    ``viewer`` may see are counted.
    """
    tests = list(
        quizzes_with_results()
        .filter(purpose__in=[models.QuizPage.PURPOSE_PRE_TEST, models.QuizPage.PURPOSE_POST_TEST])
        .only("id", "path", "depth", "purpose", "title")
    )
    by_parent = {}
    for quiz in tests:
        by_parent.setdefault(quiz.path[: -models.QuizPage.steplen], {})[quiz.purpose] = quiz
    pairs_by_path = {p: q for p, q in by_parent.items() if len(q) == 2}
    if not pairs_by_path:
        return []
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=list(pairs_by_path)).only("id", "title", "path")}
    quiz_ids = [q.pk for pair in pairs_by_path.values() for q in pair.values()]
    attempts = models.Attempt.objects.filter(quiz_id__in=quiz_ids, number=1, status=models.Attempt.STATUS_SUBMITTED)
    if not viewer.has_perm("quizzes.view_all_attempts"):
        attempts = attempts.filter(user__in=visible_learners(viewer), user__cooperative__isnull=False)
    if cooperative is not None:
        attempts = attempts.filter(user__cooperative=cooperative)
    scores = {}
    for quiz_id, user_id, cooperative_id, score in attempts.values_list(
        "quiz_id", "user_id", "user__cooperative_id", "score"
    ):
        scores[(quiz_id, user_id)] = (cooperative_id, score)
    cooperative_names = dict(visible_cooperatives(viewer).values_list("pk", "nama"))
    report = []
    for path, pair in pairs_by_path.items():
        course = courses.get(path)
        if course is None:
            continue
        pre, post = pair[models.QuizPage.PURPOSE_PRE_TEST], pair[models.QuizPage.PURPOSE_POST_TEST]
        pairs = []
        per_cooperative = {}
        for (quiz_id, user_id), (cooperative_id, pre_score) in scores.items():
            if quiz_id != pre.pk or (post.pk, user_id) not in scores:
                continue
            post_score = scores[(post.pk, user_id)][1]
            pairs.append((pre_score, post_score))
            per_cooperative.setdefault(cooperative_id, []).append((pre_score, post_score))
        report.append(
            {
                "course": course,
                "pre": pre,
                "post": post,
                **_gain_summary(pairs),
                "cooperatives": sorted(
                    (
                        {"cooperative_id": cid, "nama": cooperative_names.get(cid, "—"), **_gain_summary(group)}
                        for cid, group in per_cooperative.items()
                    ),
                    key=lambda row: row["nama"],
                ),
            }
        )
    return sorted(report, key=lambda row: row["course"].title)


def _gain_summary(pairs):
    if not pairs:
        return {"learners": 0, "mean_pre": None, "mean_post": None, "gain": None}
    return {
        "learners": len(pairs),
        "mean_pre": sum(a for a, _ in pairs) / len(pairs),
        "mean_post": sum(b for _, b in pairs) / len(pairs),
        "gain": scoring.group_gain(pairs),
    }
