"""Pages cost the same number of queries when courses, lessons and blocks grow threefold.

Threefold is enough to show a per-row query (it would add at least two queries) and keeps
the Wagtail publishing these tests need small."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.selectors import course_lessons
from tests.courses.content import full_body, make_document, make_embed, make_image
from tests.factories import make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm up: renditions, sessions, content types
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def media():
    make_embed()
    return {"image": make_image(), "document": make_document()}


def add_courses(count, media, *, lessons=1, blocks=1, tags=("pembukuan", "qris")):
    courses = []
    for _ in range(count):
        # Built as a draft and published once, with its tags.
        course = make_course(cover_image=media["image"], publish=False)
        course.tags.add(*tags)
        course.dimensions.add("D4", "D5")
        course.save_revision().publish()
        course.refresh_from_db()
        for _ in range(lessons):
            make_lesson(course, body=full_body(repeat=blocks, **media))
        courses.append(course)
    return courses


def test_catalogue_and_home(client, learner, media, django_assert_num_queries):
    add_courses(1, media)
    client.force_login(learner)
    catalogue = count_queries(client, "/kursus/")
    filtered = count_queries(client, "/kursus/?q=Kursus&dimensi=D4&topik=qris")
    home = count_queries(client, "/")
    add_courses(2, media)
    # Publishing retired the page caches (base.pagecache): the first request fills them again.
    for url in ("/kursus/", "/kursus/?q=Kursus&dimensi=D4&topik=qris", "/"):
        client.get(url)
    with django_assert_num_queries(catalogue):
        client.get("/kursus/")
    with django_assert_num_queries(filtered):
        client.get("/kursus/?q=Kursus&dimensi=D4&topik=qris")
    with django_assert_num_queries(home):
        client.get("/")


def test_course_page(client, learner, media, django_assert_num_queries):
    small, big = add_courses(1, media, lessons=2)[0], add_courses(1, media, lessons=6)[0]
    client.force_login(learner)
    for course in (small, big):
        services.mark_lesson_done(user=learner, lesson=course_lessons(course)[0])
    expected = count_queries(client, small.url)
    # Site, routing (course in one query), session, user, tags, cover, the lessons with the
    # learner's ticks and enrolment in one query, quizzes, groups, Wagtail's user bar.
    assert expected <= 18
    client.get(big.url)
    with django_assert_num_queries(expected):
        client.get(big.url)


def test_lesson_page(client, learner, media, django_assert_num_queries):
    small = add_courses(1, media, lessons=2, blocks=1)[0]
    big = add_courses(1, media, lessons=6, blocks=3)[0]
    small_lesson, big_lesson = course_lessons(small)[1], course_lessons(big)[1]
    for lesson in (small_lesson, big_lesson):
        services.mark_lesson_done(user=learner, lesson=lesson)
    client.force_login(learner)
    expected = count_queries(client, small_lesson.url)
    # Was 19: routing now takes the course and the lesson in one query each and keeps the
    # course for the page, and the lessons come with the learner's ticks and enrolment.
    assert expected <= 14
    client.get(big_lesson.url)
    with django_assert_num_queries(expected):
        response = client.get(big_lesson.url)
    assert response.content.decode().count("<picture>") == 3
    assert response.content.decode().count("<iframe") == 3


def test_my_courses(client, learner, media, django_assert_num_queries):
    for course in add_courses(1, media, lessons=2):
        services.mark_lesson_done(user=learner, lesson=course_lessons(course)[0])
    client.force_login(learner)
    url = reverse("courses:my_courses")
    expected = count_queries(client, url)
    for course in add_courses(2, media, lessons=2):
        services.mark_lesson_done(user=learner, lesson=course_lessons(course)[0])
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count("1 dari 2 aktivitas selesai") == 3


def test_staff_progress_and_cooperative_progress(client, cooperative, pengurus, media, django_assert_num_queries):
    from tests.factories import make_analyst, make_cooperative

    def add_staff(count, courses):
        for _ in range(count):
            staff = make_user(cooperative=cooperative)
            for course in courses:
                services.mark_lesson_done(user=staff, lesson=course_lessons(course)[0])

    courses = add_courses(1, media, lessons=2)
    add_staff(2, courses)
    url = reverse("courses:staff_progress", args=[cooperative.pk])
    client.force_login(pengurus)
    staff_queries = count_queries(client, url)
    analyst = make_analyst()
    client.force_login(analyst)
    dinas_url = reverse("courses:cooperative_progress")
    dinas_queries = count_queries(client, dinas_url)

    more_courses = add_courses(2, media, lessons=2)
    add_staff(4, courses + more_courses)
    for _ in range(2):
        make_cooperative()
    client.force_login(pengurus)
    client.get(url)  # publishing retired the page caches (base.pagecache): filled again once
    with django_assert_num_queries(staff_queries):
        response = client.get(url)
    assert len(response.context["rows"]) == 7  # 6 staff and the pengurus
    client.force_login(analyst)
    client.get(dinas_url)
    with django_assert_num_queries(dinas_queries):
        client.get(dinas_url)
