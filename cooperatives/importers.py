"""Importing the registry from spreadsheets: kecamatan and cooperatives.

One importer per file type, used by the management commands, the Wagtail admin
upload and the demo data alike. Each validates the whole file first; anything wrong
and nothing is written (PRODUCT.md section 4).

Both are declarations on ``base.importing.Importer`` (the one contract: reading,
validation of the whole file, dry run, summary, command, admin view, template).
``import_…(source, name=..., dry_run=True)`` is a preview: the report then says what
*would* be created, updated or left unchanged.
"""

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.importing import Importer, apply_changes
from readiness import aggregates

from .models import Cooperative, Kecamatan
from .nik import nik_format_error

COOPERATIVE_COLUMNS = ("nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota")
KECAMATAN_COLUMNS = ("nama",)
KECAMATAN_OPTIONAL_COLUMNS = ("kode",)

_SEPARATORS = re.compile(r"[\s\-/]+")
JENIS_CODES = [code for code, _label in Cooperative.JENIS_CHOICES]

NAMA_MAX = Cooperative._meta.get_field("nama").max_length
DESA_MAX = Cooperative._meta.get_field("desa").max_length
KECAMATAN_NAME_MAX = Kecamatan._meta.get_field("name").max_length
KECAMATAN_CODE_MAX = Kecamatan._meta.get_field("code").max_length


def normalize_jenis(raw):
    """``Simpan Pinjam``, ``simpan-pinjam``, ``Koperasi Konsumen`` → the stored code, or ""."""
    text = _SEPARATORS.sub("_", (raw or "").strip().lower()).strip("_")
    if text.startswith("koperasi_"):
        text = text[len("koperasi_") :]
    return text if text in JENIS_CODES else ""


# --- kecamatan ------------------------------------------------------------------------


class KecamatanImporter(Importer):
    """Upsert kecamatan by name (case-insensitive) from a ``nama[,kode]`` table."""

    kind = "kecamatan"
    label = gettext_lazy("kecamatan")
    required_columns = KECAMATAN_COLUMNS
    optional_columns = KECAMATAN_OPTIONAL_COLUMNS
    text_columns = ("kode",)
    example_row = {"nama": "Kraksaan", "kode": "35.13.10"}

    def validate(self, rows, report):
        existing = {k.name.lower(): k for k in Kecamatan.objects.all()}
        seen = {}
        to_create, to_update = [], []
        for row in rows:
            nama = row.get("nama").strip()
            kode = row.get("kode").strip()
            if not nama:
                report.add_error(row.number, "nama", _("wajib diisi"))
                continue
            if len(nama) > KECAMATAN_NAME_MAX:
                report.add_error(row.number, "nama", _("paling banyak %(n)d karakter") % {"n": KECAMATAN_NAME_MAX})
            if len(kode) > KECAMATAN_CODE_MAX:
                report.add_error(row.number, "kode", _("paling banyak %(n)d karakter") % {"n": KECAMATAN_CODE_MAX})
            key = nama.lower()
            if key in seen:
                report.add_error(row.number, "nama", _("sama dengan baris %(row)d") % {"row": seen[key]})
                continue
            seen[key] = row.number
            current = existing.get(key)
            if current is None:
                to_create.append((nama, kode))
            elif kode and current.code != kode:
                to_update.append((current, kode))
            else:
                report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        return to_create, to_update

    def write(self, plan, report):
        to_create, to_update = plan
        Kecamatan.objects.bulk_create([Kecamatan(name=nama, code=kode) for nama, kode in to_create])
        for kecamatan, kode in to_update:
            kecamatan.code = kode
        Kecamatan.objects.bulk_update([kecamatan for kecamatan, _kode in to_update], ["code"])


def import_kecamatan(source, *, name=None, dry_run=False):
    return KecamatanImporter().run(source, name=name, dry_run=dry_run)


# --- cooperatives ---------------------------------------------------------------------


def _cooperative_values(row, report, kecamatan_by_name):
    """Validate one row; return the field values or None (errors go to ``report``)."""
    errors_before = len(report.errors)
    nik = row.get("nik").strip().replace(" ", "")
    if not nik:
        report.add_error(row.number, "nik", _("wajib diisi"))
    elif error := nik_format_error(nik):
        report.add_error(row.number, "nik", error)

    nama = row.get("nama").strip()
    if not nama:
        report.add_error(row.number, "nama", _("wajib diisi"))
    elif len(nama) > NAMA_MAX:
        report.add_error(row.number, "nama", _("paling banyak %(n)d karakter") % {"n": NAMA_MAX})

    raw_jenis = row.get("jenis")
    jenis = normalize_jenis(raw_jenis)
    if not jenis:
        report.add_error(
            row.number,
            "jenis",
            _("'%(value)s' tidak dikenal; pilih salah satu: %(choices)s")
            % {"value": raw_jenis.strip(), "choices": ", ".join(JENIS_CODES)},
        )

    kecamatan_name = row.get("kecamatan").strip()
    kecamatan = kecamatan_by_name.get(kecamatan_name.lower())
    if not kecamatan_name:
        report.add_error(row.number, "kecamatan", _("wajib diisi"))
    elif kecamatan is None:
        report.add_error(
            row.number,
            "kecamatan",
            _(
                "'%(value)s' belum terdaftar; impor daftar kecamatan dulu (admin: Registri koperasi → Kecamatan → Impor; perintah: import_kecamatan)"
            )
            % {"value": kecamatan_name},
        )

    desa = row.get("desa").strip()
    if len(desa) > DESA_MAX:
        report.add_error(row.number, "desa", _("paling banyak %(n)d karakter") % {"n": DESA_MAX})

    raw_members = row.get("jumlah_anggota").strip().replace(" ", "")
    jumlah_anggota = 0
    if raw_members:
        if raw_members.isdigit():
            jumlah_anggota = int(raw_members)
        else:
            report.add_error(
                row.number,
                "jumlah_anggota",
                _("harus bilangan bulat 0 atau lebih (tertulis %(value)s)") % {"value": raw_members},
            )

    if len(report.errors) > errors_before:
        return None
    return {
        "nik": nik,
        "nama": nama,
        "jenis": jenis,
        "kecamatan": kecamatan,
        "desa": desa,
        "jumlah_anggota": jumlah_anggota,
    }


def _existing_by_nik(niks):
    """The registered cooperatives among ``niks``, by NIK.

    For a large file, reading the registry once is cheaper than compiling a query with
    tens of thousands of parameters (a second of the 4.9 MB preview on main).
    """
    if len(niks) <= 500:
        return {c.nik: c for c in Cooperative.objects.filter(nik__in=niks)}
    return {c.nik: c for c in Cooperative.objects.iterator(chunk_size=2000) if c.nik in niks}


_UPDATABLE = ("nama", "jenis", "kecamatan", "desa", "jumlah_anggota")


class CooperativeImporter(Importer):
    """Upsert cooperatives by NIK from a ``nik,nama,jenis,kecamatan,desa,jumlah_anggota`` table."""

    kind = "cooperatives"
    label = gettext_lazy("koperasi")
    required_columns = COOPERATIVE_COLUMNS
    text_columns = ("nik",)
    example_row = {
        "nik": "3513100000000001",
        "nama": "Koperasi Serba Usaha Sumber Rejeki",
        "jenis": "konsumen",
        "kecamatan": "Kraksaan",
        "desa": "Patokan",
        "jumlah_anggota": "120",
    }

    def validate(self, rows, report):
        kecamatan_by_name = {k.name.lower(): k for k in Kecamatan.objects.all()}
        first_row_of_nik = {}
        planned = []
        for row in rows:
            nik = row.get("nik").strip().replace(" ", "")
            if nik and nik in first_row_of_nik:
                report.add_error(
                    row.number,
                    "nik",
                    _("NIK %(nik)s sudah ada di baris %(row)d") % {"nik": nik, "row": first_row_of_nik[nik]},
                )
            elif nik:
                first_row_of_nik[nik] = row.number
            values = _cooperative_values(row, report, kecamatan_by_name)
            if values is not None:
                planned.append(values)
        if not report.ok:
            return None

        existing = _existing_by_nik({values["nik"] for values in planned})
        to_create, to_update = [], []
        for values in planned:
            current = existing.get(values["nik"])
            if current is None:
                # Plain values: a model instance per row (and its join code) only when writing.
                to_create.append(values)
                continue
            if apply_changes(current, {field_name: values[field_name] for field_name in _UPDATABLE}):
                to_update.append(current)
            else:
                report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        return to_create, to_update

    def write(self, plan, report):
        to_create, to_update = plan
        now = timezone.now()
        for cooperative in to_update:
            cooperative.updated_at = now
        created = Cooperative.objects.bulk_create([Cooperative(**values) for values in to_create], batch_size=500)
        # bulk_create sends no signals: the new cooperatives are counted in the registry here.
        aggregates.add_created_cooperatives(created)
        # A cooperative moved to another kecamatan or jenis moves its registry count and its
        # results in the readiness aggregates: out as stored before, in as stored after.
        moved = [cooperative.pk for cooperative in to_update]
        aggregates.remove_cooperatives(moved)
        Cooperative.objects.bulk_update(to_update, [*_UPDATABLE, "updated_at"], batch_size=500)
        aggregates.add_cooperatives(moved)


def import_cooperatives(source, *, name=None, dry_run=False):
    return CooperativeImporter().run(source, name=name, dry_run=dry_run)
