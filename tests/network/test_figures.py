"""The pure figures of PRODUCT.md section 7 and the Rupiah parser."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from network import figures
from network.figures import AgreementFigures, EvaluationPoint, RupiahError, parse_rupiah


def test_percentages_follow_the_contract():
    assert figures.realisasi_persen(310_000_000, 900_000_000) == pytest.approx(34.444, abs=1e-3)
    assert figures.realisasi_persen(5, 0) is None
    assert figures.aktif_persen(7, 12) == pytest.approx(58.333, abs=1e-3)
    assert figures.aktif_persen(0, 0) is None
    assert figures.komitmen_persen(5.5, 9) == pytest.approx(61.111, abs=1e-3)
    assert figures.komitmen_persen(0, 0) is None
    assert figures.percent_for_export(34.44444) == 34.4


def test_commitment_credit():
    assert [figures.commitment_credit(r) for r in ("ya", "sebagian", "tidak", None)] == [1.0, 0.5, 0.0, 0.0]


def test_totals_count_never_evaluated_as_inactive_with_nothing_realised():
    rows = [
        AgreementFigures(potential=100, status="berjalan", realised=40, commitments=2, commitment_credit=1.5),
        AgreementFigures(potential=200, status="selesai", realised=200, obstacles=("logistik",)),
        AgreementFigures(potential=100, commitments=2),  # never evaluated
        AgreementFigures(potential=0, status="batal", obstacles=("modal", "logistik")),
    ]
    totals = figures.totals(rows)
    assert totals.agreements == 4 and totals.active == 2
    assert totals.realisasi_persen == pytest.approx(100 * 240 / 400)
    assert totals.aktif_persen == 50.0
    assert totals.komitmen_persen == pytest.approx(100 * 1.5 / 4)
    assert totals.by_status["belum_dievaluasi"] == 1
    assert totals.by_obstacle == {"logistik": 2, "modal": 1}


def test_latest_evaluation_at_or_before_the_chosen_one():
    may, nov, mar = datetime.date(2018, 5, 1), datetime.date(2018, 11, 20), datetime.date(2019, 3, 1)
    points = [
        EvaluationPoint(1, 10, nov, "A-nov"),
        EvaluationPoint(1, 11, mar, "A-mar"),
        EvaluationPoint(2, 11, mar, "B-mar"),
        EvaluationPoint(3, 9, may, "C-may"),
    ]
    latest = figures.latest_evaluations(points)
    assert {k: p.key for k, p in latest.items()} == {1: "A-mar", 2: "B-mar", 3: "C-may"}
    at_nov = figures.latest_evaluations(points, until=(nov, 10))
    assert {k: p.key for k, p in at_nov.items()} == {1: "A-nov", 3: "C-may"}


def test_same_day_evaluations_are_ordered_by_id():
    day = datetime.date(2018, 11, 20)
    points = [EvaluationPoint(1, 5, day, "first"), EvaluationPoint(1, 6, day, "second")]
    assert figures.latest_evaluations(points)[1].key == "second"
    assert figures.latest_evaluations(points, until=(day, 5))[1].key == "first"


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 8), st.dates()), max_size=30), st.dates())
def test_latest_never_after_the_limit_and_is_the_maximum(raw, limit):
    points = [EvaluationPoint(a, e, d) for a, e, d in raw]
    chosen = figures.latest_evaluations(points, until=(limit, 10**6))
    for agreement_id, point in chosen.items():
        assert point.starts_on <= limit
        candidates = [
            (p.starts_on, p.evaluation_id) for p in points if p.agreement_id == agreement_id and p.starts_on <= limit
        ]
        assert (point.starts_on, point.evaluation_id) == max(candidates)
    assert set(chosen) == {p.agreement_id for p in points if p.starts_on <= limit}


@pytest.mark.parametrize(
    "text, value",
    [
        ("120000000", 120_000_000),
        ("120.000.000", 120_000_000),
        ("Rp 120.000.000", 120_000_000),
        ("Rp120.000.000", 120_000_000),
        ("rp. 45.000.000,00", 45_000_000),
        ("0", 0),
        (" 1.500 ", 1500),
    ],
)
def test_rupiah_cells(text, value):
    assert parse_rupiah(text) == value


@pytest.mark.parametrize(
    "text, reason",
    [
        ("-5000", "negative"),
        ("Rp -120.000", "negative"),
        ("1.5", "fractional"),
        ("120000,50", "fractional"),
        ("seratus", "invalid"),
        ("12.34.567", "invalid"),
    ],
)
def test_rupiah_errors(text, reason):
    with pytest.raises(RupiahError) as error:
        parse_rupiah(text)
    assert str(error.value) == reason


def test_empty_rupiah_is_none_and_format_is_indonesian():
    assert parse_rupiah("") is None
    assert figures.format_rupiah(120_000_000) == "Rp 120.000.000"


@given(st.integers(min_value=0, max_value=10**15))
def test_rupiah_round_trips(value):
    assert parse_rupiah(figures.format_rupiah(value)) == value
    assert parse_rupiah(str(value)) == value
