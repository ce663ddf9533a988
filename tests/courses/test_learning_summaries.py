"""What pengurus and Dinas read about learning, counted exactly: staff tables, per cooperative
and per course summaries, who has not finished; and completion announced once.

One small world (two cooperatives in two kecamatan, a course of two lessons) built once for
the module (tests/conftest.py, ``module_db``); each test runs in its own savepoint.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cooperatives.models import Cooperative
from courses import selectors, services
from courses.models import CoursePage, Enrolment
from courses.signals import course_completed
from quizzes import questions as q
from quizzes.models import QuizPage
from quizzes.services import create_quiz
from tests.conftest import refetched
from tests.factories import make_cooperative, make_course, make_kecamatan, make_lesson, make_user

pytestmark = pytest.mark.django_db


def build_world():
    course = make_course(title="Pembukuan digital")
    first, second = make_lesson(course, title="Buku kas"), make_lesson(course, title="Laporan")
    other_course = make_course(title="Jualan online")
    make_lesson(other_course, title="Foto produk")
    mawar = make_cooperative(nama="KSU Mawar", kecamatan=make_kecamatan("Paiton"))
    melati = make_cooperative(nama="KSP Melati", jenis="simpan_pinjam", kecamatan=make_kecamatan("Kraksaan"))
    dewi = make_user(username="dewi", first_name="Dewi", cooperative=mawar)
    adi = make_user(username="adi", first_name="Adi", cooperative=mawar)
    eko = make_user(username="eko", first_name="Eko", cooperative=melati)
    gone = make_user(username="keluar", first_name="Keluar", cooperative=melati, is_active=False)
    for lesson in (first, second):
        services.mark_lesson_done(user=dewi, lesson=lesson)  # Dewi completes the course
    services.mark_lesson_done(user=eko, lesson=first)  # Eko is halfway
    services.enrol(user=adi, course=other_course)  # Adi enrolled elsewhere only
    return SimpleNamespace(
        course=course, other_course=other_course, first=first, second=second, mawar=mawar, melati=melati,
        dewi=dewi, adi=adi, eko=eko, gone=gone,
    )  # fmt: skip


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    return refetched(_shared_world if _shared_world is not None else build_world())


def test_staff_table_cells_follow_the_courses_columns(world):
    rows = selectors.staff_progress([world.dewi, world.adi], [world.course, world.other_course])
    cells = [[(c.activities_done, c.activities_total, c.completed, c.started) for c in row.cells] for row in rows]
    assert cells == [
        [(2, 2, True, True), (0, 1, False, False)],
        [(0, 2, False, False), (0, 1, False, True)],
    ]
    assert [row.courses_completed for row in rows] == [1, 0]
    assert selectors.staff_progress([], [world.course]) == []


def test_each_cooperative_counts_its_own_learners_enrolments_and_lessons(world):
    summary = list(
        selectors.cooperative_learning_summary(Cooperative.objects.filter(pk__in=[world.mawar.pk, world.melati.pk]))
    )
    # Ordered by kecamatan, then name: Kraksaan before Paiton.
    assert [(c.nama, c.learners, c.enrolled, c.completed, c.lessons_done) for c in summary] == [
        ("KSP Melati", 2, 1, 0, 1),
        ("KSU Mawar", 2, 2, 1, 2),
    ]


def test_unpublished_lessons_leave_the_lesson_count(world):
    world.second.unpublish()
    mawar = selectors.cooperative_learning_summary(Cooperative.objects.filter(pk=world.mawar.pk)).get()
    assert mawar.lessons_done == 1


def test_course_summary_counts_only_the_learners_given(world):
    learners = get_user_model().objects.filter(cooperative=world.mawar)
    summary = selectors.course_learning_summary([world.course, world.other_course], learners)
    assert [(row["course"].title, row["enrolled"], row["completed"]) for row in summary] == [
        ("Pembukuan digital", 1, 1),
        ("Jualan online", 1, 0),
    ]
    everyone = selectors.course_learning_summary([world.course], get_user_model().objects.all())
    assert (everyone[0]["enrolled"], everyone[0]["completed"]) == (2, 1)


def test_unfinished_staff_leaves_out_the_done_the_inactive_and_people_without_a_cooperative(world):
    make_user(username="dinas", first_name="Dinas")
    learners = get_user_model().objects.all()
    unfinished = selectors.unfinished_staff(learners, world.course)
    assert [user.username for user in unfinished] == ["eko", "adi"]  # Kraksaan first, then Paiton
    assert [u.username for u in selectors.unfinished_staff(learners, world.course, kecamatan="Paiton")] == ["adi"]
    assert [u.username for u in selectors.unfinished_staff(learners, world.course, jenis="simpan_pinjam")] == ["eko"]
    progress = selectors.progress_in_course(unfinished, world.course)
    assert {pk: (p.percent, p.started) for pk, p in progress.items()} == {
        world.eko.pk: (50, True),
        world.adi.pk: (0, False),
    }


def test_completion_is_announced_once(world):
    heard = []

    def listener(sender, user, course, enrolment, **kwargs):
        heard.append((user.username, course.pk, enrolment.completed_at is not None))

    course_completed.connect(listener)
    try:
        services.mark_lesson_done(user=world.eko, lesson=world.second)
        services.mark_lesson_done(user=world.eko, lesson=world.second)
        services.refresh_completion(user=world.eko, course=world.course)
    finally:
        course_completed.disconnect(listener)
    assert heard == [("eko", world.course.pk, True)]
    assert services.refresh_completion(user=world.adi, course=world.course) is None


def test_opening_the_course_completes_it_when_a_quiz_stops_being_required(client, world):
    quiz = create_quiz(
        course=world.course, title="Ujian", questions=[q.true_false_question("A?", True)], purpose="ujian"
    )
    services.mark_lesson_done(user=world.eko, lesson=world.second)
    assert Enrolment.objects.get(user=world.eko, course=world.course).completed_at is None
    QuizPage.objects.filter(pk=quiz.pk).update(completion_requirement=QuizPage.REQUIREMENT_OPTIONAL)
    client.force_login(world.eko)
    page = client.get(world.course.url)
    assert page.status_code == 200 and page.context["progress"].completed
    assert Enrolment.objects.get(user=world.eko, course=world.course).completed_at is not None


def test_a_lesson_is_found_through_its_course_and_a_quiz_still_routes(client, world):
    quiz = create_quiz(course=world.course, title="Latihan", questions=[q.true_false_question("A?", True)])
    client.force_login(world.eko)
    lesson = client.get(world.first.url)
    assert lesson.status_code == 200
    assert lesson.context["course"].pk == world.course.pk
    assert (lesson.context["position"], lesson.context["previous_lesson"], lesson.context["next_lesson"].pk) == (
        1,
        None,
        world.second.pk,
    )
    assert lesson.context["is_done"] is True
    assert client.get(quiz.url).status_code == 200
    assert client.get(world.course.url + "tidak-ada/").status_code == 404


def test_enrolling_and_the_last_lesson_say_so(client, world):
    client.force_login(world.eko)
    enrolled = client.post(reverse("courses:enrol", args=[world.other_course.pk]), follow=True)
    assert "Anda terdaftar di kursus ini. Selamat belajar!" in enrolled.content.decode()
    done = client.post(reverse("courses:mark_lesson_done", args=[world.second.pk]), follow=True)
    assert done.redirect_chain[-1][0] == world.course.url
    assert "Selamat, Anda telah menyelesaikan kursus ini!" in done.content.decode()
    assert CoursePage.objects.get(pk=world.course.pk).enrolments.get(user=world.eko).completed_at is not None
