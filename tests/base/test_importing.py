"""The one importer contract (``base.importing``) and the one reader (``base.tabular.read_table``).

Each bad file here was met on main (issue #9 items 5, 15, 16): a 16-digit NIK rounded in
a number cell, a NUL byte giving a traceback or a 500, an English cause for a renamed
file, a header-only file "succeeding" with 0 rows, a formula read as empty, and a small
XLSX that unpacks to hundreds of megabytes.
"""

import io
import time
import zipfile
from io import StringIO

import openpyxl.xml
import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from base.importing import Importer, ImportReport, split_by_key, summary_line
from base.tabular import TabularFileError, read_table
from cooperatives.importers import import_cooperatives
from cooperatives.models import Cooperative, Kecamatan
from tests.cooperatives.files import write_csv, write_table
from tests.factories import make_kecamatan

pytestmark = pytest.mark.django_db

HEADER = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]


class AreaImporter(Importer):
    """A small importer declared the way the module docstring says."""

    kind = "test-areas"
    label = gettext_lazy("wilayah")
    required_columns = ("nama",)
    optional_columns = ("kode",)
    text_columns = ("kode",)
    example_row = {"nama": "Kraksaan", "kode": "007"}

    def validate(self, rows, report):
        names = []
        for row in rows:
            if not row.get("nama"):
                report.add_error(row.number, "nama", "wajib diisi")
            names.append((row.get("nama"), row.get("kode")))
        report.created = len(names)
        return names

    def write(self, plan, report):
        Kecamatan.objects.bulk_create([Kecamatan(name=name, code=code) for name, code in plan])


def errors(report):
    return report.error_lines()


# --- the contract --------------------------------------------------------------------


def test_declared_importer_validates_every_row_before_writing(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["nama", "kode"], ["Satu", "1"], ["", "2"], ["Tiga", "3"], ["", "4"]])
    report = AreaImporter().run(path)
    assert errors(report) == ["baris 3: nama: wajib diisi", "baris 5: nama: wajib diisi"]
    assert not Kecamatan.objects.exists()


def test_dry_run_counts_and_writes_nothing_then_run_writes(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["NAMA", "kode", "lain"], ["Satu", "007", "x"]])
    report = AreaImporter().run(path, dry_run=True)
    assert report.ok and report.created == 1 and not Kecamatan.objects.exists()
    assert summary_line(report, dry_run=True) == "Uji coba (tidak disimpan): dibuat: 1, diperbarui: 0, tidak berubah: 0"
    report = AreaImporter().run(path)
    assert Kecamatan.objects.get().code == "007"
    assert summary_line(report) == "dibuat: 1, diperbarui: 0, tidak berubah: 0"


def test_write_runs_in_one_transaction(tmp_path):
    class Failing(AreaImporter):
        def write(self, plan, report):
            super().write(plan, report)
            raise RuntimeError("disk full")

    path = write_csv(tmp_path / "a.csv", [["nama"], ["Satu"], ["Dua"]])
    with pytest.raises(RuntimeError):
        Failing().run(path)
    assert not Kecamatan.objects.exists()


def test_file_errors_read_baris_1_berkas(tmp_path):
    report = AreaImporter().run(tmp_path / "tidak-ada.csv")
    assert errors(report)[0].startswith("baris 1: berkas: tidak bisa dibuka")
    path = write_csv(tmp_path / "b.csv", [["kode"], ["1"]])
    assert errors(AreaImporter().run(path)) == ["baris 1: judul kolom: kolom wajib tidak ada: nama"]


def test_header_only_file_is_an_error_not_zero_rows(tmp_path):
    for fmt in ("csv", "xlsx"):
        path = write_table(tmp_path, fmt, [HEADER, ["", "", "", "", "", ""]], stem=f"kosong-{fmt}")
        report = import_cooperatives(path)
        assert errors(report) == ["baris 1: berkas: berkas hanya berisi judul kolom; tidak ada baris data"]


def test_empty_file_and_blank_first_row(tmp_path):
    (tmp_path / "nol.csv").write_bytes(b"")
    assert errors(import_cooperatives(tmp_path / "nol.csv")) == [
        "baris 1: berkas: berkas kosong: baris 1 harus berisi judul kolom"
    ]
    path = write_csv(tmp_path / "b.csv", [[], HEADER, ["3513000000000001", "A", "konsumen", "X", "", ""]])
    assert "berkas kosong" in errors(import_cooperatives(path))[0]


# --- cells read as text ----------------------------------------------------------------


def _xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize("nik", [9900000000000111, 9900000000000111.0])
def test_nik_in_a_number_cell_beyond_exact_range_is_a_row_error_never_rounded(tmp_path, nik):
    make_kecamatan("Kraksaan")
    path = _xlsx(tmp_path / "a.xlsx", [HEADER, [nik, "Koperasi Angka", "konsumen", "Kraksaan", "", 5]])
    report = import_cooperatives(path)
    lines = errors(report)
    assert len(lines) == 1 and lines[0].startswith("baris 2: nik: angka 99000000000001")
    assert "ketik sebagai teks" in lines[0]
    assert not Cooperative.objects.exists()


def test_nik_as_text_in_xlsx_keeps_every_digit(tmp_path):
    make_kecamatan("Kraksaan")
    path = _xlsx(tmp_path / "a.xlsx", [HEADER, ["9900000000000111", "Koperasi Teks", "konsumen", "Kraksaan", "", 5]])
    assert import_cooperatives(path).ok
    assert Cooperative.objects.get().nik == "9900000000000111"


def test_formula_without_a_stored_result_is_a_row_error(tmp_path):
    make_kecamatan("Kraksaan")
    path = _xlsx(
        tmp_path / "a.xlsx",
        [HEADER, ["3513000000000001", '=CONCAT("Kop","erasi")', "konsumen", "Kraksaan", "", "=2*3"]],
    )
    lines = errors(import_cooperatives(path))
    assert lines[0].startswith("baris 2: jumlah_anggota: rumus tanpa hasil tersimpan")
    assert lines[1].startswith("baris 2: nama: rumus tanpa hasil tersimpan")
    assert len(lines) == 2  # not also "nama: wajib diisi"


def test_formula_with_a_stored_result_reads_the_result(tmp_path):
    make_kecamatan("Kraksaan")
    path = _xlsx(tmp_path / "a.xlsx", [HEADER, ["3513000000000001", "=A1", "konsumen", "Kraksaan", "", "=2*3"]])
    # Store the results as Excel does when it saves.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<c r="B2"><f>A1</f><v /></c>', '<c r="B2" t="str"><f>A1</f><v>Koperasi Rumus</v></c>')
    sheet = sheet.replace("<f>2*3</f><v />", "<f>2*3</f><v>6</v>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = import_cooperatives(path)
    assert report.ok, errors(report)
    cooperative = Cooperative.objects.get()
    assert (cooperative.nama, cooperative.jumlah_anggota) == ("Koperasi Rumus", 6)


def test_xlsx_dates_read_as_iso_text(tmp_path):
    import datetime

    path = _xlsx(tmp_path / "a.xlsx", [["nama", "tanggal"], ["A", datetime.datetime(2026, 12, 1)]])
    _header, rows = read_table(path)
    assert rows[0].values == {"nama": "A", "tanggal": "2026-12-01"}


# --- files that are not what they say ------------------------------------------------------


def test_nul_byte_in_csv_is_a_clear_file_error_and_the_command_fails_cleanly(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"nik,nama,jenis,kecamatan,desa,jumlah_anggota\n3513000000000001,Kop\x00erasi,konsumen,X,,1\n")
    lines = errors(import_cooperatives(path))
    assert lines == [
        "baris 1: berkas: berkas CSV berisi karakter NUL, jadi bukan teks biasa (mungkin berkas lain yang "
        "diganti namanya): buka di Excel lalu simpan sebagai CSV UTF-8"
    ]
    err = StringIO()
    with pytest.raises(CommandError, match="1 kesalahan"):
        call_command("import_cooperatives", str(path), stdout=StringIO(), stderr=err)
    assert "karakter NUL" in err.getvalue()


def test_utf16_csv_from_excel_is_read(tmp_path):
    make_kecamatan("Kraksaan")
    text = "nik\tnama\tjenis\tkecamatan\tdesa\tjumlah_anggota\n3513000000000001\tKoperasi Ü\tkonsumen\tKraksaan\t\t3\n"
    path = tmp_path / "unicode.csv"
    path.write_bytes(text.encode("utf-16"))
    assert import_cooperatives(path).ok
    assert Cooperative.objects.get().nama == "Koperasi Ü"


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"nik,nama\n1,2\n", "bukan XLSX (mungkin berkas lain yang diganti namanya menjadi .xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "format Excel lama (.xls)"),
        (b"PK\x03\x04 rusak", "berkas XLSX rusak"),
    ],
)
def test_non_xlsx_renamed_xlsx_gives_an_indonesian_cause(tmp_path, content, cause):
    path = tmp_path / "palsu.xlsx"
    path.write_bytes(content)
    lines = errors(import_cooperatives(path))
    assert len(lines) == 1 and lines[0].startswith("baris 1: berkas: ") and cause in lines[0]


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "halo")
    lines = errors(import_cooperatives(path))
    assert lines == [
        "baris 1: berkas: berkas XLSX rusak atau tidak didukung: buka di Excel lalu simpan lagi sebagai .xlsx atau CSV"
    ]


def test_defusedxml_guards_openpyxl():
    # Pinned in requirements.txt: openpyxl parses untrusted XLSX through defusedxml.
    assert openpyxl.xml.DEFUSEDXML is True


# --- limits, checked before the heavy work -------------------------------------------------


def test_upload_over_the_size_limit_is_refused_before_reading(tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    path = write_csv(tmp_path / "besar.csv", [HEADER] + [["3513000000000001", "x" * 50, "", "", "", ""]] * 40)
    assert errors(import_cooperatives(path))[0].startswith("baris 1: berkas: berkas terlalu besar")
    upload = io.BytesIO(path.read_bytes())
    upload.name = "besar.csv"
    assert "terlalu besar" in errors(import_cooperatives(upload))[0]


def test_too_many_rows_is_a_file_error(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"35130000000000{i:02d}", "A", "konsumen", "X", "", ""] for i in range(4)]
    path = write_csv(tmp_path / "banyak.csv", [HEADER, *rows])
    assert errors(import_cooperatives(path)) == [
        "baris 1: berkas: terlalu banyak baris (lebih dari 3 baris data): bagi menjadi beberapa berkas"
    ]


def test_xlsx_that_unpacks_too_large_is_refused_quickly(tmp_path, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 2**20
    path = _xlsx(tmp_path / "bom.xlsx", [["nama"], ["a" * 30000]] + [["a" * 30000 + str(i)] for i in range(100)])
    assert path.stat().st_size < 200_000  # compresses very well: a small upload
    started = time.perf_counter()
    lines = errors(import_cooperatives(path))
    assert time.perf_counter() - started < 2
    assert len(lines) == 1 and "isi berkas XLSX terlalu besar setelah dibuka" in lines[0]


def test_reader_raises_tabular_file_error_for_unknown_types(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(TabularFileError, match="jenis berkas tidak dikenal"):
        read_table(path)


def test_preview_of_a_large_csv_builds_no_model_per_row(tmp_path, django_assert_max_num_queries):
    # A 4.9 MB file previewed in 10 s on main: a Cooperative (and its join code) was made
    # for every row of a dry run. Now the preview stays a handful of queries and plain values.
    make_kecamatan("Paiton")
    rows = [[f"3513{i:012d}", f"Koperasi {i}", "konsumen", "Paiton", "Desa", str(i)] for i in range(3000)]
    path = write_csv(tmp_path / "besar.csv", [HEADER, *rows])
    with django_assert_max_num_queries(3):
        report = import_cooperatives(path, dry_run=True)
    assert report.created == 3000


def test_template_xlsx_from_the_declaration_keeps_identifiers_as_text():
    workbook = load_workbook(io.BytesIO(AreaImporter().template_xlsx()))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == ["nama", "kode"]
    assert [cell.value for cell in sheet[2]] == ["Kraksaan", "007"]
    assert sheet["B2"].number_format == "@" and sheet.freeze_panes == "A2"


def test_import_report_reexported_for_apps():
    assert ImportReport().ok


# --- new, changed or unchanged ----------------------------------------------------------------


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


def test_split_by_key_sorts_rows_into_new_changed_and_unchanged():
    same = Row(name="Mawar", city="Kraksaan")
    moved = Row(name="Melati", city="Dringu")
    report = ImportReport()
    planned = [
        ("A", {"name": "Mawar", "city": "Kraksaan"}),
        ("B", {"name": "Melati", "city": "Paiton"}),
        ("C", {"name": "Anggrek", "city": "Gending"}),
    ]
    to_create, to_update = split_by_key(
        planned, {"A": same, "B": moved}, lambda key, values: Row(key=key, **values), report
    )
    assert [(row.key, row.name) for row in to_create] == [("C", "Anggrek")]
    assert to_update == [moved] and moved.city == "Paiton"
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert same.city == "Kraksaan"
