"""Unpublishing a course hides it from learners, never its enrolments and completions from Dinas."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.actions.unpublish_page import UnpublishPageAction

from courses.models import Enrolment
from courses.services import enrol, mark_lesson_done
from tests.factories import make_analyst

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished_course(course, lessons, learner):
    for lesson in lessons:
        mark_lesson_done(user=learner, lesson=lesson)
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None
    admin = get_user_model().objects.create_superuser("penerbit", "penerbit@example.com", "rahasia-uji-123")
    UnpublishPageAction(course, user=admin, include_descendants=True).execute()
    course.refresh_from_db()
    assert not course.live
    return course


def test_analyst_still_sees_the_unpublished_course_in_progress_per_course(client, unpublished_course, learner):
    client.force_login(make_analyst())
    response = client.get(reverse("courses:cooperative_progress"))
    summary = {item["course"].pk: item for item in response.context["course_summary"]}
    assert summary[unpublished_course.pk]["enrolled"] == 1 and summary[unpublished_course.pk]["completed"] == 1
    html = response.content.decode()
    assert "Pembukuan digital koperasi" in html and "tidak tayang" in html
    assert unpublished_course.url not in html  # no link to a page that answers 404


def test_unpublished_course_without_enrolments_is_not_listed(client, course):
    UnpublishPageAction(course, include_descendants=False).execute(skip_permission_checks=True)
    client.force_login(make_analyst())
    response = client.get(reverse("courses:cooperative_progress"))
    assert course.pk not in {item["course"].pk for item in response.context["course_summary"]}


def test_learners_get_404_for_the_unpublished_course(client, unpublished_course, learner, lessons):
    client.force_login(learner)
    assert client.get(unpublished_course.url).status_code == 404
    assert client.post(reverse("courses:enrol", args=[unpublished_course.pk])).status_code == 404
    assert client.post(reverse("courses:mark_lesson_done", args=[lessons[0].pk])).status_code == 404
    assert "Pembukuan digital koperasi" not in client.get(reverse("courses:my_courses")).content.decode()


def test_enrolment_survives_unpublishing(unpublished_course, learner):
    # Enrolling again (were the course republished) returns the same record.
    assert enrol(user=learner, course=unpublished_course).pk == Enrolment.objects.get(user=learner).pk
