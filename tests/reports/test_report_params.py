"""What a report is about (``ReportForm``: round, comparison, kecamatan, jenis, with their
defaults and Indonesian errors) and the tables built for it, on the hand-made district of
conftest.py (built once for this module)."""

import datetime

import pytest

from reports import selectors, tables
from reports.forms import ReportForm
from reports.selectors import Scope
from reports.tables import ReportParams

from .conftest import make_framework, make_result, make_round


def params_for(data):
    form = ReportForm(data)
    form.is_valid()
    return form, form.params(viewer=None)


def table(name, district, scope=selectors.ALL):
    params = ReportParams(district.round_b, district.round_a, scope, None)
    built = tables.build_table(name, params)
    return built.header, list(built.rows)


# --- the form ----------------------------------------------------------------------------------


def test_without_choices_the_newest_round_with_results_against_the_one_before(district):
    form, params = params_for({})
    assert not form.errors
    assert (params.evaluation_round, params.compare_round, params.scope) == (
        district.round_b,
        district.round_a,
        Scope(),
    )
    assert params.comparable


def test_the_first_round_has_nothing_to_compare_with(district):
    form, params = params_for({"putaran": "2024"})
    assert not form.errors and params.evaluation_round == district.round_a and params.compare_round is None
    assert not params.comparable


def test_a_comparison_round_of_another_instrument_is_refused_and_the_previous_used(district):
    make_round(make_framework(code="lain"), "lain-2023", datetime.date(2023, 3, 1))
    form, params = params_for({"putaran": "2025", "pembanding": "lain-2023"})
    assert form.errors == {"pembanding": ["Pilih putaran lain yang memakai instrumen yang sama (kode uji)."]}
    assert params.compare_round == district.round_a


def test_unknown_choices_are_errors_and_fall_back_to_defaults(district):
    form, params = params_for({"putaran": "1999", "jenis": "koperasi_desa", "kecamatan": "999999"})
    assert set(form.errors) == {"putaran", "jenis", "kecamatan"}
    assert params.evaluation_round == district.round_b
    assert params.scope == Scope()


def test_kecamatan_and_jenis_narrow_the_scope(district):
    form, params = params_for({"kecamatan": str(district.paiton.pk), "jenis": "konsumen"})
    assert not form.errors
    assert params.scope == Scope(kecamatan=district.paiton, jenis="konsumen")
    assert sorted(c.nama for c in params.scope.cooperatives()) == ["Koperasi Empat", "Koperasi Tiga"]
    assert sorted(a.cooperative.nama for a in params.scope.results(district.round_b)) == [
        "Koperasi Empat",
        "Koperasi Tiga",
    ]


# --- rounds -----------------------------------------------------------------------------------


def test_a_newer_round_without_results_is_not_the_default_until_nothing_has_results(district):
    newer = make_round(district.framework, "2026", datetime.date(2026, 3, 1))
    assert selectors.default_round() == district.round_b
    assert list(selectors.rounds())[:3] == [newer, district.round_b, district.round_a]
    assert selectors.previous_round(newer) == district.round_b
    assert selectors.previous_round(None) is None


def test_rounds_opening_the_same_day_are_ordered_by_their_id(district):
    twin = make_round(district.framework, "2025-ulang", district.round_b.opens_on)
    assert selectors.previous_round(twin) == district.round_b
    assert selectors.previous_round(district.round_b) == district.round_a


# --- the dashboard's figures -------------------------------------------------------------------------


def test_a_result_without_an_index_has_its_own_level_row(district):
    make_result(district.round_b, district.c7, None, {})
    rows = selectors.level_distribution(district.round_b)
    assert [(row.level, row.label, row.count) for row in rows][-1] == (None, "Tanpa indeks", 1)
    assert rows[-1].percent == pytest.approx(20) and rows[0].percent == pytest.approx(20)
    assert selectors.overview(district.round_b).assessed == 5
    assert selectors.overview(district.round_b).mean_overall == pytest.approx((60 + 50.02 + 10 + 85) / 4)


def test_registered_cooperatives_add_an_inactive_one_only_with_a_result(district):
    names = {c.nama for c in selectors.registered_cooperatives(district.round_b)}
    assert "Koperasi Enam" not in names and len(names) == 6
    make_result(district.round_b, district.c6, 30, {"D1": 30, "D2": 30})
    assert "Koperasi Enam" in {c.nama for c in selectors.registered_cooperatives(district.round_b)}
    assert "Koperasi Enam" not in {c.nama for c in selectors.registered_cooperatives(district.round_a)}


def test_jenis_rows_follow_the_registry_order(district):
    assert [row.key for row in selectors.by_jenis(district.round_b)] == [
        "konsumen",
        "simpan_pinjam",
        "produsen",
        "jasa",
    ]
    rows = selectors.by_jenis(district.round_b, Scope(kecamatan=district.kraksaan))
    assert [(row.label, row.registered, row.assessed) for row in rows] == [
        ("Konsumen", 1, 1),
        ("Simpan pinjam", 1, 1),
        ("Jasa", 1, 0),
    ]


def test_dimension_means_in_one_kecamatan(district):
    d1, d2 = selectors.dimension_means(district.round_b, Scope(kecamatan=district.paiton))
    assert (d1.mean, d1.count, d2.mean, d2.count) == (45, 2, 50, 2)


def test_level_labels_of_a_framework(district):
    assert selectors.round_scoring_label(2, district.framework) == "Kesiapan sedang"
    assert selectors.round_scoring_label(None, district.framework) == ""
    assert selectors.band_labels(district.framework)[0] == "Belum siap"


# --- comparing -----------------------------------------------------------------------------------------


def test_paired_results_leave_out_new_cooperatives_and_drafts(district):
    paired = {a.cooperative.nama: a for a in selectors.paired_results(district.round_a, district.round_b)}
    assert set(paired) == {"Koperasi Satu", "Koperasi Dua", "Koperasi Tiga"}
    one = paired["Koperasi Satu"]
    assert (one.overall_before, one.level_before, one.delta) == (40, 2, 20)


def test_the_cross_table_skips_results_without_a_level(district):
    make_result(district.round_a, district.c4, None, {})
    make_result(district.round_a, district.c7, 30, {"D1": 30})  # no result in B: not paired
    cross = selectors.level_cross_table(district.round_a, district.round_b)
    assert cross.total == 3


# --- the tables as downloaded ----------------------------------------------------------------------------


def test_level_table_rows_with_percentages(district):
    header, rows = table("tingkat", district)
    assert header == ["tingkat", "label", "batas_bawah", "jumlah", "persen"]
    assert rows == [
        [0, "Belum siap", 0.0, 1, 25.0],
        [1, "Kesiapan awal", 20.0, 0, 0.0],
        [2, "Kesiapan sedang", 40.0, 1, 25.0],
        [3, "Kesiapan matang", 60.0, 1, 25.0],
        [4, "Sudah menerapkan", 80.0, 1, 25.0],
    ]


def test_cooperative_table_names_the_level(district):
    header, rows = table("koperasi", district, Scope(kecamatan=district.kraksaan))
    assert header == ["nik", "nama", "jenis", "kecamatan", "status", "indeks", "tingkat", "label_tingkat"]
    assert [row[1:] for row in rows] == [
        ["Koperasi Dua", "simpan_pinjam", "Kraksaan", "submitted", 50.0, 2, "Kesiapan sedang"],
        ["Koperasi Satu", "konsumen", "Kraksaan", "submitted", 60.0, 3, "Kesiapan matang"],
    ]


def test_change_tables_round_to_one_decimal(district):
    header, rows = table("perubahan", district)
    assert header[:3] == ["putaran_a", "putaran_b", "dinilai_keduanya"]
    assert rows == [["2024", "2025", 3, 1, 1, 1, 40.0, 40.0, 0.0]]
    header, rows = table("perubahan-terbesar", district)
    assert [(row[0], row[2], row[5], row[6], row[7]) for row in rows] == [
        ("naik", "Koperasi Satu", 40.0, 60.0, 20.0),
        ("turun", "Koperasi Tiga", 30.0, 10.0, -20.0),
    ]


def test_cross_and_dimension_change_tables(district):
    header, rows = table("silang-tingkat", district)
    assert header == ["tingkat_a \\ tingkat_b", "Belum siap", "Kesiapan awal", "Kesiapan sedang", "Kesiapan matang",
                      "Sudah menerapkan"]  # fmt: skip
    assert rows[2] == ["Kesiapan sedang", 0, 0, 1, 1, 0] and rows[1] == ["Kesiapan awal", 1, 0, 0, 0, 0]
    header, rows = table("perubahan-dimensi", district)
    assert rows == [["D1", "Dimensi D1", 3, 36.7, 40.0, 3.3, 1, 1], ["D2", "Dimensi D2", 3, 43.3, 40.0, -3.3, 1, 1]]


def test_association_table_in_a_scope_without_training(district):
    header, rows = table("asosiasi", district, Scope(kecamatan=district.paiton))
    assert header[-1] == "selisih"
    # Paiton: only c3 is paired (−20 on D1, −20 on D2); it completed the course tagged d2.
    assert rows == [["D1", "Dimensi D1", 0, None, 1, -20.0, None], ["D2", "Dimensi D2", 1, -20.0, 0, None, None]]
