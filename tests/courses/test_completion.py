"""The one completion rule: every lesson done and every required quiz passed."""

import pytest
from django.urls import reverse

from courses.completion import is_complete, percent
from courses.models import CoursePage, Enrolment
from courses.selectors import courses_for_learner, learner_course_progress, staff_progress
from quizzes.models import QuizPage
from reports.selectors import course_participation
from tests.factories import make_analyst, make_cooperative, make_user
from tests.learning_world import finish_course, make_learning_course, quiz_of, read_lessons, take_quiz

pytestmark = pytest.mark.django_db

# The course is built once for the module (tests/conftest.py ``module_db``); the tests that
# build their own courses do not mind it.
SHARE_ROWS = ("course",)


@pytest.fixture
def cooperative():
    return make_cooperative(nama="Koperasi Sumber Rejeki")


@pytest.fixture
def learner(cooperative):
    return make_user(username="siti", first_name="Siti", last_name="Aminah", cooperative=cooperative)


@pytest.fixture
def pengurus(cooperative):
    return make_user(username="budi", first_name="Budi", cooperative=cooperative, role="pengurus")


@pytest.fixture(scope="module")
def _shared_course(module_db):
    return module_db.build("course", lambda: make_learning_course().pk)


@pytest.fixture
def course(_shared_course, db):
    if _shared_course is None:  # a test that commits builds its own
        return make_learning_course()
    return CoursePage.objects.get(pk=_shared_course)


def enrolment_of(user, course):
    return Enrolment.objects.get(user=user, course=course)


def test_the_rule():
    assert not is_complete(0, 0)
    assert not is_complete(2, 3)
    assert is_complete(3, 3)
    assert percent(2, 3) == 67 and percent(0, 0) == 0


def test_lessons_alone_do_not_complete_a_course_with_a_required_quiz(learner, course):
    read_lessons(learner, course)
    progress = learner_course_progress(learner, course)
    assert (progress.activities_done, progress.activities_total) == (2, 3)
    assert enrolment_of(learner, course).completed_at is None


def test_failing_then_passing_the_required_quiz_completes_the_course(learner, course):
    read_lessons(learner, course)
    take_quiz(learner, quiz_of(course), right=False)
    assert enrolment_of(learner, course).completed_at is None
    take_quiz(learner, quiz_of(course), right=True)
    assert enrolment_of(learner, course).completed_at is not None
    assert learner_course_progress(learner, course).percent == 100


def test_passing_the_quiz_first_and_reading_last_also_completes(learner, course):
    take_quiz(learner, quiz_of(course))
    assert enrolment_of(learner, course).completed_at is None
    read_lessons(learner, course)
    assert enrolment_of(learner, course).completed_at is not None


def test_practice_quizzes_never_count(learner, course):
    take_quiz(learner, quiz_of(course, "latihan"), right=False)
    read_lessons(learner, course)
    take_quiz(learner, quiz_of(course))
    assert enrolment_of(learner, course).completed_at is not None


def test_editors_choose_which_quizzes_are_required(learner, course):
    exam, practice = quiz_of(course), quiz_of(course, "latihan")
    assert exam.is_required and not practice.is_required
    exam.completion_requirement = QuizPage.REQUIREMENT_OPTIONAL
    exam.save_revision().publish()
    practice.completion_requirement = QuizPage.REQUIREMENT_REQUIRED
    practice.save_revision().publish()
    required = set(QuizPage.objects.filter(QuizPage.required_q()).values_list("pk", flat=True))
    assert required == {practice.pk}
    read_lessons(learner, course)
    assert enrolment_of(learner, course).completed_at is None  # the practice quiz is now required
    take_quiz(learner, quiz_of(course, "latihan"))
    assert enrolment_of(learner, course).completed_at is not None


def test_taking_a_quiz_enrols_so_the_course_shows_in_my_courses(client, learner, course):
    take_quiz(learner, quiz_of(course))
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    client.force_login(learner)
    page = client.get(reverse("courses:my_courses")).content.decode()
    assert course.title in page and "1 dari 3 aktivitas selesai (33 %)" in page


def test_a_course_without_lessons_completes_on_its_required_quiz(learner):
    course = make_learning_course("Hanya ujian", lessons=0, practice=False)
    take_quiz(learner, quiz_of(course))
    assert enrolment_of(learner, course).completed_at is not None


def test_completion_is_kept_after_a_later_failed_attempt(learner, course):
    exam = quiz_of(course)
    exam.grading_method = "last"
    exam.save_revision().publish()
    finish_course(learner, course)
    completed_at = enrolment_of(learner, course).completed_at
    take_quiz(learner, exam, right=False)
    assert enrolment_of(learner, course).completed_at == completed_at


def test_course_page_lists_lessons_and_quizzes_with_their_state(client, learner, course):
    read_lessons(learner, course, 1)
    take_quiz(learner, quiz_of(course), right=False)
    take_quiz(learner, quiz_of(course, "latihan"))
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    items = html.split('data-activity="')[1:]
    assert [item.split('"')[0] for item in items] == ["lesson", "lesson", "quiz", "quiz"]
    assert "is-done" not in html.split('data-activity="lesson"')[2].split("</li>")[0]
    latihan, ujian = items[2].split("</li>")[0], items[3].split("</li>")[0]
    assert "Nilai 100,0" in latihan and "Lulus" in latihan and "wajib lulus" not in latihan
    assert "Nilai 0,0" in ujian and "Belum lulus" in ujian and "wajib lulus" in ujian
    assert "1 dari 3 aktivitas selesai (33 %)" in html


def test_progress_agrees_on_every_page(client, learner, pengurus, cooperative, course):
    """The same learner, the same figures: course page, my courses, the pengurus' pages,
    Dinas progress and the district training report."""
    other = make_learning_course("Kursus kedua")
    read_lessons(learner, course, 1)
    take_quiz(learner, quiz_of(course))  # 2 of 3
    finish_course(learner, other)  # 3 of 3, completed
    expected = {course.pk: ("2 dari 3 aktivitas selesai (67 %)", 67, False), other.pk: (None, 100, True)}

    client.force_login(learner)
    course_page = client.get(course.url).content.decode()
    assert expected[course.pk][0] in course_page
    other_page = client.get(other.url).content.decode()
    assert "3 dari 3 aktivitas selesai (100 %)" in other_page and "Selesai" in other_page
    mine = {p.course.pk: (p.percent, p.completed) for p in courses_for_learner(learner)}
    my_page = client.get(reverse("courses:my_courses")).content.decode()
    assert expected[course.pk][0] in my_page and "3 dari 3 aktivitas selesai (100 %)" in my_page

    client.force_login(pengurus)
    learner_page = client.get(reverse("courses:learner_progress", args=[learner.pk])).content.decode()
    assert expected[course.pk][0] in learner_page and "3 dari 3 aktivitas selesai (100 %)" in learner_page
    response = client.get(reverse("courses:staff_progress", args=[cooperative.pk]))
    row = next(r for r in response.context["rows"] if r.learner == learner)
    staff = {cell.course.pk: (cell.percent, cell.completed) for cell in row.cells}
    assert row.courses_completed == 1

    for pk, (_label, value, done) in expected.items():
        assert mine[pk] == staff[pk] == (value, done)
    assert staff_progress([learner], [course, other])[0].courses_completed == 1

    client.force_login(make_analyst())
    dinas = client.get(reverse("courses:cooperative_progress"))
    summary = {row["course"].pk: row for row in dinas.context["course_summary"]}
    assert summary[course.pk]["completed"] == 0 and summary[course.pk]["enrolled"] == 1
    assert summary[other.pk]["completed"] == 1
    listed = next(c for c in dinas.context["page_obj"].object_list if c.pk == cooperative.pk)
    assert (listed.enrolled, listed.completed) == (2, 1)
    # The district training report: participation and completion.
    participation = next(c for c in course_participation() if c.pk == cooperative.pk)
    assert (participation.learner_count, participation.enrolment_count) == (1, 2)
    assert (participation.completion_count, participation.completer_count) == (1, 1)


def test_my_courses_and_staff_page_queries_do_not_grow_with_quizzes(
    client, learner, pengurus, cooperative, django_assert_num_queries
):
    first = make_learning_course("Satu")
    finish_course(learner, first)
    client.force_login(learner)
    url = reverse("courses:my_courses")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as mine:
        client.get(url)
    # Counted now: the captured list reads the connection's log, which the next request resets.
    mine = len(mine)
    client.force_login(pengurus)
    staff_url = reverse("courses:staff_progress", args=[cooperative.pk])
    client.get(staff_url)
    with CaptureQueriesContext(connection) as staff:
        client.get(staff_url)
    staff = len(staff)

    for number in range(2):
        course = make_learning_course(f"Tambahan {number}")
        take_quiz(learner, quiz_of(course), right=False)
        take_quiz(learner, quiz_of(course, "latihan"))
        read_lessons(learner, course, 1)
        colleague = make_user(cooperative=cooperative)
        finish_course(colleague, course)
    client.force_login(learner)
    client.get(url)  # publishing retired the page caches (base.pagecache): filled again once
    with django_assert_num_queries(mine):
        client.get(url)
    client.force_login(pengurus)
    client.get(staff_url)
    with django_assert_num_queries(staff):
        client.get(staff_url)


def test_submitting_the_last_required_quiz_says_the_course_is_complete(client, learner, course):
    from quizzes.services import start_attempt

    read_lessons(learner, course)
    client.force_login(learner)
    for right, congratulated in ((False, False), (True, True)):
        attempt = start_attempt(user=learner, quiz=quiz_of(course))
        data = {"shown": [question["id"] for question in attempt.snapshot["questions"]]}
        for question in attempt.snapshot["questions"]:
            data[f"q-{question['id']}"] = next(c["id"] for c in question["choices"] if (c["fraction"] >= 1) == right)
        response = client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True)
        assert ("Selamat, Anda telah menyelesaikan kursus ini!" in response.content.decode()) is congratulated


def test_editors_find_the_requirement_on_the_quiz_page(client, course):
    from tests.factories import make_editor

    client.force_login(make_editor())
    html = client.get(reverse("wagtailadmin_pages:edit", args=[quiz_of(course).pk])).content.decode()
    assert "syarat menyelesaikan kursus" in html.lower() and "Ujian dan Post-test wajib lulus" in html


def test_a_quiz_passed_offline_completes_the_course_too(learner, course):
    from django.utils import timezone

    from quizzes.services import record_offline_attempt
    from quizzes.snapshot import build_snapshot

    read_lessons(learner, course)
    exam = quiz_of(course)
    now = timezone.now()
    answers = {
        question["id"]: (next(c["id"] for c in question["choices"] if c["fraction"] >= 1), now)
        for question in build_snapshot(exam)["questions"]
    }
    record_offline_attempt(
        user=learner, quiz=exam, quiz_as_seen=exam, started_at=now, answers=answers, submitted_at=now, received_at=now
    )
    assert enrolment_of(learner, course).completed_at is not None
