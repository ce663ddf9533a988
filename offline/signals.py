"""Download sizes follow publishing: a published or unpublished lesson, quiz or course
refreshes its own size and its course's, so learners' pages only read the cache. A course
measures all its lessons again when it is published itself; when one lesson or quiz is,
the other lessons keep their cached sizes (rendering every lesson of a course on each
lesson's publish made building a course quadratic)."""

from django.core.cache import cache

from courses.models import CoursePage, LessonPage
from quizzes.models import QuizPage

from . import selectors


def refresh_download_sizes(sender, instance, **kwargs):
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, LessonPage):
        cache.delete(selectors.lesson_size_key(page.pk))
        if page.live:
            selectors.lesson_download_bytes(page)
    if isinstance(page, CoursePage):
        course = page
    elif isinstance(page, LessonPage | QuizPage):
        course = CoursePage.objects.filter(path=page.path[: -page.steplen]).first()
    else:
        return
    if course is not None:
        cache.delete(selectors.course_size_key(course.pk))
        if course.live:
            selectors.course_download_bytes(course, cached_lessons=course is not page)
