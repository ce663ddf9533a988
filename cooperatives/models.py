"""The registry of cooperatives and the areas (kecamatan) they belong to."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .nik import nik_validator

# Join codes avoid letters and digits that are easy to confuse on paper (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def generate_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Kecamatan(models.Model):
    """A sub-district. The list is data: another district loads its own."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    code = models.CharField(_("kode"), max_length=20, blank=True, help_text=_("Kode wilayah (opsional)."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Cooperative(models.Model):
    JENIS_KONSUMEN = "konsumen"
    JENIS_SIMPAN_PINJAM = "simpan_pinjam"
    JENIS_PRODUSEN = "produsen"
    JENIS_PEMASARAN = "pemasaran"
    JENIS_JASA = "jasa"
    JENIS_CHOICES = [
        (JENIS_KONSUMEN, _("Konsumen")),
        (JENIS_SIMPAN_PINJAM, _("Simpan pinjam")),
        (JENIS_PRODUSEN, _("Produsen")),
        (JENIS_PEMASARAN, _("Pemasaran")),
        (JENIS_JASA, _("Jasa")),
    ]

    nik = models.CharField(
        _("NIK koperasi"),
        max_length=16,
        unique=True,
        validators=[nik_validator],
        help_text=_("Nomor Induk Koperasi, 16 digit."),
    )
    nama = models.CharField(_("nama koperasi"), max_length=200)
    jenis = models.CharField(_("jenis koperasi"), max_length=20, choices=JENIS_CHOICES, db_index=True)
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="cooperatives"
    )
    desa = models.CharField(_("desa/kelurahan"), max_length=100, blank=True)
    jumlah_anggota = models.PositiveIntegerField(_("jumlah anggota"), default=0)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    join_code = models.CharField(
        _("kode bergabung"),
        max_length=16,
        unique=True,
        default=generate_join_code,
        help_text=_("Kode yang dipakai staf untuk mendaftar ke koperasi ini."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("koperasi")
        verbose_name_plural = _("koperasi")
        # Lists by name (the dashboard's results, the registry) read a page from the index
        # instead of sorting every cooperative.
        indexes = [models.Index(fields=["nama", "id"], name="cooperative_nama_idx")]
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("view_all_cooperatives", "Melihat semua koperasi: anggota, kode bergabung, kemajuan belajar"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jenis__in=["konsumen", "simpan_pinjam", "produsen", "pemasaran", "jasa"]),
                name="cooperative_jenis_valid",
                violation_error_message=_(
                    "Jenis koperasi harus salah satu dari: konsumen, simpan pinjam, produsen, pemasaran, jasa."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.nik})"

    def get_absolute_url(self):
        return reverse("cooperatives:detail", args=[self.pk])

    def regenerate_join_code(self):
        self.join_code = generate_join_code()
        self.save(update_fields=["join_code", "updated_at"])
