import pytest

from courses.models import CoursePage
from tests.factories import make_cooperative, make_course, make_lesson, make_user


@pytest.fixture
def cooperative():
    return make_cooperative(nama="Koperasi Sumber Rejeki")


@pytest.fixture
def learner(cooperative):
    return make_user(username="siti", cooperative=cooperative, first_name="Siti")


@pytest.fixture
def pengurus(cooperative):
    return make_user(username="budi", cooperative=cooperative, role="pengurus", first_name="Budi")


def build_course():
    course = make_course(title="Pembukuan digital koperasi", summary="Buku kas di HP, rapi dan aman.")
    make_lesson(course, title="Mengapa pembukuan digital", body=[("text", "<p>Isi rahasia materi satu.</p>")])
    make_lesson(course, title="Buku kas harian", body=[("text", "<p>Isi materi dua.</p>")])
    return course


@pytest.fixture(scope="module")
def _shared_course(module_db):
    """The course and its two lessons, published once per module (tests/conftest.py)."""
    return module_db.build("course", lambda: build_course().pk)


@pytest.fixture
def course(_shared_course, db):
    if _shared_course is None:  # a test that commits builds its own
        return build_course()
    return CoursePage.objects.get(pk=_shared_course)


@pytest.fixture
def lessons(course):
    from courses.selectors import course_lessons

    return course_lessons(course)
