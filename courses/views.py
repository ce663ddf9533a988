"""Learner actions (enrol, mark done) and the progress pages for learners, pengurus and Dinas.

Who may see whose progress is decided in ``base.access`` only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.phone import normalize_phone, whatsapp_url
from base.access import can_learn, get_visible_learner_or_404, require_perm, visible_learners
from base.pagination import paginate
from base.tabular import download_response
from cooperatives.models import Cooperative, Kecamatan
from cooperatives.selectors import get_visible_cooperative_or_404, visible_cooperatives

from . import services
from .models import CoursePage, LessonPage
from .selectors import (
    cooperative_learning_summary,
    course_learning_summary,
    courses_for_learner,
    courses_with_results,
    learner_course_progress,
    progress_in_course,
    required_courses,
    staff_progress,
    unfinished_staff,
    visible_courses,
)

STAFF_PER_PAGE = 25
FOLLOW_UP_PER_PAGE = 50
CSV_CHUNK = 1000
COOPERATIVES_PER_PAGE = 50


def _learnable_page_or_404(request, model, pk):
    """A live page the learner may open: view restrictions (password, groups) apply here too."""
    if not can_learn(request.user):
        raise PermissionDenied
    page = get_object_or_404(model.objects.live(), pk=pk)
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return page


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def enrol(request, course_id):
    course = _learnable_page_or_404(request, CoursePage, course_id)
    services.enrol(user=request.user, course=course)
    messages.success(request, _("Anda terdaftar di kursus ini. Selamat belajar!"))
    return redirect(course.get_url(request))


@login_required
@require_POST
def mark_lesson_done(request, lesson_id):
    """The "Tandai selesai" button and the end-of-page script both post here."""
    lesson = _learnable_page_or_404(request, LessonPage, lesson_id)
    services.mark_lesson_done(user=request.user, lesson=lesson)
    course = lesson.get_course()
    enrolment = course.enrolments.get(user=request.user)
    if _wants_json(request):
        # The lesson page updates its progress bar from this, in the same words as the pages.
        progress = learner_course_progress(request.user, course)
        return JsonResponse(
            {
                "done": True,
                "course_completed": progress.completed,
                "percent": progress.percent,
                "label": progress.label,
            }
        )
    if enrolment.completed_at:
        messages.success(request, _("Selamat, Anda telah menyelesaikan kursus ini!"))
        return redirect(course.get_url(request))
    messages.success(request, _("Materi ditandai selesai."))
    next_lesson = LessonPage.objects.live().sibling_of(lesson).filter(path__gt=lesson.path).order_by("path").first()
    return redirect((next_lesson or course).get_url(request))


@login_required
def my_courses(request):
    return render(request, "courses/my_courses.html", {"course_progress": courses_for_learner(request.user)})


@login_required
def learner_progress(request, user_id):
    """One learner's courses: their own, their cooperative's for pengurus, anyone's for analysts."""
    learner = get_visible_learner_or_404(request.user, pk=user_id)
    return render(
        request,
        "courses/learner_progress.html",
        {"learner": learner, "course_progress": courses_for_learner(learner)},
    )


@login_required
def staff_progress_view(request, cooperative_id):
    """Kemajuan staf: one cooperative's learners × courses (pengurus of it, analysts)."""
    cooperative = get_visible_cooperative_or_404(request.user, pk=cooperative_id)
    learners = visible_learners(request.user).filter(cooperative=cooperative).order_by("first_name", "username")
    page_obj = paginate(request, learners, per_page=STAFF_PER_PAGE)
    courses = list(visible_courses(request.user).defer_streamfields())
    return render(
        request,
        "courses/staff_progress.html",
        {
            "cooperative": cooperative,
            "courses": courses,
            "page_obj": page_obj,
            "rows": staff_progress(page_obj.object_list, courses),
        },
    )


@login_required
def cooperative_progress(request):
    """Kemajuan belajar per koperasi, for Dinas analysts."""
    require_perm(request.user, "cooperatives.view_all_cooperatives")
    cooperatives = visible_cooperatives(request.user)
    kecamatan = request.GET.get("kecamatan", "").strip()
    if kecamatan:
        cooperatives = cooperatives.filter(kecamatan__name=kecamatan)
    page_obj = paginate(request, cooperative_learning_summary(cooperatives), per_page=COOPERATIVES_PER_PAGE)
    courses = list(courses_with_results(request.user).defer_streamfields())
    return render(
        request,
        "courses/cooperative_progress.html",
        {
            "page_obj": page_obj,
            "kecamatan": kecamatan,
            "kecamatan_choices": Kecamatan.objects.order_by("name").values_list("name", flat=True),
            "course_summary": course_learning_summary(courses, visible_learners(request.user)),
        },
    )


# --- courses the office asked for: staff who have not finished ----------------------------


def _reminder(request, learner, course, progress):
    """The prepared WhatsApp message for one learner (Indonesian, whatever the page's language)."""
    link = request.build_absolute_uri(course.url or "/")
    if progress.started:
        text = _(
            'Halo %(name)s, Dinas Koperasi mengingatkan: kursus "%(course)s" wajib diselesaikan. '
            "Kemajuan Anda %(percent)s %%. Lanjutkan di %(link)s"
        )
    else:
        text = _(
            'Halo %(name)s, Dinas Koperasi meminta Anda mengikuti kursus "%(course)s" sampai selesai. Mulai di %(link)s'
        )
    return text % {"name": learner, "course": course.title, "percent": progress.percent, "link": link}


def _status(progress):
    if not progress.started:
        return _("Belum mulai")
    return _("Sedang belajar (%(percent)s %%)") % {"percent": progress.percent}


def _follow_up_csv(learners, course):
    """Every learner not done, in chunks (a fixed number of queries per chunk)."""
    chunk = []
    for learner in learners.iterator(chunk_size=CSV_CHUNK):
        chunk.append(learner)
        if len(chunk) == CSV_CHUNK:
            yield from _csv_rows(chunk, course)
            chunk = []
    yield from _csv_rows(chunk, course)


def _csv_rows(learners, course):
    progress = progress_in_course(learners, course)
    for learner in learners:
        cooperative = learner.cooperative
        yield [
            str(learner),
            cooperative.nama,
            cooperative.nik,
            cooperative.kecamatan.name,
            cooperative.jenis,
            learner.cooperative_role,
            normalize_phone(learner.phone) or (learner.phone or ""),
            progress[learner.pk].percent,
            "belum_mulai" if not progress[learner.pk].started else "sedang_belajar",
        ]


@login_required
def follow_up(request):
    """Staff who have not finished a course the office asked for (analysts: every cooperative,
    filterable by kecamatan and jenis; pengurus: their own), with WhatsApp reminders and a CSV."""
    all_cooperatives = request.user.has_perm("cooperatives.view_all_cooperatives")
    if not (all_cooperatives or visible_cooperatives(request.user).exists()):
        raise Http404
    courses = list(required_courses(request.user))
    course = None
    chosen = request.GET.get("kursus", "")
    if chosen.isdigit():
        course = next((c for c in courses if c.pk == int(chosen)), None)
        if course is None:
            raise Http404
    elif courses:
        course = courses[0]
    # Filters are for analysts; a pengurus sees their own cooperative whatever the address says.
    kecamatan = request.GET.get("kecamatan", "").strip()[:100] if all_cooperatives else ""
    jenis = request.GET.get("jenis", "").strip()[:20] if all_cooperatives else ""
    context = {
        "courses": courses,
        "course": course,
        "kecamatan": kecamatan,
        "jenis": jenis,
        "all_cooperatives": all_cooperatives,
        "kecamatan_choices": Kecamatan.objects.order_by("name").values_list("name", flat=True),
        "jenis_choices": Cooperative.JENIS_CHOICES,
    }
    if course is None:
        return render(request, "courses/follow_up.html", context)
    learners = unfinished_staff(visible_learners(request.user), course, kecamatan=kecamatan, jenis=jenis)
    if request.GET.get("format") == "csv":
        header = ["nama", "koperasi", "nik", "kecamatan", "jenis", "peran", "telepon", "kemajuan_persen", "status"]
        return download_response(
            "csv", header, _follow_up_csv(learners, course), filename=f"belum-selesai-{course.slug}"
        )
    page_obj = paginate(request, learners, per_page=FOLLOW_UP_PER_PAGE)
    progress = progress_in_course(page_obj.object_list, course)
    rows = []
    for learner in page_obj.object_list:
        learner_progress = progress[learner.pk]
        rows.append(
            {
                "learner": learner,
                "progress": learner_progress,
                "status": _status(learner_progress),
                "whatsapp": whatsapp_url(learner.phone, _reminder(request, learner, course, learner_progress)),
            }
        )
    query = request.GET.copy()
    query["format"] = "csv"
    query.pop("halaman", None)
    context.update(page_obj=page_obj, rows=rows, csv_query=query.urlencode())
    return render(request, "courses/follow_up.html", context)
