"""The readers behind every progress figure (courses/selectors.py) on the shared course of
tests/courses/conftest.py: what an anonymous visitor and a learner see, counts per course,
private sections, the catalogue's filters, and stored video embeds read at once."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import PageViewRestriction

from courses import selectors, services
from courses.blocks import LessonBodyBlock
from courses.models import CoursePage, Enrolment, LessonCompletion
from quizzes import questions as q
from quizzes.services import create_quiz, start_attempt, submit_attempt
from tests.factories import catalogue_page, make_user

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_sees_every_lesson_undone(course, lessons):
    progress = selectors.learner_course_progress(AnonymousUser(), course)
    assert [lesson.pk for lesson in progress.lessons] == [lesson.pk for lesson in lessons]
    assert [lesson.is_done for lesson in progress.lessons] == [False, False]
    assert (progress.activities_total, progress.activities_done, progress.percent) == (2, 0, 0)
    assert (progress.started, progress.completed, progress.meets_rule) == (False, False, False)
    assert progress.next_lesson.pk == lessons[0].pk
    assert progress.label == "0 dari 2 aktivitas selesai (0 %)"


def test_a_learner_moves_through_the_course(learner, course, lessons):
    services.mark_lesson_done(user=learner, lesson=lessons[0])
    halfway = selectors.learner_course_progress(learner, course)
    assert (halfway.activities_done, halfway.percent, halfway.started, halfway.completed) == (1, 50, True, False)
    assert halfway.next_lesson.pk == lessons[1].pk
    assert halfway.enrolment.user == learner and halfway.enrolment.course == course
    assert halfway.label == "1 dari 2 aktivitas selesai (50 %)"
    services.mark_lesson_done(user=learner, lesson=lessons[1])
    done = selectors.learner_course_progress(learner, course)
    assert (done.percent, done.meets_rule, done.completed, done.next_lesson) == (100, True, True, None)
    assert str(Enrolment.objects.get(user=learner)) == f"Siti → {course.title}"
    assert str(LessonCompletion.objects.filter(user=learner).first()) == f"Siti ✓ {lessons[0].title}"


def test_enrolled_without_any_lesson_read_is_started(learner, course):
    services.enrol(user=learner, course=course)
    progress = selectors.learner_course_progress(learner, course)
    assert (progress.started, progress.activities_done, progress.enrolment is not None) == (True, 0, True)


def test_lesson_totals_and_done_per_course(learner, course, lessons):
    assert selectors.lesson_totals([]) == {}
    assert selectors.lesson_totals([course.path]) == {course.path: 2}
    assert selectors.lesson_totals()[course.path] == 2
    services.mark_lesson_done(user=learner, lesson=lessons[1])
    assert selectors.lessons_done_per_user_and_course([learner]) == {(learner.pk, course.path): 1}
    # An unpublished lesson counts neither in the total nor as done.
    lessons[1].unpublish()
    assert selectors.lesson_totals([course.path]) == {course.path: 1}
    assert selectors.lessons_done_per_user_and_course([learner]) == {}


def test_a_required_quiz_is_one_more_counted_activity(learner, course, lessons):
    quiz = create_quiz(
        course=course, title="Ujian", questions=[q.true_false_question("RAT wajib?", True)], purpose="ujian"
    )
    create_quiz(course=course, title="Latihan", questions=[q.true_false_question("Kas?", True)])
    totals, done = selectors.progress_counts([learner.pk], [course.path])
    assert (totals, done) == ({course.path: 3}, {})
    attempt = start_attempt(user=learner, quiz=quiz)
    submit_attempt(attempt=attempt, answers={attempt.snapshot["questions"][0]["id"]: "true"})
    totals, done = selectors.progress_counts([learner.pk], [course.path])
    assert done == {(learner.pk, course.path): 1}
    progress = selectors.learner_course_progress(learner, course)
    assert [(a.kind, a.counts, a.done) for a in progress.activities] == [
        ("lesson", True, False),
        ("lesson", True, False),
        ("quiz", True, True),
        ("quiz", False, False),
    ]
    assert progress.label == "1 dari 3 aktivitas selesai (33 %)"


def test_my_courses_lists_only_live_enrolments_newest_first(learner, course, lessons):
    assert selectors.courses_for_learner(learner) == []
    services.mark_lesson_done(user=learner, lesson=lessons[0])
    (mine,) = selectors.courses_for_learner(learner)
    assert (mine.course.pk, mine.activities_total, mine.activities_done) == (course.pk, 2, 1)
    assert mine.course.topic_list == [] and mine.course.cover is None
    Enrolment.objects.filter(user=learner).update(enrolled_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    course.unpublish()
    assert selectors.courses_for_learner(learner) == []


def test_a_course_in_a_group_only_section_is_listed_for_that_group_only(learner, course):
    members = Group.objects.create(name="Pengurus terpilih")
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members)
    assert course.pk not in {c.pk for c in selectors.visible_courses(learner)}
    assert course.pk not in {c.pk for c in selectors.visible_courses(AnonymousUser())}
    learner.groups.add(members)
    learner = type(learner).objects.get(pk=learner.pk)  # group names are read once per user (request)
    assert course.pk in {c.pk for c in selectors.visible_courses(learner)}
    superuser = make_user(is_superuser=True)
    assert course.pk in {c.pk for c in selectors.visible_courses(superuser)}
    # A learner's enrolment keeps the course among the results readers see even once it is hidden.
    course.unpublish()
    services.enrol(user=learner, course=course)
    assert course.pk in {c.pk for c in selectors.courses_with_results(superuser)}


def test_catalogue_filters_and_dimension_search_ignore_case(learner, course):
    course.tags.add("Pembukuan")
    course.dimensions.add("D4")
    course.save_revision().publish()
    catalogue = catalogue_page()
    topics, dimensions = selectors.catalogue_filters(catalogue)
    assert ("pembukuan", "Pembukuan") in topics and "D4" in dimensions
    found = selectors.search_catalogue(learner, catalogue=catalogue, dimension="d4")
    assert [c.pk for c in found] == [course.pk]
    assert [c.pk for c in selectors.search_catalogue(learner, catalogue=catalogue, topic="pembukuan")] == [course.pk]
    assert list(selectors.search_catalogue(learner, catalogue=catalogue, topic="tidak-ada")) == []
    (card,) = selectors.attach_card_data(CoursePage.objects.filter(pk=course.pk))
    assert [t.name for t in card.topic_list] == ["Pembukuan"] and [d.name for d in card.dimension_list] == ["D4"]


def test_stored_video_embeds_are_read_in_one_query_and_load_lazily(course):
    urls = [f"https://www.youtube.com/watch?v=video{n}" for n in range(3)]
    for url in urls:
        Embed.objects.create(
            url=url,
            max_width=None,
            hash=get_embed_hash(url, None, None),
            type="video",
            html=f'<iframe src="{url}"></iframe>',
            provider_name="YouTube",
        )
    raw = [{"type": "video", "value": {"video": url, "caption": ""}} for url in urls]
    with CaptureQueriesContext(connection) as queries:
        body = LessonBodyBlock().to_python(raw)
        htmls = [str(child.value["video"].html) for child in body]
    assert len(queries) == 1
    # Wagtail's embed template around the stored HTML, the player loading only when scrolled to.
    assert [" ".join(html.split()) for html in htmls] == [
        f'<div> <iframe loading="lazy" src="{url}"></iframe> </div>' for url in urls
    ]


def test_blocks_without_images_or_documents_preview_empty(course):
    body = LessonBodyBlock()
    assert body.child_blocks["image"].get_preview_value()["image"] is None
    assert body.child_blocks["document"].get_preview_value()["document"] is None


def test_a_lesson_finds_its_course_and_its_cache_key_follows_the_body(course, lessons):
    lesson = type(lessons[0]).objects.get(pk=lessons[0].pk)
    assert lesson.get_course().pk == course.pk
    before = lesson.get_cache_key_components()
    lesson.body = [("text", "<p>Isi baru</p>")]
    assert lesson.get_cache_key_components() != before
    assert before[-2] == lesson.live_revision_id
