"""Report tables download as CSV and XLSX with the numbers the page shows (every table, in
test_download_formats.py)."""

from tests.reports.conftest import csv_rows, get_table, xlsx_rows


def test_kecamatan_csv_rows(analyst_client, district):
    rows = csv_rows(get_table(analyst_client, "kecamatan", "csv", putaran="2025"))
    assert rows == [
        ["kecamatan", "terdaftar", "dinilai", "cakupan_persen", "rata_rata_indeks"],
        ["Kraksaan", "3", "2", "66.7", "55.0"],
        ["Paiton", "3", "2", "66.7", "47.5"],
    ]


def test_cooperative_xlsx_rows(analyst_client, district):
    rows = xlsx_rows(get_table(analyst_client, "koperasi", "xlsx", putaran="2025", kecamatan=district.kraksaan.pk))
    assert rows[0] == ["nik", "nama", "jenis", "kecamatan", "status", "indeks", "tingkat", "label_tingkat"]
    assert rows[1:] == [
        # XLSX is for people: Indonesian words for jenis and status (CSV keeps the codes).
        [district.c2.nik, "Koperasi Dua", "Simpan pinjam", "Kraksaan", "Dikirim", 50.0, 2, "Kesiapan sedang"],
        [district.c1.nik, "Koperasi Satu", "Konsumen", "Kraksaan", "Dikirim", 60.0, 3, "Kesiapan matang"],
    ]


def test_level_and_dimensioncsv_rows(analyst_client, district):
    levels = csv_rows(get_table(analyst_client, "tingkat", "csv"))
    assert [row[3] for row in levels[1:]] == ["1", "0", "1", "1", "1"]
    dimensions = csv_rows(get_table(analyst_client, "dimensi", "csv"))
    assert dimensions[1] == ["D1", "Dimensi D1", "52.5", "4"]
    assert dimensions[2] == ["D2", "Dimensi D2", "50.0", "4"]


def test_comparison_tables(analyst_client, district):
    change = csv_rows(get_table(analyst_client, "perubahan", "csv", putaran="2025", pembanding="2024"))
    assert change[1] == ["2024", "2025", "3", "1", "1", "1", "40.0", "40.0", "0.0"]
    largest = xlsx_rows(get_table(analyst_client, "perubahan-terbesar", "xlsx"))
    assert [(row[0], row[2], row[7]) for row in largest[1:]] == [
        ("naik", "Koperasi Satu", 20.0),
        ("turun", "Koperasi Tiga", -20.0),
    ]
    cross = csv_rows(get_table(analyst_client, "silang-tingkat", "csv"))
    assert cross[0][1:] == ["Belum siap", "Kesiapan awal", "Kesiapan sedang", "Kesiapan matang", "Sudah menerapkan"]
    assert cross[3] == ["Kesiapan sedang", "0", "0", "1", "1", "0"]
    response = get_table(analyst_client, "perubahan", "csv")
    assert "perubahan-2024-2025.csv" in response["Content-Disposition"]


def test_association_and_participation_tables(analyst_client, district):
    association = csv_rows(get_table(analyst_client, "asosiasi", "csv"))
    assert association[1] == ["D1", "Dimensi D1", "1", "30.0", "2", "-10.0", "40.0"]
    participation = xlsx_rows(get_table(analyst_client, "partisipasi", "xlsx", kecamatan=district.kraksaan.pk))
    by_name = {row[1]: row for row in participation[1:]}
    assert by_name["Koperasi Satu"][4:] == [2, 1, 1, 1, 1, 1]
    assert by_name["Koperasi Dua"][4:] == [1, 1, 1, 1, 0, 0]


def test_bad_requests_are_404(analyst_client, district):
    assert get_table(analyst_client, "tidak-ada", "csv").status_code == 404
    assert get_table(analyst_client, "kecamatan", "pdf").status_code == 404
    assert get_table(analyst_client, "kecamatan", "csv", putaran="tidak-ada").status_code == 404


def test_comparison_tables_need_a_comparable_round(analyst_client, district):
    assert get_table(analyst_client, "perubahan", "csv", putaran="2024").status_code == 404
