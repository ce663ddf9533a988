"""Courses and lessons (pages editors place in the tree) and what learners produce."""

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from base.access import can_learn
from base.pagecache import CachedPageMixin, remembered
from base.pagination import paginate

from . import selectors, services
from .blocks import LessonBodyBlock

CATALOGUE_PER_PAGE = 12
# The rendered lesson body is the same for every learner: cached per page, revision and
# blocks. The time bounds how long a renamed document or a moved linked page shows its
# old title or address in a lesson that was not republished.
LESSON_BODY_CACHE_SECONDS = 600


class CourseTopicTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="topic_tagged_items")


class CourseDimensionTag(TaggedItemBase):
    content_object = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="dimension_tagged_items")


class CourseIndexPage(CachedPageMixin, Page):
    """The public catalogue of courses."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["base.HomePage"]
    subpage_types = ["courses.CoursePage"]
    # Anonymous visitors all see the same catalogue; a learner sees it with their own
    # hidden sections (base.pagecache).
    cache_anonymous = True
    cache_learner = True

    class Meta:
        verbose_name = _("katalog kursus")
        verbose_name_plural = _("katalog kursus")

    def route(self, request, path_components):
        """A course below the catalogue in one query (Wagtail's default takes two: the page, then its type)."""
        if path_components:
            course = CoursePage.objects.child_of(self).filter(slug=path_components[0]).first()
            if course is not None and course.specific_class is CoursePage:
                course._cached_parent_obj = self
                return course.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """Search (``q``), filter by topic (``topik``) and dimension (``dimensi``), paginate.

        The unfiltered catalogue is the same for everyone who may see the same courses: it
        is rendered once per page number, language and set of hidden sections, and kept
        until any page changes (``base.pagecache``).
        """
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        topic = request.GET.get("topik", "").strip()[:100]
        dimension = request.GET.get("dimensi", "").strip()[:10]
        number = request.GET.get("halaman", "1")
        if not (query or topic or dimension) and number.isdigit() and len(number) < 6:
            hidden = ",".join(str(pk) for pk in selectors.hidden_restriction_ids(request.user))
            key = f"catalogue:{self.pk}:{number}:{hidden}:{translation.get_language()}"
            html = remembered(
                key,
                lambda: render_to_string(
                    "courses/includes/catalogue.html",
                    {**context, **self._catalogue(request, query, topic, dimension)},
                    request=request,
                ),
            )
            context["catalogue_html"] = mark_safe(html)  # rendered by our own template
            return context
        context.update(self._catalogue(request, query, topic, dimension))
        return context

    def _catalogue(self, request, query, topic, dimension):
        results = selectors.search_catalogue(
            request.user, catalogue=self, query=query, topic=topic, dimension=dimension
        )
        page_obj = paginate(request, results, per_page=CATALOGUE_PER_PAGE)
        topics, dimensions = remembered(f"catalogue-filters:{self.pk}", lambda: selectors.catalogue_filters(self))
        return {
            "query": query,
            "topic": topic,
            "dimension": dimension,
            "topics": topics,
            "dimensions": dimensions,
            "page_obj": page_obj,
            "courses": selectors.attach_card_data(page_obj.object_list),
            "filtered": bool(query or topic or dimension),
        }


class CoursePage(CachedPageMixin, Page):
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

    required_for_staff = models.BooleanField(
        _("wajib bagi staf koperasi"),
        default=False,
        help_text=_(
            "Dinas meminta setiap staf dan pengurus koperasi menyelesaikannya; yang belum selesai tampil di "
            "daftar tindak lanjut dengan pengingat WhatsApp."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("difficulty"),
                FieldPanel("tags"),
                FieldPanel("dimensions"),
                FieldPanel("required_for_staff"),
            ],
            heading=_("Keterangan kursus"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("difficulty"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]
    cache_anonymous = True
    cache_learner = True  # a learner's own progress in it: see base.pagecache.learner_changed

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kursus")

    def route(self, request, path_components):
        """A lesson in one query, remembering its course; anything else (quizzes) as Wagtail routes it."""
        if path_components:
            lesson = LessonPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if lesson is not None and lesson.specific_class is LessonPage:
                lesson._cached_parent_obj = self
                return lesson.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """Everyone sees the summary; a logged-in learner also sees the activities and progress."""
        context = super().get_context(request, *args, **kwargs)
        selectors.attach_card_data([self])
        if can_learn(request.user):
            # Lessons and quizzes with the learner's ticks, grades and enrolment.
            context["progress"] = progress = selectors.learner_course_progress(request.user, self)
            if progress.enrolment and progress.meets_rule and not progress.completed:
                # The rule was met by a change of content (a quiz no longer required).
                progress.enrolment = services.refresh_completion(user=request.user, course=self)
            context["lessons_total"] = progress.lessons_total
        else:
            context["lessons_total"] = len(selectors.course_lessons(self))
        return context


class LessonPage(CachedPageMixin, Page):
    """One lesson (materi). Its order in the course is its order in the page tree."""

    summary = models.CharField(_("ringkasan"), max_length=255, blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("isi materi"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    cache_learner = True  # a learner's own progress in it: see base.pagecache.learner_changed

    class Meta:
        verbose_name = _("materi")
        verbose_name_plural = _("materi")

    def serve(self, request, *args, **kwargs):
        """Lesson bodies are for learners only: log in first; accounts without a cooperative get 403."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_learn(request.user):
            return TemplateResponse(request, "courses/cannot_learn.html", {"page": self}, status=403)
        return super().serve(request, *args, **kwargs)

    def get_course(self):
        """The course this lesson is in (already known when the request was routed through it)."""
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, CoursePage) and parent.path == self.path[: -self.steplen]:
            return parent
        return CoursePage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_cache_key_components(self):
        """Wagtail's page cache key (``{% wagtailpagecache %}`` in the lesson template): its own
        components (id, URL path, last publication) and the live revision and stored blocks,
        so a body changed without a new publication (a data migration, a script) is never
        served stale from the cache."""
        body = json.dumps(list(self.body.raw_data), sort_keys=True, default=str)
        return [*super().get_cache_key_components(), self.live_revision_id, body]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        progress = selectors.learner_course_progress(request.user, course)
        position = next((i for i, lesson in enumerate(progress.lessons) if lesson.pk == self.pk), None)
        previous_lesson = next_lesson = None
        if position is not None:
            previous_lesson = progress.lessons[position - 1] if position > 0 else None
            next_lesson = progress.lessons[position + 1] if position + 1 < len(progress.lessons) else None
        context.update(
            course=course,
            progress=progress,
            position=position + 1 if position is not None else None,
            previous_lesson=previous_lesson,
            next_lesson=next_lesson,
            is_done=any(lesson.pk == self.pk and lesson.is_done for lesson in progress.lessons),
            body_cache_seconds=LESSON_BODY_CACHE_SECONDS,
        )
        return context


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peserta"), on_delete=models.PROTECT, related_name="enrolments"
    )
    # Records outlive content (PRODUCT.md section 9): a course with enrolments cannot be deleted.
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kursus"), on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("terdaftar"), auto_now_add=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran kursus")
        verbose_name_plural = _("pendaftaran kursus")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                name="enrolment_unique_user_course",
                violation_error_message=_("Peserta ini sudah terdaftar di kursus ini."),
            )
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} → {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peserta"),
        on_delete=models.PROTECT,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(
        LessonPage, verbose_name=_("materi"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_at = models.DateTimeField(_("selesai"), auto_now_add=True)

    class Meta:
        verbose_name = _("materi selesai")
        verbose_name_plural = _("materi selesai")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"],
                name="lesson_completion_unique",
                violation_error_message=_("Materi ini sudah ditandai selesai untuk peserta ini."),
            )
        ]

    def __str__(self):
        return f"{self.user} ✓ {self.lesson}"
