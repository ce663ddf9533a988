"""Readiness measurement: versioned frameworks, evaluation rounds, assessments, scores.

A framework version in use is frozen (PRODUCT.md section 3): an assessment keeps the
indicators it answered and its scores are stored when it is submitted or verified, so
editing a framework (which makes a new version) never rewrites history.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Orderable

from base.models import SubmittedAndVerified

from . import scoring

FRAMEWORK_LOCKED_MESSAGE = _(
    "Putaran ini sudah punya asesmen, jadi instrumennya tidak bisa diganti: jawaban yang ada menunjuk ke "
    "indikator versi ini. Buat putaran baru untuk instrumen atau versi lain."
)


def default_bands():
    return [{"min": band.min, "label": band.label} for band in scoring.DEFAULT_BANDS]


class Framework(ClusterableModel):
    """One version of a readiness instrument (code + version)."""

    code = models.SlugField(_("kode"), max_length=40, help_text=_("Kode instrumen, misalnya ikdk."))
    version = models.PositiveIntegerField(_("versi"), default=1, validators=[MinValueValidator(1)])
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    bands = models.JSONField(
        _("tingkat kesiapan"),
        default=default_bands,
        help_text=_('Daftar tingkat: [{"min": 0, "label": "Belum siap"}, {"min": 20, "label": "…"}, …]'),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("version")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("bands"),
        InlinePanel("dimensions", heading=_("Dimensi"), label=_("Dimensi")),
    ]

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("instrumen kesiapan")
        verbose_name_plural = _("instrumen kesiapan")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                name="framework_unique_code_version",
                violation_error_message=_("Instrumen dengan kode dan versi ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="framework_version_positive",
                violation_error_message=_("Versi instrumen paling kecil 1."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code} v{self.version})"

    def clean(self):
        super().clean()
        try:
            self.band_list()
        except (TypeError, KeyError, ValueError) as exc:
            raise ValidationError({"bands": _("Format tingkat tidak valid.")}) from exc
        if not self.bands:
            raise ValidationError({"bands": _("Isi sedikitnya satu tingkat.")})

    def band_list(self):
        return scoring.sorted_bands(
            [scoring.Band(min=float(item["min"]), label=str(item["label"])) for item in (self.bands or [])]
        )

    @property
    def is_frozen(self):
        """Assessments use this version: edits must go to a new version."""
        return Assessment.objects.filter(round__framework=self).exists()


class Dimension(ClusterableModel, Orderable):
    framework = ParentalKey(Framework, verbose_name=_("instrumen"), on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("kode"), max_length=20, help_text=_("Misalnya D1; dipakai juga sebagai tag kursus."))
    name = models.CharField(_("nama"), max_length=200)
    weight = models.DecimalField(
        _("bobot"), max_digits=8, decimal_places=3, default=1, help_text=_("Bobot dalam indeks, lebih dari 0.")
    )
    description = models.TextField(_("keterangan"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("weight")]),
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel("indicators", heading=_("Indikator"), label=_("Indikator")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("dimensi")
        verbose_name_plural = _("dimensi")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="dimension_unique_code",
                violation_error_message=_("Kode dimensi ini sudah dipakai di instrumen ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0),
                name="dimension_weight_positive",
                violation_error_message=_("Bobot dimensi harus lebih dari 0."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Indicator(Orderable):
    dimension = ParentalKey(Dimension, verbose_name=_("dimensi"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("kode"), max_length=20, help_text=_("Misalnya D1.1; unik dalam satu instrumen."))
    text = models.TextField(_("pertanyaan"))
    level_0 = models.TextField(_("tingkat 0"), help_text=_("Seperti apa koperasi di tingkat 0."))
    level_1 = models.TextField(_("tingkat 1"))
    level_2 = models.TextField(_("tingkat 2"))
    level_3 = models.TextField(_("tingkat 3"))
    level_4 = models.TextField(_("tingkat 4"), help_text=_("Seperti apa koperasi di tingkat 4."))
    allow_na = models.BooleanField(
        _("boleh 'tidak berlaku'"), default=True, help_text=_("Koperasi boleh menjawab Tidak berlaku.")
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("allow_na")]),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel(f"level_{n}") for n in scoring.LEVELS], heading=_("Deskripsi tingkat 0–4")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="indicator_unique_code",
                violation_error_message=_("Kode indikator ini sudah dipakai di dimensi ini."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def levels(self):
        return [getattr(self, f"level_{n}") for n in scoring.LEVELS]


class EvaluationRound(models.Model):
    """A putaran evaluasi: when cooperatives assess themselves with one framework version."""

    STATUS_UPCOMING = "belum_dibuka"
    STATUS_OPEN = "terbuka"
    STATUS_CLOSED = "ditutup"
    STATUS_LABELS = {
        STATUS_UPCOMING: _("belum dibuka"),
        STATUS_OPEN: _("terbuka"),
        STATUS_CLOSED: _("ditutup"),
    }

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    framework = models.ForeignKey(
        Framework, verbose_name=_("instrumen"), on_delete=models.PROTECT, related_name="rounds"
    )
    opens_on = models.DateField(_("dibuka"), default=timezone.localdate)
    closes_on = models.DateField(_("ditutup"), null=True, blank=True, help_text=_("Kosongkan bila belum ditentukan."))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    panels = [
        # Typing the name fills the slug (as page titles do), until the slug is edited by hand.
        TitleFieldPanel("name", placeholder=False, classname=""),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("framework"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
    ]

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("putaran evaluasi")
        verbose_name_plural = _("putaran evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opens",
                violation_error_message=_("Tanggal ditutup tidak boleh sebelum tanggal dibuka."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("readiness:round_detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.framework_changed_after_assessments():
            raise ValidationError({"framework": FRAMEWORK_LOCKED_MESSAGE})

    def framework_changed_after_assessments(self):
        """Whether this (unsaved) change switches the framework of a round that has assessments.

        Their answers point at the old version's indicators, so the switch is refused here
        and, as a last line, by a database trigger (migration 0006).
        """
        if self.pk is None or self.framework_id is None:
            return False
        stored = EvaluationRound.objects.filter(pk=self.pk).values_list("framework_id", flat=True).first()
        return stored is not None and stored != self.framework_id and self.assessments.exists()

    def status_on(self, today=None):
        """THE round status: belum dibuka before ``opens_on``, ditutup after ``closes_on``
        (both days included in the round), terbuka in between."""
        today = today or timezone.localdate()
        if today < self.opens_on:
            return self.STATUS_UPCOMING
        if self.closes_on is not None and today > self.closes_on:
            return self.STATUS_CLOSED
        return self.STATUS_OPEN

    @property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    def is_open(self, today=None):
        return self.status_on(today) == self.STATUS_OPEN


class Assessment(SubmittedAndVerified):
    """One cooperative's assessment in one round, with its stored scores."""

    STATUS_DRAFT = "draft"
    STATUS_SUBMITTED = "submitted"
    STATUS_VERIFIED = "verified"
    STATUS_CHOICES = [
        (STATUS_DRAFT, _("Draf")),
        (STATUS_SUBMITTED, _("Dikirim")),
        (STATUS_VERIFIED, _("Terverifikasi")),
    ]
    SOURCE_WEB = "web"
    SOURCE_IMPORT = "import"
    SOURCE_CHOICES = [(SOURCE_WEB, _("Formulir web")), (SOURCE_IMPORT, _("Impor berkas"))]

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("putaran evaluasi"), on_delete=models.PROTECT, related_name="assessments"
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_DRAFT)
    source = models.CharField(_("sumber"), max_length=10, choices=SOURCE_CHOICES, default=SOURCE_WEB)
    overall = models.FloatField(_("indeks kesiapan digital"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("tingkat kesiapan"), null=True, blank=True)
    self_overall = models.FloatField(
        _("indeks asesmen mandiri"), null=True, blank=True, help_text=_("Indeks dari jawaban koperasi sendiri.")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["round", "cooperative__nama"]
        verbose_name = _("asesmen")
        verbose_name_plural = _("asesmen")
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("view_all_assessments", "Melihat asesmen, rapor dan tindak lanjut putaran semua koperasi"),
            ("verify_assessment", "Memverifikasi asesmen"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "cooperative"],
                name="assessment_one_per_round",
                violation_error_message=_("Koperasi ini sudah punya asesmen di putaran ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "verified"]),
                name="assessment_status_valid",
                violation_error_message=_("Status asesmen tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=models.Q(overall__isnull=True) | models.Q(overall__gte=0, overall__lte=100),
                name="assessment_overall_range",
                violation_error_message=_("Indeks kesiapan harus antara 0 dan 100."),
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.cooperative} · {self.round}"

    def get_absolute_url(self):
        return reverse("readiness:report_card", args=[self.round.slug, self.cooperative_id])

    @property
    def is_draft(self):
        return self.status == self.STATUS_DRAFT


class Answer(models.Model):
    """One indicator's answer. ``level`` None means not applicable (Tidak berlaku).

    The verified value sits beside the self-assessed one; both are kept and scores use
    the verified one where ``is_verified``.
    """

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("asesmen"), on_delete=models.CASCADE, related_name="answers"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="answers"
    )
    level = models.PositiveSmallIntegerField(_("tingkat (asesmen mandiri)"), null=True, blank=True)
    evidence = models.CharField(_("bukti/catatan"), max_length=500, blank=True)
    is_verified = models.BooleanField(_("diverifikasi"), default=False)
    verified_level = models.PositiveSmallIntegerField(_("tingkat terverifikasi"), null=True, blank=True)
    verification_note = models.CharField(_("catatan verifikasi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"],
                name="answer_unique_indicator",
                violation_error_message=_("Indikator ini sudah dijawab di asesmen ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__lte=scoring.MAX_LEVEL),
                name="answer_level_range",
                violation_error_message=_("Tingkat jawaban harus antara 0 dan 4."),
            ),
            models.CheckConstraint(
                condition=models.Q(verified_level__isnull=True) | models.Q(verified_level__lte=scoring.MAX_LEVEL),
                name="answer_verified_level_range",
                violation_error_message=_("Tingkat terverifikasi harus antara 0 dan 4."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_verified=True) | models.Q(verified_level__isnull=True),
                name="answer_verified_level_only_when_verified",
                violation_error_message=_("Tingkat terverifikasi hanya diisi bila jawaban sudah diverifikasi."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.effective_level}"

    @property
    def effective_level(self):
        return self.verified_level if self.is_verified else self.level


class DimensionScore(models.Model):
    """A stored dimension score, so reports aggregate in SQL and never recompute history."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("asesmen"), on_delete=models.CASCADE, related_name="dimension_scores"
    )
    dimension = models.ForeignKey(Dimension, verbose_name=_("dimensi"), on_delete=models.PROTECT, related_name="scores")
    score = models.FloatField(_("skor"), null=True, blank=True)
    self_score = models.FloatField(_("skor asesmen mandiri"), null=True, blank=True)

    class Meta:
        verbose_name = _("skor dimensi")
        verbose_name_plural = _("skor dimensi")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"],
                name="dimension_score_unique",
                violation_error_message=_("Skor dimensi ini sudah ada untuk asesmen ini."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="dimension_score_range",
                violation_error_message=_("Skor dimensi harus antara 0 dan 100."),
            ),
        ]

    def __str__(self):
        return f"{self.dimension.code}: {self.score}"


class RoundAggregate(models.Model):
    """Counts and sums of one round's results per kecamatan, jenis and level.

    Kept up to date by ``readiness.aggregates`` inside the transactions that submit,
    import or verify assessments (and rebuilt by ``rebuild_readiness_aggregates``), so the
    district dashboard reads a few hundred rows instead of every result. Sums are whole
    nano-points (``aggregates.NANO`` per index point), so they add and subtract exactly
    and a mean is ``sum / count`` with no drift. ``level`` is -1 for results without an index.
    """

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="+")
    kecamatan = models.ForeignKey("cooperatives.Kecamatan", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=20)
    level = models.SmallIntegerField()
    results = models.IntegerField(default=0)
    inactive_results = models.IntegerField(default=0)
    overall_count = models.IntegerField(default=0)
    overall_sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "kecamatan", "jenis", "level"], name="round_aggregate_unique"),
        ]

    def __str__(self):
        return f"{self.round_id}/{self.kecamatan_id}/{self.jenis}/{self.level}: {self.results}"


class DimensionAggregate(models.Model):
    """Count and sum (nano-points) of one round's stored dimension scores per kecamatan and jenis."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="+")
    kecamatan = models.ForeignKey("cooperatives.Kecamatan", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=20)
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    count = models.IntegerField(default=0)
    sum = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kecamatan", "jenis", "dimension"], name="dimension_aggregate_unique"
            ),
        ]

    def __str__(self):
        return f"{self.round_id}/{self.kecamatan_id}/{self.jenis}/{self.dimension_id}: {self.count}"


class RegistryAggregate(models.Model):
    """Active cooperatives per kecamatan and jenis (every round's "registered" starts here).

    Kept up to date with the result aggregates (``readiness.aggregates``) when a cooperative
    is created, imported, moved to another kecamatan or jenis, made (in)active or deleted,
    so the dashboard never counts the registry.
    """

    kecamatan = models.ForeignKey("cooperatives.Kecamatan", on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=20)
    active = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "jenis"], name="registry_aggregate_unique"),
        ]

    def __str__(self):
        return f"{self.kecamatan_id}/{self.jenis}: {self.active}"
