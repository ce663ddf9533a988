import pytest

from cooperatives.importers import import_cooperatives, import_kecamatan, normalize_jenis
from cooperatives.models import Cooperative, Kecamatan
from tests.cooperatives.files import write_table
from tests.factories import make_cooperative, make_kecamatan

pytestmark = pytest.mark.django_db

HEADER = ["nik", "nama", "jenis", "kecamatan", "desa", "jumlah_anggota"]


@pytest.fixture
def areas():
    return [make_kecamatan("Kraksaan"), make_kecamatan("Dringu")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_good_file_creates_cooperatives(tmp_path, areas, fmt):
    path = write_table(
        tmp_path,
        fmt,
        [
            HEADER,
            ["3513000000000101", "Koperasi Sumber Rejeki", "konsumen", "Kraksaan", "Kandangjati", "120"],
            ["3513000000000102", "KSP Mitra", "Simpan Pinjam", "dringu", "", ""],
        ],
    )
    report = import_cooperatives(path)
    assert report.ok, report.error_lines()
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    first = Cooperative.objects.get(nik="3513000000000101")
    assert (first.nama, first.jenis, first.kecamatan.name, first.desa, first.jumlah_anggota) == (
        "Koperasi Sumber Rejeki",
        "konsumen",
        "Kraksaan",
        "Kandangjati",
        120,
    )
    second = Cooperative.objects.get(nik="3513000000000102")
    assert second.jenis == "simpan_pinjam"
    assert second.kecamatan.name == "Dringu"
    assert second.jumlah_anggota == 0
    assert len(second.join_code) == 8 and second.join_code != first.join_code


def test_xlsx_with_numeric_cells_and_mixed_case_header_and_extra_columns(tmp_path, areas):
    path = write_table(
        tmp_path,
        "xlsx",
        [
            ["NIK", "Nama", "JENIS", "Kecamatan", "Desa", "Jumlah_Anggota", "catatan"],
            [3513000000000201, "Koperasi Angka", "produsen", "Kraksaan", "Sumberlele", 45, "diabaikan"],
        ],
    )
    report = import_cooperatives(path)
    assert report.ok, report.error_lines()
    cooperative = Cooperative.objects.get(nik="3513000000000201")
    assert cooperative.jumlah_anggota == 45


def test_second_import_updates_by_nik_and_counts_unchanged(tmp_path, areas):
    existing = make_cooperative(nik="3513000000000301", nama="Nama Lama", kecamatan=areas[0])
    join_code = existing.join_code
    path = write_table(
        tmp_path,
        "csv",
        [
            HEADER,
            ["3513000000000301", "Nama Baru", "jasa", "Dringu", "Kalirejo", "9"],
            ["3513000000000302", "Koperasi Kedua", "pemasaran", "Kraksaan", "", "3"],
        ],
    )
    report = import_cooperatives(path)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    existing.refresh_from_db()
    assert (existing.nama, existing.jenis, existing.kecamatan.name, existing.jumlah_anggota) == (
        "Nama Baru",
        "jasa",
        "Dringu",
        9,
    )
    assert existing.join_code == join_code, "an import never changes the join code"

    again = import_cooperatives(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Cooperative.objects.count() == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path, areas, fmt):
    make_cooperative(nik="3513000000000999", nama="Tetap", kecamatan=areas[0])
    path = write_table(
        tmp_path,
        fmt,
        [
            HEADER,
            ["3513000000000401", "Koperasi Baik", "konsumen", "Kraksaan", "", "10"],  # row 2: fine
            ["12345", "Koperasi NIK Pendek", "konsumen", "Kraksaan", "", "1"],  # row 3
            ["3513000000000401", "Koperasi Kembar", "konsumen", "Kraksaan", "", "1"],  # row 4
            [],  # row 5: empty, skipped but counted
            ["3513000000000402", "", "konsumen", "Kraksaan", "", "1"],  # row 6
            ["3513000000000403", "Koperasi Jenis", "arisan", "Kraksaan", "", "1"],  # row 7
            ["3513000000000404", "Koperasi Antah", "jasa", "Atlantis", "", "1"],  # row 8
            ["3513000000000405", "Koperasi Minus", "jasa", "Dringu", "", "-3"],  # row 9
            ["3513000000000999", "Tetap Diubah", "jasa", "Dringu", "", "5"],  # row 10: would update
        ],
    )
    report = import_cooperatives(path)
    assert report.error_lines() == [
        "baris 3: nik: harus 16 digit angka (tertulis 12345)",
        "baris 4: nik: NIK 3513000000000401 sudah ada di baris 2",
        "baris 6: nama: wajib diisi",
        "baris 7: jenis: 'arisan' tidak dikenal; pilih salah satu: konsumen, simpan_pinjam, produsen, pemasaran, jasa",
        "baris 8: kecamatan: 'Atlantis' belum terdaftar; impor daftar kecamatan dulu (admin: Registri koperasi → Kecamatan → Impor; perintah: import_kecamatan)",
        "baris 9: jumlah_anggota: harus bilangan bulat 0 atau lebih (tertulis -3)",
    ]
    assert Cooperative.objects.count() == 1
    assert Cooperative.objects.get().nama == "Tetap"
    assert not Kecamatan.objects.filter(name__iexact="Atlantis").exists()


def test_several_errors_in_one_row_are_all_reported(tmp_path, areas):
    path = write_table(tmp_path, "csv", [HEADER, ["abc", "", "", "", "", "x"]])
    report = import_cooperatives(path)
    assert report.error_lines() == [
        "baris 2: jenis: '' tidak dikenal; pilih salah satu: konsumen, simpan_pinjam, produsen, pemasaran, jasa",
        "baris 2: jumlah_anggota: harus bilangan bulat 0 atau lebih (tertulis x)",
        "baris 2: kecamatan: wajib diisi",
        "baris 2: nama: wajib diisi",
        "baris 2: nik: harus 16 digit angka (tertulis abc)",
    ]


def test_missing_column_is_a_row_one_error(tmp_path, areas):
    path = write_table(tmp_path, "csv", [["nik", "nama"], ["3513000000000501", "X"]])
    report = import_cooperatives(path)
    assert report.error_lines() == [
        "baris 1: judul kolom: kolom wajib tidak ada: jenis, kecamatan, desa, jumlah_anggota"
    ]


def test_dry_run_reports_counts_but_writes_nothing(tmp_path, areas):
    path = write_table(tmp_path, "csv", [HEADER, ["3513000000000601", "K", "jasa", "Kraksaan", "", "1"]])
    report = import_cooperatives(path, dry_run=True)
    assert report.ok and report.created == 1
    assert not Cooperative.objects.exists()


def test_import_queries_do_not_grow_with_rows(tmp_path, areas, django_assert_max_num_queries):
    rows = [HEADER] + [[f"35130000000007{i:02d}", f"K{i}", "jasa", "Kraksaan", "", "1"] for i in range(60)]
    path = write_table(tmp_path, "csv", rows)
    # 9: reading, one insert, and the registry's count of active cooperatives for the one
    # kecamatan and jenis (readiness.aggregates: per group, never per row).
    with django_assert_max_num_queries(9):
        report = import_cooperatives(path)
    assert report.created == 60


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("simpan_pinjam", "simpan_pinjam"),
        ("Simpan Pinjam", "simpan_pinjam"),
        ("simpan pinjam", "simpan_pinjam"),
        ("SIMPAN-PINJAM", "simpan_pinjam"),
        ("Koperasi Konsumen", "konsumen"),
        (" Jasa ", "jasa"),
        ("arisan", ""),
        ("", ""),
    ],
)
def test_normalize_jenis(raw, expected):
    assert normalize_jenis(raw) == expected


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_kecamatan_upserts_by_name(tmp_path, fmt):
    make_kecamatan("Kraksaan")
    path = write_table(
        tmp_path, fmt, [["Nama", "Kode"], ["kraksaan", "35.13.16"], ["Paiton", ""], ["Gading", "35.13.10"]]
    )
    report = import_kecamatan(path)
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    assert Kecamatan.objects.get(name="Kraksaan").code == "35.13.16"
    assert set(Kecamatan.objects.values_list("name", flat=True)) == {"Kraksaan", "Paiton", "Gading"}


def test_import_kecamatan_rejects_blank_and_duplicate_names(tmp_path):
    path = write_table(tmp_path, "csv", [["nama", "kode"], ["Paiton", ""], ["", "99"], ["paiton", ""]])
    report = import_kecamatan(path)
    assert report.error_lines() == ["baris 3: nama: wajib diisi", "baris 4: nama: sama dengan baris 2"]
    assert not Kecamatan.objects.exists()
