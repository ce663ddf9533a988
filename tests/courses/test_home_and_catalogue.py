"""The home page's featured courses and the catalogue's own bounds: editors feature a course by
moving it up the tree, private courses are never featured to those they are hidden from, and
what visitors type into the catalogue's address is cut to size."""

import pytest
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from tests.factories import catalogue_page, make_course

pytestmark = pytest.mark.django_db
# Four courses, published once for the module (tests/conftest.py, module_db); the test that
# does not ask for them does not mind them.
SHARE_ROWS = ("four_courses",)


def build_courses():
    return [make_course(title=f"Kursus {letter}").pk for letter in "ABCD"]


@pytest.fixture(scope="module")
def _shared_courses(module_db):
    return module_db.build("four_courses", build_courses)


@pytest.fixture
def four_courses(_shared_courses, db):
    pks = _shared_courses if _shared_courses is not None else build_courses()
    return [CoursePage.objects.get(pk=pk) for pk in pks]


def featured(client):
    return [course.title for course in client.get("/").context["featured_courses"]]


def test_the_first_three_courses_in_tree_order_are_featured(client, four_courses):
    assert featured(client) == ["Kursus A", "Kursus B", "Kursus C"]
    # Moving D to the top of the catalogue features it.
    four_courses[3].move(catalogue_page(), pos="first-child")
    # The move retired the anonymous page cache, so this visit renders the page again.
    home = client.get("/").context
    assert [course.title for course in home["featured_courses"]] == ["Kursus D", "Kursus A", "Kursus B"]
    assert home["catalogue"].pk == catalogue_page().pk
    assert all(hasattr(course, "topic_list") and hasattr(course, "cover") for course in home["featured_courses"])
    # The next visit is served from that cache, with the same courses.
    again = client.get("/")
    assert again.context is None
    assert again.content.decode().index("Kursus D") < again.content.decode().index("Kursus A")


def test_private_and_unpublished_courses_are_not_featured(client, django_user_model, four_courses):
    PageViewRestriction.objects.create(page=four_courses[0], restriction_type=PageViewRestriction.LOGIN)
    four_courses[1].unpublish()
    assert featured(client) == ["Kursus C", "Kursus D"]
    client.force_login(django_user_model.objects.create_user(username="masuk"))
    assert featured(client) == ["Kursus A", "Kursus C", "Kursus D"]


def test_without_a_catalogue_the_home_page_features_nothing(client):
    catalogue_page().unpublish()
    context = client.get("/").context
    assert context["catalogue"] is None and context["featured_courses"] == []


def test_what_visitors_type_is_cut_to_size_and_marks_the_list_filtered(client, four_courses):
    page = client.get("/kursus/", {"q": "  " + "x" * 150, "topik": "t" * 150, "dimensi": "D1" * 10}).context
    assert (len(page["query"]), len(page["topic"]), page["dimension"]) == (100, 100, "D1D1D1D1D1")
    assert page["filtered"] is True and list(page["courses"]) == []
    plain = client.get("/kursus/").context
    assert plain["filtered"] is False
    assert [course.title for course in plain["courses"]] == ["Kursus A", "Kursus B", "Kursus C", "Kursus D"]
