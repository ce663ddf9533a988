"""Wagtail hooks of the courses app."""

from wagtail import hooks

from .models import CourseIndexPage
from .selectors import attach_card_data, visible_courses

FEATURED_COURSES = 3


@hooks.register("construct_home_page_context")
def add_catalogue_to_home_page(request, page, context):
    """The catalogue and its first courses in tree order: editors feature a course by moving it up."""
    catalogue = CourseIndexPage.objects.live().child_of(page).first()
    context["catalogue"] = catalogue
    context["featured_courses"] = (
        attach_card_data(visible_courses(request.user).child_of(catalogue)[:FEATURED_COURSES]) if catalogue else []
    )
