"""Background exports for the district reports.

Long work (a round's full readiness export, all report cards of a round as one ZIP)
runs as an ``ExportJob`` in the task worker (``manage.py db_worker``); the page polls
its progress and offers the file when it is ready. Files live under
``MEDIA_ROOT/exports/`` with unguessable names and are served only through
``reports.views.export_download`` (never a public media link).
"""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def export_upload_to(instance, filename):
    return f"exports/{uuid.uuid4().hex}/{filename}"


class ExportJob(models.Model):
    KIND_READINESS = "readiness"
    KIND_REPORT_CARDS = "report_cards"
    KIND_NETWORK = "network"
    KIND_CHOICES = [
        (KIND_READINESS, _("Ekspor lengkap hasil putaran (XLSX)")),
        (KIND_REPORT_CARDS, _("Semua rapor kesiapan koperasi satu putaran (ZIP berisi PDF)")),
        (KIND_NETWORK, _("Tabel kerja sama jejaring usaha (CSV/XLSX)")),
    ]
    # Jobs of these kinds are seen only by their requester (while an analyst), not by every analyst.
    PERSONAL_KINDS = (KIND_NETWORK,)

    STATUS_PENDING = "pending"
    STATUS_RUNNING = "running"
    STATUS_DONE = "done"
    STATUS_FAILED = "failed"
    STATUS_CHOICES = [
        (STATUS_PENDING, _("Menunggu")),
        (STATUS_RUNNING, _("Sedang dikerjakan")),
        (STATUS_DONE, _("Selesai")),
        (STATUS_FAILED, _("Gagal")),
    ]
    ACTIVE_STATUSES = (STATUS_PENDING, STATUS_RUNNING)

    kind = models.CharField(_("jenis ekspor"), max_length=20, choices=KIND_CHOICES)
    parameters = models.JSONField(_("parameter"), default=dict, blank=True, help_text=_("Misalnya putaran evaluasi."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="export_jobs",
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=STATUS_PENDING)
    progress_done = models.PositiveIntegerField(_("sudah dikerjakan"), default=0)
    progress_total = models.PositiveIntegerField(_("jumlah pekerjaan"), default=0)
    file = models.FileField(_("berkas"), upload_to=export_upload_to, blank=True, max_length=255)
    created = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished = models.DateTimeField(_("selesai"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("pekerjaan ekspor")
        verbose_name_plural = _("pekerjaan ekspor")
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("view_district_reports", "Melihat dan mengunduh laporan kabupaten"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["readiness", "report_cards", "network"]),
                name="export_job_kind_valid",
                violation_error_message=_("Jenis ekspor tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "running", "done", "failed"]),
                name="export_job_status_valid",
                violation_error_message=_("Status ekspor tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="export_job_progress_within_total",
                violation_error_message=_("Kemajuan ekspor tidak boleh melebihi jumlahnya."),
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:export_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_done(self):
        return self.status == self.STATUS_DONE and bool(self.file)

    @property
    def percent(self):
        if not self.progress_total:
            return 100 if self.status == self.STATUS_DONE else 0
        return round(100 * self.progress_done / self.progress_total)

    @property
    def back_url(self):
        """The report page the job was requested from (the page links back to it)."""
        if self.kind == self.KIND_NETWORK:
            url = reverse("network:report", args=[self.parameters.get("event", "")])
            evaluation = self.parameters.get("evaluation")
            return f"{url}?{urlencode({'evaluasi': evaluation})}" if evaluation else url
        return f"{reverse('reports:dashboard')}?{urlencode({'putaran': self.parameters.get('round', '')})}"

    @property
    def subject(self):
        """What the job exports, as people read it (a round, or an event and its evaluation)."""
        if self.kind == self.KIND_NETWORK:
            parts = [self.parameters.get("event", ""), self.parameters.get("evaluation") or ""]
            return " · ".join(part for part in parts if part) + f" ({self.parameters.get('format', '').upper()})"
        return self.parameters.get("round", "")

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
