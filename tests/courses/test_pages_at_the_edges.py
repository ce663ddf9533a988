"""Course pages at their edges, on the shared course of tests/courses/conftest.py: the last
lesson's answer to the page script, private sections behind the learner's buttons, the
course page for people who may not learn, paging the staff table, the follow-up's choices."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Enrolment, LessonCompletion
from tests.factories import make_analyst, make_user

pytestmark = pytest.mark.django_db


def done_url(lesson):
    return reverse("courses:mark_lesson_done", args=[lesson.pk])


def test_the_last_lesson_tells_the_page_script_the_course_is_complete(client, learner, lessons):
    client.force_login(learner)
    client.post(done_url(lessons[1]))
    answer = client.post(done_url(lessons[0]), headers={"Accept": "application/json"}).json()
    assert answer == {
        "done": True,
        "course_completed": True,
        "percent": 100,
        "label": "2 dari 2 aktivitas selesai (100 %)",
    }


def test_marking_a_lesson_moves_to_the_next_one_in_the_course(client, learner, course, lessons):
    client.force_login(learner)
    response = client.post(done_url(lessons[0]), follow=True)
    assert response.redirect_chain[-1][0] == lessons[1].url
    assert "Materi ditandai selesai." in response.content.decode()


def test_a_group_only_course_refuses_the_buttons_to_outsiders(client, learner, course, lessons):
    members = Group.objects.create(name="Peserta pelatihan khusus")
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members)
    client.force_login(learner)
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 404
    assert client.post(done_url(lessons[0])).status_code == 404
    assert not Enrolment.objects.filter(user=learner).exists()
    learner.groups.add(members)
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 302
    assert client.post(done_url(lessons[0])).status_code == 302
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_the_buttons_answer_post_only(client, learner, course, lessons):
    client.force_login(learner)
    assert client.get(reverse("courses:enrol", args=[course.pk])).status_code == 405
    assert client.get(done_url(lessons[0])).status_code == 405


def test_people_who_may_not_learn_see_the_summary_and_the_number_of_lessons(client, course):
    anonymous = client.get(course.url)
    assert anonymous.status_code == 200
    assert anonymous.context["lessons_total"] == 2 and "progress" not in anonymous.context
    client.force_login(make_user())  # no cooperative: may not learn
    page = client.get(course.url)
    assert page.context["lessons_total"] == 2 and "progress" not in page.context
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 403


def test_the_staff_table_pages_by_twenty_five(client, pengurus, learner, course):
    for number in range(26):
        make_user(username=f"staf{number:02d}", first_name=f"Staf {number:02d}", cooperative=learner.cooperative)
    client.force_login(pengurus)
    url = reverse("courses:staff_progress", args=[learner.cooperative_id])
    first = client.get(url)
    assert len(first.context["rows"]) == 25
    second = client.get(url, {"halaman": 2})
    names = [row.learner.first_name for row in second.context["rows"]]
    # Budi (pengurus), Siti and 26 staf: 28 by first name, so the last three are on page 2.
    assert [row.learner.first_name for row in first.context["rows"][:3]] == ["Budi", "Siti", "Staf 00"]
    assert names == ["Staf 23", "Staf 24", "Staf 25"]
    assert [cell.course.pk for cell in second.context["rows"][0].cells] == [course.pk]


def test_follow_up_without_a_chosen_course_takes_the_first_required_one(client, learner, course):
    client.force_login(make_analyst())
    empty = client.get(reverse("courses:follow_up"))
    assert empty.context["course"] is None and empty.context["courses"] == []
    course.required_for_staff = True
    course.save_revision().publish()
    chosen = client.get(reverse("courses:follow_up"), {"kursus": "bukan-angka"})
    assert chosen.context["course"].pk == course.pk
    assert [str(row["learner"]) for row in chosen.context["rows"]] == ["Siti"]
    assert chosen.context["csv_query"] == "kursus=bukan-angka&format=csv"
    assert client.get(reverse("courses:follow_up"), {"kursus": course.pk + 999}).status_code == 404


def test_cooperative_progress_summarises_each_course_for_analysts(client, learner, course, lessons):
    client.force_login(learner)
    client.post(done_url(lessons[0]))
    client.force_login(make_analyst())
    response = client.get(reverse("courses:cooperative_progress"), {"kecamatan": "Kraksaan"})
    summary = {row["course"].pk: (row["enrolled"], row["completed"]) for row in response.context["course_summary"]}
    assert summary[course.pk] == (1, 0)
    assert [c.nama for c in response.context["page_obj"].object_list] == ["Koperasi Sumber Rejeki"]
    elsewhere = client.get(reverse("courses:cooperative_progress"), {"kecamatan": "Paiton"})
    assert list(elsewhere.context["page_obj"].object_list) == []
