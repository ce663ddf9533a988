"""Courses and lessons (pages editors place in the tree) and what learners produce."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import LessonBodyBlock


class CourseTopicTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="topic_tagged_items")


class CourseDimensionTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="dimension_tagged_items"
    )


class CourseIndexPage(Page):
    """The public catalogue of courses."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["base.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("katalog kursus")
        verbose_name_plural = _("katalog kursus")


class CoursePage(Page):
    LEVEL_DASAR = "dasar"
    LEVEL_MENENGAH = "menengah"
    LEVEL_LANJUT = "lanjut"
    LEVEL_CHOICES = [
        (LEVEL_DASAR, _("Dasar")),
        (LEVEL_MENENGAH, _("Menengah")),
        (LEVEL_LANJUT, _("Lanjut")),
    ]

    summary = models.TextField(_("ringkasan"), max_length=500, help_text=_("Satu-dua kalimat untuk katalog."))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("gambar sampul"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveIntegerField(
        _("perkiraan waktu (menit)"), default=30, help_text=_("Berapa lama rata-rata peserta menyelesaikannya.")
    )
    difficulty = models.CharField(_("tingkat kesulitan"), max_length=10, choices=LEVEL_CHOICES, default=LEVEL_DASAR)
    tags = ClusterTaggableManager(
        through=CourseTopicTag, blank=True, verbose_name=_("topik"), related_name="topic_courses"
    )
    dimensions = ClusterTaggableManager(
        through=CourseDimensionTag,
        blank=True,
        verbose_name=_("dimensi kesiapan"),
        help_text=_("Kode dimensi kesiapan digital yang dilatih kursus ini, misalnya D1, D4."),
        related_name="dimension_courses",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("difficulty"), FieldPanel("tags"), FieldPanel("dimensions")],
            heading=_("Keterangan kursus"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("difficulty"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kursus")


class LessonPage(Page):
    """One lesson (materi). Its order in the course is its order in the page tree."""

    summary = models.CharField(_("ringkasan"), max_length=255, blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("isi materi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("materi")
        verbose_name_plural = _("materi")


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, verbose_name=_("kursus"), on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(_("terdaftar"), auto_now_add=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran kursus")
        verbose_name_plural = _("pendaftaran kursus")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrolment_unique_user_course")]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} → {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peserta"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(LessonPage, verbose_name=_("materi"), on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("selesai"), auto_now_add=True)

    class Meta:
        verbose_name = _("materi selesai")
        verbose_name_plural = _("materi selesai")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completion_unique")]

    def __str__(self):
        return f"{self.user} ✓ {self.lesson}"
