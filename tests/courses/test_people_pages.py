"""The progress pages about people, on the shared course of tests/courses/conftest.py: a
learner's own list, an analyst reading one learner, the staff table's columns, and a course
that has no lessons yet."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses import selectors, services
from tests.factories import make_analyst, make_course

pytestmark = pytest.mark.django_db
SHARE_ROWS = ("course",)


def test_my_courses_before_and_after_the_first_lesson(client, learner, course, lessons):
    client.force_login(learner)
    empty = client.get(reverse("courses:my_courses")).content.decode()
    assert "Anda belum mengikuti kursus apa pun." in empty
    services.mark_lesson_done(user=learner, lesson=lessons[0])
    page = client.get(reverse("courses:my_courses"))
    (progress,) = page.context["course_progress"]
    assert (progress.course.pk, progress.percent) == (course.pk, 50)
    assert "1 dari 2 aktivitas selesai (50 %)" in page.content.decode()


def test_an_analyst_reads_one_learners_courses(client, learner, course, lessons):
    services.mark_lesson_done(user=learner, lesson=lessons[0])
    services.mark_lesson_done(user=learner, lesson=lessons[1])
    client.force_login(make_analyst())
    page = client.get(reverse("courses:learner_progress", args=[learner.pk]))
    assert page.context["learner"] == learner
    assert [(p.course.pk, p.completed) for p in page.context["course_progress"]] == [(course.pk, True)]
    client.force_login(learner)  # a learner reads their own page too
    assert client.get(reverse("courses:learner_progress", args=[learner.pk])).status_code == 200


def test_a_learner_without_courses_has_an_empty_page(client, learner, course):
    client.force_login(make_analyst())
    page = client.get(reverse("courses:learner_progress", args=[learner.pk]))
    assert page.context["course_progress"] == []
    assert "Belum mengikuti kursus apa pun." in page.content.decode()


def test_the_staff_table_has_a_column_per_course_the_pengurus_may_see(client, pengurus, learner, course):
    hidden = make_course(title="Pelatihan khusus")
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Peserta khusus"))
    client.force_login(pengurus)
    page = client.get(reverse("courses:staff_progress", args=[learner.cooperative_id]))
    assert [c.pk for c in page.context["courses"]] == [course.pk]
    assert all(len(row.cells) == 1 for row in page.context["rows"])
    client.force_login(make_analyst())
    analyst = client.get(reverse("courses:staff_progress", args=[learner.cooperative_id]))
    assert hidden.pk not in [c.pk for c in analyst.context["courses"]]


def test_a_course_without_lessons_keeps_the_enrolment_and_is_not_complete(learner, course):
    empty = make_course(title="Kursus kosong")
    enrolment = services.enrol(user=learner, course=empty)
    progress = selectors.learner_course_progress(learner, empty)
    assert progress.enrolment.pk == enrolment.pk
    assert (progress.activities_total, progress.meets_rule, progress.completed, progress.next_lesson) == (
        0,
        False,
        False,
        None,
    )
    assert progress.label == "0 dari 0 aktivitas selesai (0 %)"
    assert services.refresh_completion(user=learner, course=empty).completed_at is None
