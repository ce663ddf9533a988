"""Reads for offline learning: what a course needs on the phone, and what it costs to download.

Download sizes are estimates of what a phone receives: the page as the server sends it
(HTML compressed as the reverse proxy does, plus the page's frame) and its images at the
phone-sized rendition. They are computed when content is published (``signals``) and
cached; a miss (another worker, a cleared cache) computes them again.
"""

import gzip

from django.core.cache import cache
from django.urls import reverse
from wagtail.images import get_image_model

from base.access import can_learn
from courses.blocks import IMAGE_FILTER_SPECS
from courses.models import CoursePage, LessonPage
from courses.selectors import visible_courses
from quizzes.models import QuizPage
from quizzes.snapshot import public_question, quiz_questions

# What a phone downloads for one image: the 720-pixel webp (360 CSS pixels at the 2x
# density of a typical Android phone).
PHONE_IMAGE_SPEC = "format-webp|width-720"
WEBP_SPECS = [spec for spec in IMAGE_FILTER_SPECS if spec.startswith("format-webp")]
# Header, breadcrumb, progress, navigation and footer of a learner page, compressed
# (measured on the lesson page: about 1.6 KB).
PAGE_FRAME_BYTES = 1600
SIZE_CACHE_SECONDS = 60 * 60 * 24 * 7


def lesson_size_key(lesson_id):
    return f"offline:size:lesson:{lesson_id}"


def course_size_key(course_id):
    return f"offline:size:course:{course_id}"


def _compressed(text):
    return len(gzip.compress(text.encode(), compresslevel=6))


def _image_bytes(image):
    try:
        return image.get_rendition(PHONE_IMAGE_SPEC).file.size
    except (OSError, ValueError):
        return 0  # a missing or unreadable original: nothing to download


def _body_images(lesson):
    return [block.value["image"] for block in lesson.body if block.block_type == "image" and block.value["image"]]


def compute_lesson_bytes(lesson):
    """The lesson page as served (body compressed + frame) and its images at phone size.

    Videos are left out: their players load from another host only when tapped.
    """
    html = "".join(block.render() for block in lesson.body if block.block_type != "video")
    return PAGE_FRAME_BYTES + _compressed(html) + sum(_image_bytes(image) for image in _body_images(lesson))


def compute_quiz_bytes(quiz):
    questions = quiz_questions(quiz)
    text = "".join(question["text"] + "".join(c["text"] for c in question.get("choices", [])) for question in questions)
    image_bytes = 0
    for question in questions:
        if question.get("image_url"):
            image_bytes += 40_000  # a question image (max 800x600): a typical photo
    # The quiz page and its offline copy (the questions with their form) are sent.
    return 2 * PAGE_FRAME_BYTES + _compressed(text) * 2 + image_bytes


def lesson_download_bytes(lesson):
    """Cached estimate for one lesson (computed on a miss)."""
    key = lesson_size_key(lesson.pk)
    size = cache.get(key)
    if size is None:
        size = compute_lesson_bytes(LessonPage.objects.get(pk=lesson.pk))
        cache.set(key, size, SIZE_CACHE_SECONDS)
    return size


def compute_course_bytes(course, *, cached_lessons=False):
    """The course page, its cover, its live lessons and quizzes. Every lesson is measured
    again, unless ``cached_lessons``: then a lesson whose size is cached keeps it (a lesson
    or quiz just published has refreshed its own, so the others need not be rendered again)."""
    lessons = list(LessonPage.objects.live().child_of(course))
    known = cache.get_many([lesson_size_key(lesson.pk) for lesson in lessons]) if cached_lessons else {}
    total = PAGE_FRAME_BYTES
    if course.cover_image_id:
        total += _image_bytes(course.cover_image)
    for lesson in lessons:
        key = lesson_size_key(lesson.pk)
        size = known.get(key)
        if size is None:
            size = compute_lesson_bytes(lesson)
            cache.set(key, size, SIZE_CACHE_SECONDS)
        total += size
    for quiz in QuizPage.objects.live().child_of(course):
        total += compute_quiz_bytes(quiz)
    return total


def course_download_bytes(course, *, cached_lessons=False):
    """Cached estimate for a whole course saved for offline use (computed on a miss; see
    ``compute_course_bytes`` for ``cached_lessons``)."""
    key = course_size_key(course.pk)
    size = cache.get(key)
    if size is None:
        size = compute_course_bytes(CoursePage.objects.get(pk=course.pk), cached_lessons=cached_lessons)
        cache.set(key, size, SIZE_CACHE_SECONDS)
    return size


# --- what a course needs on the phone ----------------------------------------------------


def _candidates(image):
    """The phone-first webp renditions of an image, as the page's ``srcset`` offers them."""
    renditions = image.get_renditions(*WEBP_SPECS)
    return [{"url": renditions[spec].url, "width": renditions[spec].width} for spec in WEBP_SPECS]


def offline_course_or_none(user, course_id):
    """The live course ``user`` may see and learn from, or None."""
    if not can_learn(user):
        return None
    return visible_courses(user).filter(pk=course_id).first()


def course_offline_files(course):
    """Every page and image of ``course`` a learner reads offline.

    Pages: the course, its live lessons, its live quizzes and their offline copies.
    Images: each lesson image and the cover, as their webp candidates (the phone picks
    the one its screen would show). Only live content under a course the learner may
    see is listed (checked by the caller with ``offline_course_or_none``).
    """
    pages = [{"url": course.url, "title": course.title, "kind": "course", "id": course.pk}]
    images = []
    if course.cover_image_id:
        images.append(_candidates(get_image_model().objects.get(pk=course.cover_image_id)))
    lessons = LessonPage.objects.live().child_of(course).order_by("path")
    for lesson in lessons:
        pages.append({"url": lesson.url, "title": lesson.title, "kind": "lesson", "id": lesson.pk})
        images.extend(_candidates(image) for image in _body_images(lesson))
    for quiz in QuizPage.objects.live().child_of(course).order_by("path"):
        pages.append({"url": quiz.url, "title": quiz.title, "kind": "quiz", "id": quiz.pk})
        pages.append(
            {"url": reverse("offline:quiz_paper", args=[quiz.pk]), "title": quiz.title, "kind": "paper", "id": quiz.pk}
        )
        for question in quiz_questions(quiz):
            shown = public_question(question)
            if shown.get("image_url"):
                images.append([{"url": shown["image_url"], "width": 0}])
    return {
        "course": {"id": course.pk, "title": course.title, "url": course.url},
        "pages": pages,
        "images": images,
        "estimated_bytes": course_download_bytes(course),
    }
