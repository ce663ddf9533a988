"""Writes about learning: enrolling, marking lessons done, completing courses.

Keyword-only, each inside one transaction. Repeating a call (a double tap, a retried
request, two tabs at once) never creates a second row: the unique constraints decide and
``get_or_create`` reads the row the other request wrote.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from . import models
from .completion import is_complete
from .selectors import progress_counts
from .signals import course_completed


@transaction.atomic
def enrol(*, user, course: models.CoursePage) -> models.Enrolment:
    """Enrol ``user`` in ``course``; enrolling again returns the existing enrolment."""
    enrolment, _created = models.Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def mark_lesson_done(*, user, lesson: models.LessonPage) -> models.LessonCompletion:
    """Record that ``user`` finished ``lesson`` (enrolling them if needed) and refresh completion."""
    course = models.CoursePage.objects.get(path=lesson.path[: -lesson.steplen])
    enrol(user=user, course=course)
    completion, _created = models.LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    refresh_completion(user=user, course=course)
    return completion


@transaction.atomic
def refresh_completion(*, user, course: models.CoursePage) -> models.Enrolment | None:
    """Record ``user``'s completion of ``course`` when the completion rule says so.

    The rule is ``courses.completion.is_complete`` over the counted activities (every live
    lesson, every required quiz). Completion, once recorded, is kept: a lesson added or a
    later failed attempt does not take it (or its certificate) back. Other apps call this
    after anything that may complete a course (a quiz passed). Sends ``course_completed``
    once, in this transaction. Returns the enrolment, or None when ``user`` is not enrolled.
    """
    enrolment = models.Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None or enrolment.completed_at is not None:
        return enrolment
    totals, done = progress_counts([user.pk], [course.path])
    if is_complete(done.get((user.pk, course.path), 0), totals.get(course.path, 0)):
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        course_completed.send(sender=models.CoursePage, user=user, course=course, enrolment=enrolment)
    return enrolment
