"""The service worker, the offline pages and the endpoints the phone's queue talks to."""

import hashlib
import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Revision

from base.access import can_learn
from courses.models import CoursePage, LessonPage
from courses.selectors import visible_courses
from quizzes.models import QuizPage
from quizzes.snapshot import public_question, quiz_questions

from . import services
from .models import SyncReceipt
from .selectors import course_offline_files, offline_course_or_none

HEMAT_DATA_COOKIE = "hemat_data"
PAPER_SALT = "offline.quiz-paper"
MAX_ACTION_BYTES = 64 * 1024


# --- the service worker --------------------------------------------------------------


@lru_cache(maxsize=1)
def _service_worker_source():
    with open(finders.find("offline/sw.js"), encoding="utf-8") as handle:
        return handle.read()


def _url_pattern(name):
    """A URL with one id, as a regular expression for the service worker (``(\\d+)`` for the id)."""
    return "^" + reverse(name, args=[987654321]).replace("987654321", r"(\d+)") + "$"


@require_GET
def service_worker(request):
    """``/sw.js``: the static worker, prefixed with this site's URLs and texts.

    Served from the site root so its scope is the whole site; revalidated on every
    check (``no-cache`` with an ETag), so a deploy reaches phones at their next visit.
    """
    config = {
        "skip": ["/admin/", "/django-admin/", reverse("offline:sync"), "/documents/"],
        "lessonDone": _url_pattern("courses:mark_lesson_done"),
        "quizStart": _url_pattern("quizzes:start"),
        "paper": reverse("offline:quiz_paper", args=[987654321]),
        "status": reverse("offline:status"),
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
        "css": static("css/site.css"),
        "lang": request.LANGUAGE_CODE,
        "text": {
            "title": _("Anda sedang offline"),
            "body": _("Halaman ini belum disimpan di HP ini. Sambungkan internet lalu coba lagi."),
            "saved": _("Kursus yang tersimpan di HP ini"),
            "none": _(
                "Belum ada kursus yang disimpan. Buka kursus saat tersambung lalu pilih “Simpan untuk offline”."
            ),
        },
    }
    prefix = "self.KSD = " + json.dumps(config, ensure_ascii=False, sort_keys=True) + ";\n"
    body = prefix + _service_worker_source()
    etag = '"' + hashlib.blake2b(body.encode(), digest_size=12).hexdigest() + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            body.replace("__VERSION__", etag.strip('"')), content_type="text/javascript; charset=utf-8"
        )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


# --- pages ------------------------------------------------------------------------------


@require_GET
def status(request):
    """Tersimpan di HP ini: saved courses, what waits to be sent, the Hemat data setting.

    The lists live on the phone; the page's script fills them in. The service worker
    also shows this page for pages not saved while offline.
    """
    return render(request, "offline/status.html", {"hemat_data": request.COOKIES.get(HEMAT_DATA_COOKIE) == "1"})


@require_POST
def hemat_data(request):
    """Turn "Hemat data" on or off for this phone (a cookie: it is about this phone's data)."""
    on = request.POST.get("hemat") == "1"
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("offline:status")
    response = redirect(target)
    if on:
        response.set_cookie(HEMAT_DATA_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(HEMAT_DATA_COOKIE, samesite="Lax")
    return response


@require_GET
def course_files(request, course_id):
    """What to store on the phone for one course (JSON): only what this learner may see."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Masuk dulu untuk menyimpan kursus.")}, status=401)
    course = offline_course_or_none(request.user, course_id)
    if course is None:
        raise Http404
    data = course_offline_files(course)
    data["status_url"] = reverse("offline:status")
    return JsonResponse(data)


def _learnable_quiz_or_404(request, quiz_id):
    if not can_learn(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    for restriction in quiz.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    course = CoursePage.objects.filter(path=quiz.path[: -quiz.steplen]).first()
    if course is None or not visible_courses(request.user).filter(pk=course.pk).exists():
        raise Http404
    return quiz, course


@login_required
@require_GET
def quiz_paper(request, quiz_id):
    """A quiz to answer without a connection (stored with the course on the phone).

    The learner starts it offline; the answers wait on the phone with the time each was
    made, and the server grades them when they arrive. The signed token names the
    learner, the quiz, the revision shown and when this copy was made.
    """
    quiz, course = _learnable_quiz_or_404(request, quiz_id)
    questions = [public_question(q) for q in quiz_questions(quiz)]
    if quiz.shuffle_questions:
        random.SystemRandom().shuffle(questions)
    if quiz.shuffle_choices:
        for question in questions:
            if question["type"] in ("single_choice", "multiple_answers"):
                random.SystemRandom().shuffle(question["choices"])
    for number, question in enumerate(questions, start=1):
        question["number"] = number
    token = signing.dumps(
        {"u": request.user.pk, "q": quiz.pk, "r": quiz.live_revision_id, "t": int(timezone.now().timestamp())},
        salt=PAPER_SALT,
    )
    return render(
        request,
        "offline/quiz_paper.html",
        {"page": quiz, "quiz": quiz, "course": course, "questions": questions, "token": token},
    )


# --- the queue -------------------------------------------------------------------------


class BadAction(Exception):
    pass


def _moment(value, skew, *, floor, ceiling):
    """A phone time (ms since 1970) moved to the server's clock, kept within [floor, ceiling]."""
    if not isinstance(value, int | float):
        raise BadAction(_("Waktu tidak valid."))
    try:
        moment = datetime.fromtimestamp(value / 1000, tz=UTC) + skew
    except (OverflowError, OSError, ValueError) as exc:
        raise BadAction(_("Waktu tidak valid.")) from exc
    if floor is not None and moment < floor:
        moment = floor
    return min(moment, ceiling)


def _parse(request, data, received_at):
    """Check one queued action and resolve what it is about; raise BadAction if malformed."""
    if not isinstance(data, dict):
        raise BadAction(_("Kiriman tidak valid."))
    try:
        client_id = str(uuid.UUID(str(data.get("id", ""))))
    except ValueError as exc:
        raise BadAction(_("Id kiriman tidak valid.")) from exc
    kind = data.get("kind")
    if kind not in (SyncReceipt.KIND_LESSON_DONE, SyncReceipt.KIND_QUIZ_ATTEMPT):
        raise BadAction(_("Jenis kiriman tidak dikenal."))
    sent_at = data.get("sent_at")
    skew = timedelta(0)
    if isinstance(sent_at, int | float):
        # The phone's clock may be wrong: move its times by how far it was off when it sent.
        skew = received_at - _moment(sent_at, timedelta(0), floor=None, ceiling=datetime.max.replace(tzinfo=UTC))
    made_at = _moment(data.get("made_at"), skew, floor=None, ceiling=received_at)
    action = services.QueuedAction(client_id=client_id, kind=kind, page=None, made_at=made_at, received_at=received_at)
    page_id = data.get("page")
    if not isinstance(page_id, int):
        raise BadAction(_("Halaman tidak valid."))
    if kind == SyncReceipt.KIND_LESSON_DONE:
        lesson = LessonPage.objects.live().filter(pk=page_id).first()
        if lesson is None or any(not r.accept_request(request) for r in lesson.get_view_restrictions()):
            action.unavailable_message = _("Materi ini tidak tersedia lagi.")
        else:
            action.page = lesson
        return action
    return _parse_quiz(request, data, action, page_id, skew)


def _parse_quiz(request, data, action, quiz_id, skew):
    try:
        paper = signing.loads(str(data.get("paper", "")), salt=PAPER_SALT)
    except signing.BadSignature as exc:
        raise BadAction(_("Salinan kuis tidak valid.")) from exc
    if paper.get("u") != request.user.pk or paper.get("q") != quiz_id:
        raise BadAction(_("Salinan kuis ini bukan milik akun Anda."))
    try:
        quiz, _course = _learnable_quiz_or_404(request, quiz_id)
    except Http404:
        action.unavailable_message = _("Kuis ini tidak tersedia lagi.")
        return action
    served_at = datetime.fromtimestamp(paper["t"], tz=UTC)
    started_at = _moment(data.get("started_at"), skew, floor=served_at, ceiling=action.received_at)
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict):
        raise BadAction(_("Jawaban tidak valid."))
    answers = {}
    for question_id, entry in raw_answers.items():
        if not isinstance(entry, dict) or "v" not in entry:
            raise BadAction(_("Jawaban tidak valid."))
        answers[str(question_id)] = (
            entry["v"],
            _moment(entry.get("t"), skew, floor=started_at, ceiling=action.received_at),
        )
    revision = Revision.page_revisions.filter(pk=paper.get("r"), object_id=str(quiz.pk)).first()
    quiz_as_seen = revision.as_object() if revision is not None else quiz
    quiz_as_seen.live_revision_id = revision.pk if revision is not None else quiz.live_revision_id
    order = data.get("order") or ()
    action.page = quiz
    action.quiz_as_seen = quiz_as_seen
    action.started_at = started_at
    action.made_at = min(max(action.made_at, started_at), action.received_at)
    action.answers = answers
    action.order = tuple(str(question_id) for question_id in order) if isinstance(order, list) else ()
    return action


def _receipt_json(receipt):
    return {
        "id": str(receipt.client_id),
        "status": receipt.status,
        "received_at": timezone.localtime(receipt.received_at).isoformat(),
        **receipt.outcome,
    }


@require_http_methods(["GET", "POST"])
def sync(request):
    """GET: a fresh CSRF token for the queue. POST: one queued action (JSON), applied once.

    Answers 200 with the receipt (``accepted`` or ``rejected``: final, the phone stops
    sending), 400 for a malformed action (final too), 401 when logged out and 403 for
    an account without a cooperative or an id of another account (the phone keeps it).
    """
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Masuk dulu untuk mengirim.")}, status=401)
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request), "user": request.user.pk})
    if not can_learn(request.user):
        return JsonResponse({"error": _("Akun ini belum bisa belajar.")}, status=403)
    if len(request.body) > MAX_ACTION_BYTES:
        return JsonResponse({"error": _("Kiriman terlalu besar.")}, status=400)
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": _("Kiriman tidak valid.")}, status=400)
    if isinstance(data, dict) and data.get("user") not in (None, request.user.pk):
        return JsonResponse({"error": _("Kiriman ini dibuat oleh akun lain.")}, status=403)
    received_at = timezone.now()
    try:
        client_id = str(uuid.UUID(str(data.get("id", "")))) if isinstance(data, dict) else None
        receipt = services.existing_receipt(user=request.user, client_id=client_id) if client_id else None
        if receipt is None:
            action = _parse(request, data, received_at)
            receipt = services.apply_queued_action(user=request.user, action=action)
    except services.ReceiptOfAnotherUser:
        return JsonResponse({"error": _("Kiriman ini dibuat oleh akun lain.")}, status=403)
    except (BadAction, ValueError) as exc:
        return JsonResponse({"error": str(exc) or _("Kiriman tidak valid.")}, status=400)
    return JsonResponse(_receipt_json(receipt))
