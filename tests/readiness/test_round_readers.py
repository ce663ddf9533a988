"""The readers of one round (readiness/selectors.py): its summary by level, kecamatan and jenis,
the pengurus each follow-up reminder goes to, and the export's change column."""

import datetime

import pytest

from readiness import selectors
from tests.factories import make_cooperative, make_kecamatan, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(ikdk):
    return make_round(ikdk, "mei", opens=datetime.date(2018, 5, 1)), make_round(
        ikdk, "nov", opens=datetime.date(2018, 11, 1)
    )


def test_the_summary_counts_results_only_and_rounds_half_up(ikdk, rounds):
    _may, november = rounds
    paiton, kraksaan = make_kecamatan("Paiton"), make_kecamatan("Kraksaan")
    answer_all(november, make_cooperative(kecamatan=paiton), 4)  # 100, level 4
    answer_all(november, make_cooperative(kecamatan=paiton, jenis="simpan_pinjam"), {"D1.1": 1, "D1.2": 2})  # 37.5
    answer_all(november, make_cooperative(kecamatan=kraksaan), 1)  # 25, level 1
    answer_all(november, make_cooperative(kecamatan=kraksaan), 3, submit=False)  # a draft: not a result
    summary = selectors.round_summary(november)
    assert summary["assessed"] == 3
    assert summary["mean_overall"] == 54.2  # (100 + 37.5 + 25) / 3 = 54.1666…
    assert summary["by_level"] == {"0": 0, "1": 2, "2": 0, "3": 0, "4": 1}
    assert summary["by_kecamatan"] == {
        "Kraksaan": {"assessed": 1, "mean_overall": 25.0},
        "Paiton": {"assessed": 2, "mean_overall": 68.8},  # 68.75 rounds up
    }
    assert summary["by_jenis"] == {
        "konsumen": {"assessed": 2, "mean_overall": 62.5},
        "simpan_pinjam": {"assessed": 1, "mean_overall": 37.5},
    }


def test_an_empty_round_summarises_to_zeroes(ikdk, rounds):
    summary = selectors.round_summary(rounds[1])
    assert summary == {
        "assessed": 0,
        "mean_overall": None,
        "by_level": {"0": 0, "1": 0, "2": 0, "3": 0, "4": 0},
        "by_kecamatan": {},
        "by_jenis": {},
    }


def test_reminders_go_to_the_first_active_pengurus_with_a_phone(ikdk, rounds):
    _may, november = rounds
    cooperative = make_cooperative(nama="KSU Mawar")
    make_user(cooperative=cooperative, role="pengurus", first_name="Tanpa", last_name="Nomor")
    make_user(cooperative=cooperative, role="pengurus", first_name="Keluar", phone="081200000009", is_active=False)
    make_user(cooperative=cooperative, role="pengurus", first_name="Sri", last_name="Wahyuni", phone="081200000001")
    make_user(cooperative=cooperative, first_name="Staf", phone="081200000002")  # staff are not reminded
    nobody = make_cooperative(nama="KSP Sepi")
    make_cooperative(nama="Koperasi Bubar", is_active=False)
    rows = {row.nama: row for row in selectors.follow_up_cooperatives(november)}
    assert set(rows) == {"KSU Mawar", "KSP Sepi"}
    mawar = rows["KSU Mawar"]
    assert (mawar.pengurus_phone, mawar.pengurus_name, mawar.round_status) == (
        "081200000001",
        "Sri Wahyuni",
        "belum_mulai",
    )
    assert (rows["KSP Sepi"].pengurus_phone, rows["KSP Sepi"].pengurus_name) == (None, None)
    answer_all(november, nobody, 2, submit=False)
    counts = selectors.follow_up_counts(selectors.follow_up_cooperatives(november))
    assert counts == {"belum_mulai": 1, "draft": 1, "submitted": 0, "total": 2}


def test_export_change_is_there_only_for_cooperatives_with_an_earlier_result(ikdk, rounds):
    may, november = rounds
    returning, newcomer = make_cooperative(nik="3513000000000801"), make_cooperative(nik="3513000000000802")
    answer_all(may, returning, 1)
    answer_all(november, returning, 3)
    answer_all(november, newcomer, 2)
    rows = list(selectors.iter_export_rows(november, may))
    assert [row["nik"] for row in rows] == ["3513000000000801", "3513000000000802"]
    assert rows[0]["change"]["overall"] == 50.0
    assert set(rows[0]["change"]["dimensions"].values()) == {50.0}
    assert rows[1]["change"] is None
    table = list(selectors.iter_export_table(november, may))
    assert table[0][5:8] == [75.0, 3, 50.0] and table[1][5:8] == [50.0, 2, None]
    assert table[1][8:] == [50.0, None] * 6
