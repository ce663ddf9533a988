"""The business network (jejaring usaha kerja sama) and events (kegiatan), PRODUCT.md section 7.

Registries first (partners, events), then what is made at an event (agreements with
their commitments), then what people produce (participants' attendance, follow-up
evaluations). Records people produce point at what they are about with PROTECT, so
deleting an event, an agreement or a quiz never removes attendance or evaluations.

A follow-up keeps what the cooperative (or the imported file) reported in ``self_…``
fields and the value reports use in the plain fields; verification changes only the
plain fields, as readiness assessments do.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.models import SubmittedAndVerified

from . import figures


class Partner(models.Model):
    """A mitra outside the district registry: no account, known by code, name and province."""

    JENIS_CHOICES = [
        ("koperasi", _("Koperasi")),
        ("umkm", _("UMKM")),
        ("usaha_besar", _("Usaha besar")),
        ("bumn", _("BUMN")),
        ("lembaga", _("Lembaga")),
    ]
    JENIS_CODES = [code for code, _label in JENIS_CHOICES]

    code = models.CharField(_("kode mitra"), max_length=30, unique=True, help_text=_("Misalnya M-01."))
    name = models.CharField(_("nama mitra"), max_length=200)
    jenis = models.CharField(_("jenis mitra"), max_length=20, choices=JENIS_CHOICES)
    provinsi = models.CharField(_("provinsi"), max_length=100, db_index=True)
    kabupaten = models.CharField(_("kabupaten/kota"), max_length=100, blank=True)
    contact = models.CharField(_("narahubung"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jenis__in=["koperasi", "umkm", "usaha_besar", "bumn", "lembaga"]),
                name="partner_jenis_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Event(models.Model):
    """A kegiatan: a temu usaha, a training, an evaluation of a temu usaha, a briefing."""

    KIND_TEMU_USAHA = "temu_usaha"
    KIND_PELATIHAN = "pelatihan"
    KIND_EVALUASI = "evaluasi"
    KIND_SOSIALISASI = "sosialisasi"
    KIND_CHOICES = [
        (KIND_TEMU_USAHA, _("Temu usaha")),
        (KIND_PELATIHAN, _("Pelatihan")),
        (KIND_EVALUASI, _("Evaluasi")),
        (KIND_SOSIALISASI, _("Sosialisasi")),
    ]
    KIND_CODES = [code for code, _label in KIND_CHOICES]

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nama kegiatan"), max_length=200)
    kind = models.CharField(_("jenis kegiatan"), max_length=20, choices=KIND_CHOICES)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    speakers = models.TextField(_("narasumber"), blank=True, help_text=_("Satu narasumber per baris."))
    description = models.TextField(_("uraian"), blank=True)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("menindaklanjuti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text=_("Untuk evaluasi: temu usaha yang dievaluasi."),
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", verbose_name=_("materi"), blank=True, related_name="network_events"
    )
    pre_test = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("pre-test"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post_test = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("post-test"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_opens_on = models.DateField(
        _("tindak lanjut dibuka"),
        null=True,
        blank=True,
        help_text=_("Untuk evaluasi: sejak kapan pengurus mengisi tindak lanjut di web."),
    )
    follow_up_closes_on = models.DateField(_("tindak lanjut ditutup"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["temu_usaha", "pelatihan", "evaluasi", "sosialisasi"]),
                name="event_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(follow_up_closes_on__isnull=True)
                | models.Q(follow_up_opens_on__isnull=False, follow_up_closes_on__gte=models.F("follow_up_opens_on")),
                name="event_follow_up_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=~models.Q(follows=models.F("pk")),
                name="event_does_not_follow_itself",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:event_detail", args=[self.slug])

    @property
    def is_evaluation(self):
        return self.kind == self.KIND_EVALUASI

    def is_open_for_follow_up(self, today=None):
        """Pengurus fill follow-ups on the web while an evaluation is open."""
        if not self.is_evaluation or self.follow_up_opens_on is None:
            return False
        today = today or timezone.localdate()
        return self.follow_up_opens_on <= today and (
            self.follow_up_closes_on is None or today <= self.follow_up_closes_on
        )

    @property
    def speaker_list(self):
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


# What attendance certificates are issued for (``certificates.Certificate.source``); the
# reference is the participant's id, so a participant never gets two (the database decides).
CERTIFICATE_SOURCE = "network.participant"


class Participant(models.Model):
    """A peserta of one event: an account, or a name and phone; from a cooperative or a partner."""

    event = models.ForeignKey(Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_participations",
    )
    name = models.CharField(_("nama"), max_length=200)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_participants",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("mitra"), null=True, blank=True, on_delete=models.PROTECT, related_name="participants"
    )
    present = models.BooleanField(_("hadir"), default=False)
    checked_in_at = models.DateTimeField(_("waktu hadir"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pre_score = models.FloatField(_("nilai pre-test (kertas)"), null=True, blank=True)
    post_score = models.FloatField(_("nilai post-test (kertas)"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["event", "name", "pk"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cooperative__isnull=True) | models.Q(partner__isnull=True),
                name="participant_from_one_side",
            ),
            models.CheckConstraint(
                condition=models.Q(checked_in_at__isnull=True) | models.Q(present=True),
                name="participant_checked_in_only_when_present",
            ),
            models.CheckConstraint(
                condition=models.Q(pre_score__isnull=True) | models.Q(pre_score__gte=0, pre_score__lte=100),
                name="participant_pre_score_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(post_score__isnull=True) | models.Q(post_score__gte=0, post_score__lte=100),
                name="participant_post_score_0_100",
            ),
            models.UniqueConstraint(
                fields=["event", "user"], condition=models.Q(user__isnull=False), name="participant_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["event", "phone"], condition=~models.Q(phone=""), name="participant_one_per_phone"
            ),
        ]
        indexes = [models.Index(fields=["event", "present"])]

    def __str__(self):
        return f"{self.name} · {self.event}"

    @property
    def origin(self):
        if self.cooperative_id:
            return self.cooperative.nama
        if self.partner_id:
            return self.partner.name
        return ""


class Agreement(models.Model):
    """A kerja sama made at an event between one registered cooperative and one partner."""

    FIELD_CHOICES = [
        ("pemasaran", _("Pemasaran")),
        ("pasokan", _("Pasokan")),
        ("permodalan", _("Permodalan")),
        ("pelatihan", _("Pelatihan")),
        ("teknologi", _("Teknologi")),
        ("lainnya", _("Lainnya")),
    ]

    code = models.CharField(_("kode kerja sama"), max_length=30, unique=True)
    event = models.ForeignKey(Event, verbose_name=_("kegiatan"), on_delete=models.PROTECT, related_name="agreements")
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", verbose_name=_("koperasi"), on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(Partner, verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="agreements")
    field = models.CharField(_("bidang"), max_length=20, choices=FIELD_CHOICES)
    description = models.TextField(_("uraian"), blank=True)
    signed_on = models.DateField(_("tanggal"), null=True, blank=True)
    potential_value = models.BigIntegerField(
        _("nilai potensi (Rp/tahun)"), default=0, help_text=_("Rupiah utuh per tahun, 0 atau lebih.")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kerja sama")
        verbose_name_plural = _("kerja sama")
        constraints = [
            models.CheckConstraint(condition=models.Q(potential_value__gte=0), name="agreement_potential_not_negative"),
            models.CheckConstraint(condition=models.Q(field__in=list(figures.FIELDS)), name="agreement_field_valid"),
        ]
        indexes = [models.Index(fields=["event", "cooperative"])]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("network:agreement_detail", args=[self.pk])


class Commitment(models.Model):
    """Who does what by when (siapa berbuat apa): one komitmen of an agreement, in order."""

    PARTY_CHOICES = [("koperasi", _("Koperasi")), ("mitra", _("Mitra")), ("dinas", _("Dinas"))]

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.PROTECT, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("urutan"), help_text=_("1 untuk komitmen pertama, dan seterusnya."))
    party = models.CharField(_("pihak"), max_length=10, choices=PARTY_CHOICES)
    description = models.CharField(_("uraian"), max_length=500)
    due_on = models.DateField(_("batas waktu"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("komitmen")
        verbose_name_plural = _("komitmen")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="commitment_unique_position"),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="commitment_position_positive"),
            models.CheckConstraint(
                condition=models.Q(party__in=["koperasi", "mitra", "dinas"]), name="commitment_party_valid"
            ),
        ]

    def __str__(self):
        return f"{self.agreement.code} #{self.position}: {self.description[:60]}"


class FollowUp(SubmittedAndVerified):
    """The follow-up (evaluasi) of one agreement at one evaluation event."""

    STATE_DRAFT = "draft"
    STATE_SUBMITTED = "submitted"
    STATE_VERIFIED = "verified"
    STATE_CHOICES = [
        (STATE_DRAFT, _("Draf")),
        (STATE_SUBMITTED, _("Dikirim")),
        (STATE_VERIFIED, _("Terverifikasi")),
    ]
    RESULT_STATES = (STATE_SUBMITTED, STATE_VERIFIED)
    SOURCE_WEB = "web"
    SOURCE_IMPORT = "import"
    SOURCE_CHOICES = [(SOURCE_WEB, _("Formulir web")), (SOURCE_IMPORT, _("Impor berkas"))]
    STATUS_CHOICES = [
        (figures.STATUS_NOT_STARTED, _("Belum berjalan")),
        (figures.STATUS_RUNNING, _("Berjalan")),
        (figures.STATUS_DONE, _("Selesai")),
        (figures.STATUS_CANCELLED, _("Batal")),
    ]
    OBSTACLE_CHOICES = [
        ("modal", _("Modal")),
        ("logistik", _("Logistik")),
        ("kualitas", _("Kualitas")),
        ("harga", _("Harga")),
        ("komunikasi", _("Komunikasi")),
        ("perizinan", _("Perizinan")),
        ("digital", _("Digital")),
        ("lainnya", _("Lainnya")),
    ]

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("kerja sama"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    evaluation = models.ForeignKey(
        Event, verbose_name=_("evaluasi"), on_delete=models.PROTECT, related_name="agreement_follow_ups"
    )
    state = models.CharField(_("keadaan"), max_length=10, choices=STATE_CHOICES, default=STATE_DRAFT)
    source = models.CharField(_("sumber"), max_length=10, choices=SOURCE_CHOICES, default=SOURCE_WEB)
    # What reports use (the verified value once verified).
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    realised_value = models.BigIntegerField(_("nilai realisasi (Rp)"), default=0)
    obstacles = models.JSONField(_("kendala"), default=list, blank=True)
    continues = models.BooleanField(_("lanjut"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    # What the cooperative (or the imported file) reported.
    self_status = models.CharField(_("status (laporan koperasi)"), max_length=20, choices=STATUS_CHOICES)
    self_realised_value = models.BigIntegerField(_("nilai realisasi (laporan koperasi)"), default=0)
    self_obstacles = models.JSONField(_("kendala (laporan koperasi)"), default=list, blank=True)
    self_continues = models.BooleanField(_("lanjut (laporan koperasi)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["evaluation", "agreement__code"]
        verbose_name = _("tindak lanjut kerja sama")
        verbose_name_plural = _("tindak lanjut kerja sama")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "evaluation"], name="follow_up_one_per_evaluation"),
            models.CheckConstraint(
                condition=models.Q(state__in=["draft", "submitted", "verified"]), name="follow_up_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=list(figures.EVALUATION_STATUSES))
                & models.Q(self_status__in=list(figures.EVALUATION_STATUSES)),
                name="follow_up_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(realised_value__gte=0, self_realised_value__gte=0),
                name="follow_up_realised_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(state="verified") | models.Q(verified_at__isnull=True),
                name="follow_up_verified_at_only_when_verified",
            ),
        ]
        indexes = [models.Index(fields=["evaluation", "state"])]

    def __str__(self):
        return f"{self.agreement.code} · {self.evaluation}"

    @property
    def is_draft(self):
        return self.state == self.STATE_DRAFT

    @property
    def is_verified(self):
        return self.state == self.STATE_VERIFIED

    def obstacle_labels(self, values=None):
        labels = dict(self.OBSTACLE_CHOICES)
        return [str(labels.get(code, code)) for code in (self.obstacles if values is None else values)]


class CommitmentFollowUp(models.Model):
    """Whether one commitment was kept (ya / sebagian / tidak) at one follow-up."""

    RESULT_CHOICES = [
        (figures.RESULT_YES, _("Ya")),
        (figures.RESULT_PARTLY, _("Sebagian")),
        (figures.RESULT_NO, _("Tidak")),
    ]

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("tindak lanjut"), on_delete=models.CASCADE, related_name="commitment_results"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("komitmen"), on_delete=models.PROTECT, related_name="results"
    )
    result = models.CharField(_("terlaksana"), max_length=10, choices=RESULT_CHOICES)
    self_result = models.CharField(
        _("terlaksana (laporan koperasi)"),
        max_length=10,
        choices=RESULT_CHOICES,
        blank=True,
        help_text=_("Kosong bila koperasi tidak menjawab dan hanya Dinas yang mengisi."),
    )

    class Meta:
        ordering = ["follow_up", "commitment__position"]
        verbose_name = _("hasil komitmen")
        verbose_name_plural = _("hasil komitmen")
        constraints = [
            models.UniqueConstraint(fields=["follow_up", "commitment"], name="commitment_follow_up_unique"),
            models.CheckConstraint(
                condition=models.Q(result__in=["ya", "sebagian", "tidak"])
                & models.Q(self_result__in=["", "ya", "sebagian", "tidak"]),
                name="commitment_follow_up_result_valid",
            ),
        ]

    def __str__(self):
        return f"{self.commitment} = {self.result}"
