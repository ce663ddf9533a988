"""The report's group tables from hand-made rows (tests/network/handmade.py): every figure
below is worked out by hand from that table, so the page's tables and their downloads are
checked without a database."""

import pytest
from django.http import Http404

from network import exports, figures, selectors, tables
from network.figures import Totals
from network.selectors import Change

from .handmade import ALFA, APEL, BAWANG, STATUS_LABELS, ZETA, four_rows, row

FIGURE_COLUMNS = [
    "kerja_sama",
    "nilai_potensi",
    "nilai_realisasi",
    "realisasi_persen",
    "aktif_persen",
    "komitmen_persen",
]


def build(name):
    return tables.build(name, event=None, evaluation=None, rows=four_rows())


def test_summary_counts_distinct_cooperatives_and_partners():
    totals = selectors.summary(four_rows())
    assert (totals.agreements, totals.cooperatives, totals.partners) == (4, 2, 2)
    assert (totals.potential, totals.realised, totals.active) == (600, 340, 2)
    assert totals.realisasi_persen == pytest.approx(100 * 340 / 600)
    assert (totals.aktif_persen, totals.komitmen_persen) == (50.0, 50.0)


def test_empty_rows_have_no_percentages():
    totals = selectors.summary([])
    assert (totals.agreements, totals.cooperatives, totals.partners) == (0, 0, 0)
    assert (totals.realisasi_persen, totals.aktif_persen, totals.komitmen_persen) == (None, None, None)
    assert selectors.by_status([]) == dict.fromkeys(figures.REPORT_STATUSES, 0)
    assert selectors.by_obstacle([]) == {} and selectors.obstacle_totals([]) == {}


def test_cooperatives_table_is_sorted_by_name():
    header, lines = build("koperasi")
    assert header == ["nik", "koperasi", "kecamatan", *FIGURE_COLUMNS]
    assert lines == [
        ["3513010000000002", "Koperasi Apel", "Tongas", 2, 200, 0, 0.0, 0.0, 0.0],
        ["3513010000000001", "Koperasi Bawang", "Dringu", 2, 400, 340, 85.0, 100.0, 83.3],
    ]
    assert [cooperative for cooperative, _totals in selectors.by_cooperative(four_rows())] == [APEL, BAWANG]


def test_partners_and_provinces_tables():
    header, lines = build("mitra")
    assert header == ["kode", "mitra", "provinsi", *FIGURE_COLUMNS]
    assert lines == [
        ["M-02", "Alfa Niaga", "Bali", 2, 500, 300, 60.0, 50.0, 33.3],
        ["M-01", "Zeta Mart", "DI Yogyakarta", 2, 100, 40, 40.0, 50.0, 75.0],
    ]
    assert [partner for partner, _totals in selectors.by_partner(four_rows())] == [ALFA, ZETA]
    header, lines = build("provinsi")
    assert header == ["provinsi", *FIGURE_COLUMNS]
    assert lines == [["Bali", 2, 500, 300, 60.0, 50.0, 33.3], ["DI Yogyakarta", 2, 100, 40, 40.0, 50.0, 75.0]]


def test_fields_follow_the_contract_order_and_empty_potential_has_no_percentage():
    header, lines = build("bidang")
    assert header == ["bidang", *FIGURE_COLUMNS]
    assert lines == [
        ["pemasaran", 1, 300, 300, 100.0, 100.0, 100.0],
        ["pasokan", 2, 300, 40, 13.3, 50.0, 37.5],
        ["lainnya", 1, 0, 0, None, 0.0, None],
    ]


def test_obstacles_table_counts_every_agreement_naming_one():
    header, lines = build("kendala")
    assert header == ["kendala", *FIGURE_COLUMNS]
    assert lines == [["modal", 2, 300, 40, 13.3, 50.0, 37.5], ["harga", 1, 100, 40, 40.0, 100.0, 75.0]]
    assert list(selectors.by_obstacle(four_rows()).items()) == [("modal", 2), ("harga", 1)]


def test_an_obstacle_code_no_longer_offered_is_listed_after_the_known_ones():
    rows = [
        row(1, "KS-A", BAWANG, ZETA, "pasokan", 10, "berjalan", 1, ("cuaca", "digital")),
        row(2, "KS-B", APEL, ZETA, "pasokan", 10, "berjalan", 1, ("banjir", "modal")),
    ]
    assert list(selectors.by_obstacle(rows)) == ["modal", "digital", "banjir", "cuaca"]
    assert list(selectors.obstacle_totals(rows)) == ["modal", "digital", "banjir", "cuaca"]


def test_status_table_lists_every_report_status_even_when_none():
    header, lines = build("status")
    assert header == ["status", "kerja_sama"]
    assert lines == [["berjalan", 1], ["selesai", 1], ["batal", 1], ["belum_berjalan", 0], ["belum_dievaluasi", 1]]


def test_agreements_table_is_the_flat_export():
    header, lines = build("kerja-sama")
    assert header == exports.EXPORT_HEADER
    assert lines[0] == [
        "KS-1",
        "3513010000000001",
        "Koperasi Bawang",
        "M-01",
        "Zeta Mart",
        "DI Yogyakarta",
        "pasokan",
        100,
        "berjalan",
        40,
        "harga;modal",
        2,
        1.5,
    ]
    assert [line[0] for line in lines] == ["KS-1", "KS-2", "KS-3", "KS-4"]
    assert lines[2][8:11] == ["belum_dievaluasi", 0, ""]


def test_summary_document_of_the_hand_made_rows():
    document = exports.summary_document(four_rows())
    assert document["realisasi_persen"] == 56.7 and document["komitmen_persen"] == 50.0
    assert list(document["by_bidang"]) == ["pemasaran", "pasokan", "lainnya"]
    assert document["by_bidang"]["pasokan"] == {"agreements": 2, "nilai_potensi": 300, "nilai_realisasi": 40}
    assert document["by_provinsi"] == {
        "Bali": {"agreements": 2, "nilai_potensi": 500, "nilai_realisasi": 300},
        "DI Yogyakarta": {"agreements": 2, "nilai_potensi": 100, "nilai_realisasi": 40},
    }
    assert exports.agreement_item(four_rows()[2])["komitmen"] == {"jumlah": 0, "terlaksana": 0.0}


@pytest.mark.parametrize("name", ["rahasia", "perubahan", ""])
def test_unknown_table_or_a_change_without_comparison_is_404(name):
    with pytest.raises(Http404):
        build(name)


def test_change_delta_is_none_when_either_side_has_no_percentage():
    before, after = Totals(potential=0, agreements=1), Totals(potential=100, realised=25, agreements=2, active=1)
    change = Change(before=before, after=after)
    assert change.delta("realisasi_persen") is None
    assert change.delta("realised") == 25 and change.delta("aktif_persen") == 50.0
    assert Change(before=after, after=after).delta("komitmen_persen") is None  # no commitments


def test_rows_and_refs_answer_like_model_instances():
    first = four_rows()[0]
    assert first.agreement.cooperative_id == 1 and first.agreement.partner_id == 11
    assert first.agreement.get_absolute_url() == "/jejaring/kerja-sama/101/"
    assert (str(first.agreement.cooperative), str(first.agreement.partner)) == ("Koperasi Bawang", "Zeta Mart")
    assert first.status_label == "Berjalan"
    assert four_rows()[2].status_label == "Belum dievaluasi"


@pytest.mark.parametrize("status", list(figures.REPORT_STATUSES))
def test_every_report_status_has_an_indonesian_label(status):
    assert str(selectors.status_label(status)) == STATUS_LABELS[status]


def test_an_unknown_status_is_shown_as_its_code():
    assert selectors.status_label("macet") == "macet"
