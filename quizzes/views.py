"""Taking quizzes (learners) and reading their results (pengurus and Dinas analysts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from base.tabular import download_response, json_download_response
from cooperatives.selectors import (
    PICKER_LIMIT,
    get_visible_cooperative_or_404,
    search_cooperatives,
    visible_cooperatives,
)

from . import scoring, selectors, services
from .forms import answers_from_post
from .models import QuizPage
from .scoring import feedback_band
from .snapshot import choice_html, feedback_html, general_feedback_html, public_question

# The "go" value of the attempt form's last button: save, then show the summary step.
SUMMARY_STEP = "ringkasan"


def _wants_json(request):
    return request.headers.get("X-Requested-With") == "fetch" or "application/json" in request.headers.get("Accept", "")


def _rejected(request, attempt, message, *, status=400):
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": message, "redirect": attempt.get_absolute_url()}, status=status)
    return render(request, "quizzes/rejected.html", {"attempt": attempt, "message": message}, status=status)


# --- taking a quiz ---------------------------------------------------------------------


@login_required
@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = services.start_attempt(user=request.user, quiz=quiz)
    except services.AttemptRejected as exc:
        messages.error(request, exc.message)
        return redirect(quiz.url)
    return redirect("quizzes:attempt", attempt.pk)


def _screen_index(request, questions, answers):
    """Which question to show in one-per-screen mode: asked for, or the first unanswered."""
    try:
        index = int(request.GET.get("soal", ""))
    except ValueError:
        index = next(
            (i for i, q in enumerate(questions, 1) if q["id"] not in answers or answers[q["id"]] in ("", [])), 1
        )
    return min(max(index, 1), max(len(questions), 1))


@login_required
@require_GET
def attempt_view(request, pk):
    attempt = selectors.get_own_attempt_or_404(request.user, pk)
    if attempt.is_in_progress and services.finalize_overdue(attempt=attempt):
        messages.warning(request, _("Waktu mengerjakan sudah habis. Jawaban yang tersimpan sudah dinilai."))
    if not attempt.is_in_progress:
        return redirect("quizzes:attempt_result", attempt.pk)
    quiz = attempt.quiz
    questions = [public_question(q) for q in attempt.questions]
    for number, question in enumerate(questions, start=1):
        question["number"] = number
        question["answer"] = attempt.answers.get(question["id"], "")
    screen = None
    shown = questions
    if quiz.one_question_per_screen and questions:
        screen = _screen_index(request, questions, attempt.answers)
        shown = [questions[screen - 1]]
    remaining = None
    if attempt.deadline:
        remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    context = {
        "page": quiz,
        "quiz": quiz,
        "attempt": attempt,
        "questions": shown,
        "total": len(questions),
        "screen": screen,
        "screens": range(1, len(questions) + 1) if screen else [],
        "answered": sum(1 for q in questions if q["answer"] not in ("", [])),
        "remaining_seconds": remaining,
        "remaining_minutes": None if remaining is None else (remaining + 59) // 60,
    }
    return render(request, "quizzes/attempt.html", context)


@login_required
@require_POST
def save(request, pk):
    """Autosave (fetch, answers JSON back) and the plain-form "save / next" buttons."""
    attempt = selectors.get_own_attempt_or_404(request.user, pk)
    try:
        attempt = services.save_answers(attempt=attempt, answers=answers_from_post(attempt.snapshot, request.POST))
    except services.AttemptRejected as exc:
        return _rejected(request, attempt, exc.message)
    if _wants_json(request):
        saved_at = timezone.localtime(attempt.last_saved_at).strftime("%H:%M:%S")
        return JsonResponse({"ok": True, "saved_at": saved_at})
    url = reverse("quizzes:attempt", args=[attempt.pk])
    go = request.POST.get("go", "")
    if go == SUMMARY_STEP:
        return redirect("quizzes:attempt_summary", attempt.pk)
    if go.isdigit():
        url += f"?soal={int(go)}"
    else:
        messages.success(request, _("Jawaban tersimpan."))
    return redirect(url)


@login_required
@require_GET
def attempt_summary(request, pk):
    """Before the final submit: which questions are answered and which are blank.

    Built from the learner's saved answers and the questions' public text only: the
    answer key never reaches this page.
    """
    attempt = selectors.get_own_attempt_or_404(request.user, pk)
    if attempt.is_in_progress and services.finalize_overdue(attempt=attempt):
        messages.warning(request, _("Waktu mengerjakan sudah habis. Jawaban yang tersimpan sudah dinilai."))
    if not attempt.is_in_progress:
        return redirect("quizzes:attempt_result", attempt.pk)
    quiz = attempt.quiz
    attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        answer = attempt.answers.get(question["id"], "")
        rows.append(
            {
                "number": number,
                "text": public_question(question)["text"],
                "answered": answer not in ("", [], None),
                "url": f"{attempt_url}?soal={number}"
                if quiz.one_question_per_screen
                else f"{attempt_url}#soal-{number}",
            }
        )
    blank = [row for row in rows if not row["answered"]]
    remaining = None
    if attempt.deadline:
        remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    context = {
        "page": quiz,
        "quiz": quiz,
        "attempt": attempt,
        "rows": rows,
        "answered": len(rows) - len(blank),
        "blank": blank,
        "total": len(rows),
        "remaining_minutes": None if remaining is None else (remaining + 59) // 60,
    }
    return render(request, "quizzes/attempt_summary.html", context)


@login_required
@require_POST
def submit(request, pk):
    attempt = selectors.get_own_attempt_or_404(request.user, pk)
    if not attempt.is_in_progress:
        messages.info(request, _("Percobaan ini sudah dikirim sebelumnya."))
        return redirect("quizzes:attempt_result", attempt.pk)
    try:
        attempt = services.submit_attempt(attempt=attempt, answers=answers_from_post(attempt.snapshot, request.POST))
    except services.AttemptRejected as exc:
        return _rejected(request, attempt, exc.message)
    if selectors.completed_course_with(attempt):
        messages.success(
            request,
            _("Selamat, Anda telah menyelesaikan kursus ini! Sertifikat Anda ada di halaman Sertifikat saya."),
        )
    return redirect("quizzes:attempt_result", attempt.pk)


def _numeric_answer_text(answer):
    """``300``, ``12.5 ± 0.5`` or ``10–20``: no "± 0" when the answer must be exact."""
    if answer.get("any"):
        return _("angka apa pun")
    if answer.get("target") is None:
        return f"{answer['min']:g}–{answer['max']:g}"
    if not answer.get("tolerance"):
        return f"{answer['target']:g}"
    return f"{answer['target']:g} ± {answer['tolerance']:g}"


def _review(attempt):
    """Each question with the learner's answer, the right answer and its feedback."""
    credits = dict(attempt.results.values_list("question_id", "credit"))
    review = []
    for number, question in enumerate(attempt.questions, start=1):
        answer = attempt.answers.get(question["id"], "")
        chosen = scoring.response_choice_ids(answer) if question["type"] in scoring.CHOICE_TYPES else set()
        # Lists of safe HTML: choices may be formatted; what the learner typed is escaped.
        if question["type"] in scoring.CHOICE_TYPES:
            right = [choice_html(c) for c in question["choices"] if c["fraction"] > 0]
            given = [choice_html(c) for c in question["choices"] if c["id"] in chosen]
        elif question["type"] == scoring.SHORT_ANSWER:
            right = [escape(a["text"]) for a in question["accepted"] if a["fraction"] >= 1]
            given = [escape(answer)] if answer else []
        else:
            right = [escape(_numeric_answer_text(a)) for a in question["numeric"] if a["fraction"] >= 1]
            given = [escape(answer)] if answer else []
        review.append(
            {
                "number": number,
                "text": question["text"],
                "image_url": question.get("image_url"),
                "image_alt": question.get("image_alt", ""),
                "given": given,
                "right": right,
                "credit": credits.get(question["id"], 0.0),
                "feedback": [
                    feedback_html(item) for item in scoring.answered_items(question, answer) if item.get("feedback")
                ],
                "general_feedback": general_feedback_html(question) if question.get("general_feedback") else "",
            }
        )
    return review


@login_required
@require_GET
def attempt_result(request, pk):
    attempt = selectors.get_own_attempt_or_404(request.user, pk)
    if attempt.is_in_progress:
        return redirect("quizzes:attempt", attempt.pk)
    show_score, show_answers = selectors.results_visible(attempt)
    context = {
        "page": attempt.quiz,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "show_score": show_score,
        "show_answers": show_answers,
        "overall_feedback": feedback_band(attempt.score, attempt.snapshot.get("feedback_bands", []))
        if show_score
        else "",
        "review": _review(attempt) if show_answers else [],
    }
    return render(request, "quizzes/attempt_result.html", context)


# --- results for pengurus and Dinas ------------------------------------------------------


def _results_viewer_or_404(request):
    if not request.user.is_authenticated or not selectors.may_view_results(request.user):
        raise Http404


def _chosen_cooperative(request):
    cooperative_id = request.GET.get("koperasi", "")
    if not cooperative_id:
        return None
    if not cooperative_id.isdigit():
        raise Http404
    return get_visible_cooperative_or_404(request.user, pk=int(cooperative_id))


def _cooperative_picker(request, cooperative):
    """Analysts choose one cooperative among hundreds by searching (``?cari=``), not from a list."""
    if not request.user.has_perm("cooperatives.view_all_cooperatives"):
        return {"picker": False}
    term = request.GET.get("cari", "").strip()[:100]
    matches = search_cooperatives(visible_cooperatives(request.user), term) if term and cooperative is None else []
    return {"picker": True, "picker_term": term, "picker_matches": matches, "picker_limit": PICKER_LIMIT}


@login_required
@require_GET
def results_index(request):
    _results_viewer_or_404(request)
    return render(request, "quizzes/results_index.html", {"courses": selectors.quizzes_by_course()})


@login_required
@require_GET
def quiz_results(request, quiz_id):
    _results_viewer_or_404(request)
    quiz = get_object_or_404(selectors.quizzes_with_results(), pk=quiz_id)
    cooperative = _chosen_cooperative(request)
    attempts = list(selectors.visible_attempts(request.user, quiz, cooperative=cooperative).defer("answers"))
    learners = selectors.learner_results(attempts, quiz)
    context = {
        "page": quiz,
        "quiz": quiz,
        "cooperative": cooperative,
        **_cooperative_picker(request, cooperative),
        "attempt_count": len(attempts),
        "learners": learners,
        "by_cooperative": selectors.cooperative_results(learners),
        # Item analysis is about the questions, across every cooperative: analysts only.
        "items": selectors.item_statistics(quiz) if request.user.has_perm("quizzes.view_all_attempts") else None,
    }
    return render(request, "quizzes/quiz_results.html", context)


def results_response(viewer, quiz, fmt):
    """The quiz results download for ``viewer`` in ``fmt`` (csv, xlsx, json)."""
    filename = f"hasil-kuis-{quiz.pk}"
    if fmt == "json":
        payload = selectors.export_document(viewer, quiz)
        return json_download_response(payload, filename=filename)
    header, rows, _questions = selectors.export_rows(viewer, quiz)
    return download_response(fmt, header, rows, filename=filename, title=quiz.title, labels=selectors.EXPORT_LABELS)


@login_required
@require_GET
def quiz_results_download(request, quiz_id):
    _results_viewer_or_404(request)
    quiz = get_object_or_404(selectors.quizzes_with_results(), pk=quiz_id)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    return results_response(request.user, quiz, fmt)


@login_required
@require_GET
def learning_gain(request):
    _results_viewer_or_404(request)
    cooperative = _chosen_cooperative(request)
    report = selectors.learning_gain_report(request.user, cooperative=cooperative)
    return render(request, "quizzes/learning_gain.html", {"report": report, "cooperative": cooperative})
