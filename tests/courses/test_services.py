import pytest
from django.db import IntegrityError, transaction

from courses import services
from courses.completion import ActivitySource, register_activity_source, unregister_activity_source
from courses.models import CoursePage, Enrolment, LessonCompletion
from tests.factories import make_cooperative, make_course, make_lesson, make_user

pytestmark = pytest.mark.django_db
# The one test without the course makes its own and looks only at that (tests/conftest.py).
SHARE_ROWS = ("course",)


@pytest.fixture
def learner():
    return make_user(cooperative=make_cooperative())


def build_course():
    course = make_course(title="Pembukuan digital")
    make_lesson(course, title="Buku kas")
    make_lesson(course, title="Laporan bulanan")
    return course


@pytest.fixture(scope="module")
def _shared_course(module_db):
    return module_db.build("course", lambda: build_course().pk)


@pytest.fixture
def course(_shared_course, db):
    return CoursePage.objects.get(pk=_shared_course) if _shared_course else build_course()


def lessons_of(course):
    from courses.selectors import course_lessons

    return course_lessons(course)


class _OneMoreActivity(ActivitySource):
    """One counted activity in every course, done when ``done`` says so (as the quizzes app adds them)."""

    def __init__(self):
        self.done = False

    def learner_activities(self, user, course_paths):
        return []

    def counted(self, user_ids, course_paths):
        totals = {path: 1 for path in course_paths}
        done = {(user_id, path): 1 for user_id in user_ids for path in course_paths} if self.done else {}
        return totals, done


@pytest.fixture
def extra_requirement():
    """A registered activity source; removed again afterwards."""
    source = register_activity_source(_OneMoreActivity())
    yield source
    unregister_activity_source(source)


def test_enrol_is_idempotent(learner, course):
    first = services.enrol(user=learner, course=course)
    second = services.enrol(user=learner, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_database_refuses_a_second_enrolment_or_completion(learner, course):
    services.enrol(user=learner, course=course)
    lesson = lessons_of(course)[0]
    services.mark_lesson_done(user=learner, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=learner, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonCompletion.objects.create(user=learner, lesson=lesson)


def test_mark_lesson_done_enrols_and_is_idempotent(learner, course):
    lesson = lessons_of(course)[0]
    services.mark_lesson_done(user=learner, lesson=lesson)
    services.mark_lesson_done(user=learner, lesson=lesson)
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is None


def test_course_completes_when_every_live_lesson_is_done(learner, course):
    first, second = lessons_of(course)
    services.mark_lesson_done(user=learner, lesson=first)
    assert Enrolment.objects.get(user=learner).completed_at is None
    services.mark_lesson_done(user=learner, lesson=second)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_completion_is_kept_when_a_lesson_is_added(learner, course):
    for lesson in lessons_of(course):
        services.mark_lesson_done(user=learner, lesson=lesson)
    completed_at = Enrolment.objects.get(user=learner).completed_at
    make_lesson(course, title="Materi tambahan")
    enrolment = services.refresh_completion(user=learner, course=course)
    assert enrolment.completed_at == completed_at


def test_unpublished_lessons_do_not_count(learner, course):
    make_lesson(course, title="Draf", publish=False)
    for lesson in lessons_of(course):
        services.mark_lesson_done(user=learner, lesson=lesson)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_registered_requirements_hold_completion_back(learner, course, extra_requirement):
    for lesson in lessons_of(course):
        services.mark_lesson_done(user=learner, lesson=lesson)
    assert Enrolment.objects.get(user=learner).completed_at is None
    extra_requirement.done = True
    services.refresh_completion(user=learner, course=course)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_refresh_without_enrolment_creates_nothing(learner, course):
    assert services.refresh_completion(user=learner, course=course) is None
    assert not Enrolment.objects.exists()


def test_course_without_lessons_is_not_completed(learner):
    empty = make_course(title="Kosong")
    services.enrol(user=learner, course=empty)
    assert services.refresh_completion(user=learner, course=empty).completed_at is None
