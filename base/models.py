"""Pages and settings every area of the site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: what the platform is and where to start."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    call_to_action = models.CharField(
        _("ajakan"),
        max_length=120,
        blank=True,
        help_text=_("Teks tombol menuju katalog kursus."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("call_to_action")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("beranda")
        verbose_name_plural = _("beranda")

    FEATURED_COURSES = 3

    def get_context(self, request, *args, **kwargs):
        """The catalogue and its first courses in tree order: editors feature a course by moving it up."""
        from courses.models import CourseIndexPage
        from courses.selectors import attach_card_data, visible_courses

        context = super().get_context(request, *args, **kwargs)
        catalogue = CourseIndexPage.objects.live().child_of(self).first()
        context["catalogue"] = catalogue
        context["featured_courses"] = (
            attach_card_data(visible_courses(request.user).child_of(catalogue)[: self.FEATURED_COURSES])
            if catalogue
            else []
        )
        return context
