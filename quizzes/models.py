"""Quizzes: the page editors write (QuizPage) and what learners produce (attempts).

An attempt keeps a snapshot of the questions, the answer key and the order it was
shown in, taken when it started; it is graded against that snapshot, so later edits
to the quiz never change past scores unless an editor chooses to regrade (logged in
``RegradeLog``). Per-question credit is stored in ``QuestionResult`` so item analysis
and exports are database queries.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from base.pagecache import CachedPageMixin

from . import scoring, selectors
from .admin_forms import QuizPageForm
from .blocks import FeedbackBandsBlock, QuizQuestionsBlock


class QuizPageTag(TaggedItemBase):
    content_object = ParentalKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="tagged_items")


class QuizPage(CachedPageMixin, Page):
    PURPOSE_LATIHAN = "latihan"
    PURPOSE_PRE_TEST = "pre_test"
    PURPOSE_POST_TEST = "post_test"
    PURPOSE_UJIAN = "ujian"
    PURPOSE_CHOICES = [
        (PURPOSE_LATIHAN, _("Latihan")),
        (PURPOSE_PRE_TEST, _("Pre-test")),
        (PURPOSE_POST_TEST, _("Post-test")),
        (PURPOSE_UJIAN, _("Ujian")),
    ]
    # Passing these is required to complete the course unless the editor chooses otherwise.
    REQUIRED_PURPOSES = (PURPOSE_UJIAN, PURPOSE_POST_TEST)
    # At most one of each per course (``paired_test_error``).
    PAIRED_PURPOSES = (PURPOSE_PRE_TEST, PURPOSE_POST_TEST)

    REQUIREMENT_AUTO = "auto"
    REQUIREMENT_REQUIRED = "required"
    REQUIREMENT_OPTIONAL = "optional"
    REQUIREMENT_CHOICES = [
        (REQUIREMENT_AUTO, _("Menurut jenis kuis: Ujian dan Post-test wajib lulus")),
        (REQUIREMENT_REQUIRED, _("Wajib lulus")),
        (REQUIREMENT_OPTIONAL, _("Tidak wajib")),
    ]

    GRADING_CHOICES = [
        (scoring.GRADE_HIGHEST, _("Nilai tertinggi")),
        (scoring.GRADE_LAST, _("Percobaan terakhir")),
        (scoring.GRADE_FIRST, _("Percobaan pertama")),
        (scoring.GRADE_AVERAGE, _("Rata-rata")),
    ]

    RESULTS_IMMEDIATELY = "immediately"
    RESULTS_SCORE_UNTIL_CLOSE = "score_until_close"
    RESULTS_NEVER = "never"
    RESULTS_CHOICES = [
        (RESULTS_IMMEDIATELY, _("Langsung, dengan jawaban dan umpan balik")),
        (RESULTS_SCORE_UNTIL_CLOSE, _("Hanya nilai sampai kuis ditutup, lalu jawaban")),
        (RESULTS_NEVER, _("Tidak ditampilkan kepada peserta")),
    ]

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    purpose = models.CharField(_("jenis kuis"), max_length=10, choices=PURPOSE_CHOICES, default=PURPOSE_LATIHAN)
    completion_requirement = models.CharField(
        _("syarat menyelesaikan kursus"),
        max_length=10,
        choices=REQUIREMENT_CHOICES,
        default=REQUIREMENT_AUTO,
        help_text=_("Kursus selesai bila semua materi selesai dan semua kuis wajib lulus."),
    )
    pass_mark = models.PositiveSmallIntegerField(_("nilai lulus (%)"), default=70, validators=[MaxValueValidator(100)])
    attempts_allowed = models.PositiveSmallIntegerField(
        _("jumlah percobaan"), default=0, help_text=_("0 berarti tidak dibatasi.")
    )
    grading_method = models.CharField(
        _("nilai yang dipakai"), max_length=10, choices=GRADING_CHOICES, default=scoring.GRADE_HIGHEST
    )
    shuffle_questions = models.BooleanField(_("acak urutan soal"), default=False)
    shuffle_choices = models.BooleanField(_("acak urutan pilihan"), default=False)
    one_question_per_screen = models.BooleanField(
        _("satu soal per layar"), default=False, help_text=_("Cocok untuk kuis panjang di HP.")
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("batas waktu (menit)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Kosongkan jika tanpa batas waktu."),
    )
    opens_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    closes_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    results_visibility = models.CharField(
        _("hasil ditampilkan"), max_length=20, choices=RESULTS_CHOICES, default=RESULTS_IMMEDIATELY
    )
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("soal"), blank=True)
    feedback_bands = StreamField(
        FeedbackBandsBlock(),
        verbose_name=_("umpan balik menurut nilai"),
        blank=True,
        help_text=_("Misalnya: mulai 80 → 'Bagus sekali'; mulai 0 → 'Pelajari lagi materinya'."),
    )

    tags = ClusterTaggableManager(
        through=QuizPageTag,
        blank=True,
        verbose_name=_("kategori"),
        help_text=_("Kategori bank soal (GIFT $CATEGORY), dipakai lagi saat ekspor GIFT."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("completion_requirement"),
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]),
                FieldPanel("grading_method"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("one_question_per_screen"),
                FieldPanel("time_limit_minutes"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("results_visibility"),
                FieldPanel("feedback_bands"),
            ],
            heading=_("Pengaturan kuis"),
        ),
    ]

    promote_panels = Page.promote_panels + [FieldPanel("tags")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    cache_learner = True  # a learner's own attempts on it: see base.pagecache.learner_changed
    template = "quizzes/quiz_page.html"
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion_requirement__in=["auto", "required", "optional"]),
                name="quiz_completion_requirement_valid",
            )
        ]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Waktu ditutup harus setelah waktu dibuka.")})
        if self.pk and self.purpose in self.PAIRED_PURPOSES:
            error = self.paired_test_error(self.get_parent(), self.purpose, exclude_pk=self.pk)
            if error:
                raise ValidationError({"purpose": error})

    @classmethod
    def paired_test_error(cls, course, purpose, *, exclude_pk=None):
        """Why ``course`` cannot have another quiz of ``purpose`` (None when it can).

        The one rule for the editor's form, the model, ``create_quiz`` and the GIFT import:
        a course's pre-test and post-test pair up for the learning gain, so each is unique.
        """
        if course is None or purpose not in cls.PAIRED_PURPOSES:
            return None
        siblings = cls.objects.child_of(course).filter(purpose=purpose)
        if exclude_pk:
            siblings = siblings.exclude(pk=exclude_pk)
        if siblings.exists():
            return str(_("Kursus ini sudah punya kuis dengan jenis ini (pre-test/post-test hanya satu)."))
        return None

    @classmethod
    def required_q(cls):
        """The quizzes that must be passed to complete their course (as a database filter)."""
        return models.Q(completion_requirement=cls.REQUIREMENT_REQUIRED) | models.Q(
            completion_requirement=cls.REQUIREMENT_AUTO, purpose__in=cls.REQUIRED_PURPOSES
        )

    @property
    def is_required(self):
        """Passing this quiz is required to complete its course (the same rule as ``required_q``)."""
        if self.completion_requirement == self.REQUIREMENT_AUTO:
            return self.purpose in self.REQUIRED_PURPOSES
        return self.completion_requirement == self.REQUIREMENT_REQUIRED

    @property
    def unlimited_attempts(self):
        return not self.attempts_allowed

    def is_open(self, now=None):
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def is_closed(self, now=None):
        now = now or timezone.now()
        return bool(self.closes_at and now >= self.closes_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        state = selectors.quiz_page_state(quiz=self, user=request.user, now=now)
        context.update(state)
        # A learner's cached copy of this page (base.pagecache) must not outlive the moment
        # the quiz opens or closes, or the attempt in progress runs out of time.
        in_progress = state["in_progress"]
        moments = [self.opens_at, self.closes_at, in_progress.deadline if in_progress else None]
        upcoming = [(moment - now).total_seconds() for moment in moments if moment and moment > now]
        if upcoming:
            request.page_cache_seconds = int(min(upcoming))
        return context


class Attempt(models.Model):
    STATUS_IN_PROGRESS = "in_progress"
    STATUS_SUBMITTED = "submitted"
    STATUS_CHOICES = [(STATUS_IN_PROGRESS, _("Sedang dikerjakan")), (STATUS_SUBMITTED, _("Sudah dikirim"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peserta"), on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    # Records outlive content (PRODUCT.md section 9): a quiz with attempts cannot be deleted.
    quiz = models.ForeignKey(QuizPage, verbose_name=_("kuis"), on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveIntegerField(_("percobaan ke"))
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=STATUS_IN_PROGRESS)
    started_at = models.DateTimeField(_("mulai"), default=timezone.now)
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("batas waktu"), null=True, blank=True, help_text=_("Dari batas waktu kuis atau waktu kuis ditutup.")
    )
    last_saved_at = models.DateTimeField(_("terakhir disimpan"), null=True, blank=True)
    snapshot = models.JSONField(
        _("salinan soal"), default=dict, help_text=_("Soal, kunci jawaban dan urutan saat percobaan dimulai.")
    )
    answers = models.JSONField(_("jawaban"), default=dict, blank=True)
    score = models.FloatField(_("nilai"), null=True, blank=True)
    passed = models.BooleanField(_("lulus"), null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("view_all_attempts", "Melihat hasil kuis semua peserta dan analisis butir soal"),
        ]
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"],
                name="attempt_unique_user_quiz_number",
                violation_error_message=_("Nomor percobaan ini sudah ada untuk peserta dan kuis ini."),
            ),
            # At most one attempt in progress per learner and quiz: a double "start" resumes.
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=models.Q(status="in_progress"),
                name="attempt_one_in_progress",
                violation_error_message=_("Peserta ini sudah punya percobaan yang sedang dikerjakan di kuis ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["in_progress", "submitted"]),
                name="attempt_status_valid",
                violation_error_message=_("Status percobaan tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="attempt_score_0_100",
                violation_error_message=_("Nilai percobaan harus antara 0 dan 100."),
            ),
            # Graded exactly when submitted.
            models.CheckConstraint(
                condition=(
                    models.Q(status="in_progress", score__isnull=True, submitted_at__isnull=True)
                    | models.Q(status="submitted", score__isnull=False, submitted_at__isnull=False)
                ),
                name="attempt_graded_iff_submitted",
                violation_error_message=_(
                    "Percobaan dinilai tepat ketika dikirim: nilai dan waktu kirim diisi bersama status terkirim."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["quiz", "status", "number"]),
            # What the scheduled task looks for: open attempts whose time ran out.
            models.Index(fields=["deadline"], condition=models.Q(status="in_progress"), name="attempt_open_deadline"),
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz} #{self.number}"

    def get_absolute_url(self):
        if self.status == self.STATUS_SUBMITTED:
            return reverse("quizzes:attempt_result", args=[self.pk])
        return reverse("quizzes:attempt", args=[self.pk])

    @property
    def is_in_progress(self):
        return self.status == self.STATUS_IN_PROGRESS

    def is_overdue(self, now=None):
        return bool(self.deadline and (now or timezone.now()) >= self.deadline)

    @property
    def questions(self):
        return self.snapshot.get("questions", [])

    @property
    def pass_mark(self):
        return self.snapshot.get("pass_mark", self.quiz.pass_mark)


class QuestionResult(models.Model):
    """The credit one graded attempt earned on one question (for item analysis and exports)."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("percobaan"), on_delete=models.CASCADE, related_name="results")
    question_id = models.CharField(_("id soal"), max_length=64)
    position = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)
    points = models.FloatField(_("poin"))
    credit = models.FloatField(_("nilai soal"), help_text=_("0 sampai 1."))

    class Meta:
        verbose_name = _("nilai per soal")
        verbose_name_plural = _("nilai per soal")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"],
                name="question_result_unique",
                violation_error_message=_("Soal ini sudah dinilai untuk percobaan ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(credit__gte=0, credit__lte=1),
                name="question_result_credit_0_1",
                violation_error_message=_("Nilai soal harus antara 0 dan 1."),
            ),
        ]
        indexes = [models.Index(fields=["question_id"])]

    def __str__(self):
        return f"{self.attempt_id}:{self.question_id} = {self.credit:.2f}"


class RegradeLog(models.Model):
    """An editor chose to regrade past attempts against the quiz as it is now."""

    attempt = models.ForeignKey(Attempt, verbose_name=_("percobaan"), on_delete=models.CASCADE, related_name="regrades")
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinilai ulang oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regraded_at = models.DateTimeField(_("waktu"), default=timezone.now)
    old_score = models.FloatField(_("nilai lama"))
    new_score = models.FloatField(_("nilai baru"))

    class Meta:
        verbose_name = _("catatan penilaian ulang")
        verbose_name_plural = _("catatan penilaian ulang")
        ordering = ["-regraded_at"]

    def __str__(self):
        return f"{self.attempt}: {self.old_score:.1f} → {self.new_score:.1f}"
