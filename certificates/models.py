"""Certificates (sertifikat): what the office attests someone completed or attended.

A certificate keeps everything it shows (name, what, date, issuer and signer), so it reads
the same however the course, the account or the office settings change later. Its
``source`` and ``reference`` say what it was issued for, unique together: a retried request
or a second worker never issues twice.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    KIND_COURSE = "kursus"
    KIND_ATTENDANCE = "kehadiran"
    KIND_CHOICES = [(KIND_COURSE, _("Menyelesaikan kursus")), (KIND_ATTENDANCE, _("Mengikuti kegiatan"))]

    SOURCE_COURSE = "courses.course"

    code = models.CharField(_("kode"), max_length=16, unique=True, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=KIND_CHOICES)
    source = models.CharField(
        _("sumber"), max_length=40, help_text=_("Apa yang melahirkan sertifikat ini, misalnya courses.course.")
    )
    reference = models.CharField(_("rujukan"), max_length=100, help_text=_("Unik per sumber."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemilik akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kursus"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    recipient_name = models.CharField(_("nama penerima"), max_length=200)
    title = models.CharField(_("yang diselesaikan atau diikuti"), max_length=300)
    awarded_on = models.DateField(_("tanggal"))
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    issuer_name = models.CharField(_("penerbit"), max_length=200)
    signer_name = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("revoke_certificate", "Mencabut sertifikat"),
        ]
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="certificate_unique_source_reference"),
            models.CheckConstraint(condition=models.Q(kind__in=["kursus", "kehadiran"]), name="certificate_kind_valid"),
            # A revoked certificate always says why.
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoked_reason="")
                | (models.Q(revoked_at__isnull=False) & ~models.Q(revoked_reason="")),
                name="certificate_revoked_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["user", "issued_at"])]

    def __str__(self):
        return f"{self.code} · {self.recipient_name} · {self.title}"

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.code])

    @property
    def is_revoked(self):
        return self.revoked_at is not None
