import io

import pytest
from wagtail.images import get_image_model

from courses import demo
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.selectors import course_lessons
from tests.factories import make_cooperative, make_user

pytestmark = pytest.mark.django_db

DIMENSIONS = {"D1", "D2", "D3", "D4", "D5", "D6"}


def test_seed_creates_real_courses_once(client):
    staf = make_user(username="staf", cooperative=make_cooperative())
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)

    courses = list(CoursePage.objects.live())
    assert len(courses) >= 4
    assert len({course.slug for course in courses}) == len(courses)
    for course in courses:
        lessons = course_lessons(course)
        assert len(lessons) >= 3, course.title
        assert course.cover_image is not None
        assert set(course.dimensions.names()) <= DIMENSIONS and course.dimensions.names()
        assert course.tags.names()
        for lesson in LessonPage.objects.live().child_of(course):
            types = [block.block_type for block in lesson.body]
            assert "callout" in types and types.count("text") >= 1, lesson.title
            words = len(" ".join(str(block.render()) for block in lesson.body if block.block_type != "image").split())
            assert words >= 100, lesson.title
    with_table = [lesson for lesson in LessonPage.objects.all() if "table" in [b.block_type for b in lesson.body]]
    assert len(with_table) >= 5

    images = get_image_model().objects.filter(collection__name=demo.COLLECTION_NAME)
    assert images.count() == len(demo.IMAGES)
    assert all(image.width == 1200 for image in images)

    # Progress for the demo user that exists; the missing ones are skipped quietly.
    mi40 = CoursePage.objects.get(slug="making-indonesia-4-0-dan-koperasi")
    assert Enrolment.objects.get(user=staf, course=mi40).completed_at is not None
    assert LessonCompletion.objects.filter(user=staf).count() == len(course_lessons(mi40)) + 1
    assert Enrolment.objects.count() == 2

    client.force_login(staf)
    lesson = course_lessons(mi40)[0]
    page = client.get(lesson.url).content.decode()
    assert "Making Indonesia 4.0" in page and "<picture>" in page


def test_seed_without_catalogue_does_nothing():
    from courses.models import CourseIndexPage

    CourseIndexPage.objects.all().delete()
    out = io.StringIO()
    demo.seed(out)
    assert "dilewati" in out.getvalue()
    assert not CoursePage.objects.exists()
