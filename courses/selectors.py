"""Reads about courses and learning progress, already optimised."""

from django.db.models import Count, Exists, OuterRef, Q

from .models import CoursePage, Enrolment, LessonCompletion, LessonPage


def courses_for_learner(user):
    """The courses ``user`` is enrolled in, each annotated with lesson counts.

    Returns a list of dicts: course, enrolment, lessons_total, lessons_done, percent.
    """
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    courses = [e.course for e in enrolments]
    if not courses:
        return []
    totals = {}
    done = {}
    lesson_rows = LessonPage.objects.live().annotate(
        is_done=Exists(LessonCompletion.objects.filter(user=user, lesson=OuterRef("pk")))
    ).values_list("path", "is_done")
    course_paths = {c.path: c.pk for c in courses}
    depth_len = len(courses[0].path)
    for path, is_done in lesson_rows:
        course_pk = course_paths.get(path[:depth_len])
        if course_pk is None:
            continue
        totals[course_pk] = totals.get(course_pk, 0) + 1
        if is_done:
            done[course_pk] = done.get(course_pk, 0) + 1
    result = []
    for enrolment in enrolments:
        total = totals.get(enrolment.course_id, 0)
        finished = done.get(enrolment.course_id, 0)
        result.append(
            {
                "course": enrolment.course,
                "enrolment": enrolment,
                "lessons_total": total,
                "lessons_done": finished,
                "percent": round(100 * finished / total) if total else 0,
            }
        )
    return result


__all__ = ["courses_for_learner", "CoursePage", "Count", "Q"]
