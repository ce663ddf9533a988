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

from base.access import can_learn, get_visible_learner_or_404, require_analyst, visible_learners
from base.pagination import paginate
from cooperatives.models import Kecamatan
from cooperatives.selectors import get_visible_cooperative_or_404, visible_cooperatives

from . import services
from .models import CoursePage, LessonPage
from .selectors import (
    cooperative_learning_summary,
    course_learning_summary,
    courses_for_learner,
    courses_with_results,
    staff_progress,
    visible_courses,
)

STAFF_PER_PAGE = 25
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
        return JsonResponse({"done": True, "course_completed": enrolment.completed_at is not None})
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
    require_analyst(request.user)
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
