"""Writes about learning: enrolling, marking lessons done, completing courses.

Keyword-only, each inside one transaction. Repeating a call (a double tap, a retried
request, two tabs at once) never creates a second row: the unique constraints decide and
``get_or_create`` reads the row the other request wrote.
"""

from django.db import transaction
from django.utils import timezone

from .completion import unmet_requirements
from .models import CoursePage, Enrolment, LessonCompletion, LessonPage
from .selectors import course_lessons


@transaction.atomic
def enrol(*, user, course: CoursePage) -> Enrolment:
    """Enrol ``user`` in ``course``; enrolling again returns the existing enrolment."""
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def mark_lesson_done(*, user, lesson: LessonPage) -> LessonCompletion:
    """Record that ``user`` finished ``lesson`` (enrolling them if needed) and refresh completion."""
    course = CoursePage.objects.get(path=lesson.path[: -lesson.steplen])
    enrol(user=user, course=course)
    completion, _created = LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    refresh_completion(user=user, course=course)
    return completion


@transaction.atomic
def refresh_completion(*, user, course: CoursePage) -> Enrolment | None:
    """Set or clear ``completed_at`` on ``user``'s enrolment in ``course``.

    Completed means: the course has at least one live lesson, every live lesson is done,
    and no registered requirement (``courses.completion``, e.g. a required quiz) is unmet.
    Other apps call this after anything that may change the answer (a quiz passed).
    Returns the enrolment, or None when ``user`` is not enrolled.
    """
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None:
        return None
    lesson_ids = [lesson.pk for lesson in course_lessons(course)]
    done = LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids).count()
    complete = bool(lesson_ids) and done == len(lesson_ids) and not unmet_requirements(user, course)
    if complete and enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
    elif not complete and enrolment.completed_at is not None:
        enrolment.completed_at = None
        enrolment.save(update_fields=["completed_at"])
    return enrolment
