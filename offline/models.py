"""What the phone sent from its offline queue: each client-generated id is accepted once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SyncReceipt(models.Model):
    """One queued action (a lesson done, a quiz answered offline) as the server received it.

    The phone gives every action an id when the learner makes it and resends it until it
    gets an answer; the unique id makes a resend return the first outcome instead of
    completing or grading again. The receipt is written in the same transaction as the
    completion or the graded attempt.
    """

    KIND_LESSON_DONE = "lesson_done"
    KIND_QUIZ_ATTEMPT = "quiz_attempt"
    KIND_CHOICES = [(KIND_LESSON_DONE, _("Materi selesai")), (KIND_QUIZ_ATTEMPT, _("Jawaban kuis"))]

    STATUS_ACCEPTED = "accepted"
    STATUS_REJECTED = "rejected"
    STATUS_CHOICES = [(STATUS_ACCEPTED, _("Diterima")), (STATUS_REJECTED, _("Ditolak"))]

    client_id = models.UUIDField(_("id dari HP"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="sync_receipts"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=KIND_CHOICES)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("halaman"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Materi atau kuis yang dimaksud."),
    )
    made_at = models.DateTimeField(_("dibuat di HP"), help_text=_("Sudah dikoreksi dengan jam server dan dibatasi."))
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES)
    outcome = models.JSONField(
        _("hasil"), default=dict, help_text=_("Jawaban yang dikirim ke HP (juga saat dikirim ulang).")
    )

    class Meta:
        verbose_name = _("kiriman dari HP")
        verbose_name_plural = _("kiriman dari HP")
        constraints = [
            models.UniqueConstraint(fields=["client_id"], name="sync_receipt_unique_client_id"),
            models.CheckConstraint(
                condition=models.Q(status__in=["accepted", "rejected"]), name="sync_receipt_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["lesson_done", "quiz_attempt"]), name="sync_receipt_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.client_id}"
