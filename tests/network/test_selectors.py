"""The figures answered from the database: latest follow-up, verified values, query counts."""

import datetime

import pytest

from network import selectors
from network.services import save_follow_up
from tests.factories import make_cooperative

from .factories import evaluate, make_agreement, make_evaluation, make_event, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """A temu usaha with four agreements and two evaluations of it."""
    event = make_event(slug="temu-usaha-diy-2018")
    nov = make_evaluation(follows=event, slug="evaluasi-nov-2018", starts_on=datetime.date(2018, 11, 20))
    mar = make_evaluation(follows=event, slug="evaluasi-mar-2019", starts_on=datetime.date(2019, 3, 10))
    koperasi = make_cooperative(nama="Koperasi A")
    partner = make_partner(code="M-01", provinsi="DI Yogyakarta")
    a = make_agreement(event=event, code="KS-01", cooperative=koperasi, partner=partner, potential=100, commitments=2)
    b = make_agreement(event=event, code="KS-02", cooperative=koperasi, potential=300, field="pasokan", commitments=1)
    c = make_agreement(event=event, code="KS-03", potential=100)
    make_agreement(event=event, code="KS-04", potential=0, commitments=1)  # never evaluated
    evaluate(a, nov, status="berjalan", realised=20, obstacles=["logistik"], results=["ya", "tidak"])
    evaluate(a, mar, status="selesai", realised=90, results=["ya", "sebagian"])
    evaluate(b, nov, status="batal", realised=0, obstacles=["modal", "logistik"], results=["tidak"])
    evaluate(c, mar, status="berjalan", realised=10)
    return event, nov, mar


def _by_code(rows):
    return {row.agreement.code: row for row in rows}


def test_latest_follow_up_at_the_chosen_evaluation(story):
    event, nov, mar = story
    at_nov = _by_code(selectors.network_rows(event, nov))
    assert at_nov["KS-01"].figures.status == "berjalan" and at_nov["KS-01"].figures.realised == 20
    assert at_nov["KS-03"].figures.status == "belum_dievaluasi" and at_nov["KS-03"].figures.realised == 0
    latest = _by_code(selectors.network_rows(event))
    assert latest["KS-01"].figures.status == "selesai" and latest["KS-01"].figures.commitment_credit == 1.5
    assert latest["KS-02"].figures.status == "batal"  # its latest is still November's

    totals = selectors.summary(list(latest.values()))
    assert totals.agreements == 4 and totals.cooperatives == 3
    assert totals.realisasi_persen == pytest.approx(100 * 100 / 500)
    assert totals.aktif_persen == 50.0
    assert totals.komitmen_persen == pytest.approx(100 * 1.5 / 4)
    assert selectors.by_obstacle(list(latest.values())) == {"modal": 1, "logistik": 1}


def test_verified_values_are_used_and_self_reported_kept(story):
    event, nov, _mar = story
    agreement = event.agreements.get(code="KS-03")
    follow_up = evaluate(
        agreement,
        nov,
        status="berjalan",
        realised=80,
        verified={"status": "belum_berjalan", "realised_value": 0, "note": "belum ada transaksi"},
    )
    assert (follow_up.self_status, follow_up.self_realised_value) == ("berjalan", 80)
    row = _by_code(selectors.network_rows(event, nov))["KS-03"]
    assert (row.figures.status, row.figures.realised, row.is_verified) == ("belum_berjalan", 0, True)


def test_drafts_do_not_count(story):
    event, nov, _mar = story
    agreement = event.agreements.get(code="KS-04")
    save_follow_up(agreement=agreement, evaluation=nov, status="selesai", realised_value=5)
    assert _by_code(selectors.network_rows(event, nov))["KS-04"].figures.status == "belum_dievaluasi"


def _grow(event, evaluation, count):
    for _ in range(count):
        agreement = make_agreement(event=event, commitments=2)
        evaluate(agreement, evaluation, status="berjalan", realised=5, obstacles=["harga"], results=["ya", "tidak"])


def test_constant_queries_as_agreements_grow(story, django_assert_max_num_queries):
    event, nov, _mar = story
    _grow(event, nov, 2)
    with django_assert_max_num_queries(2):
        small = selectors.network_rows(event, nov)
    _grow(event, nov, 4)
    with django_assert_max_num_queries(2):
        large = selectors.network_rows(event, nov)
    assert len(large) == len(small) + 4
