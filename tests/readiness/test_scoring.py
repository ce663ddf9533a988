"""The scoring formula of PRODUCT.md section 3, tested directly (pure functions)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness import scoring
from readiness.scoring import Band, DimensionSpec

levels_or_na = st.one_of(st.none(), st.integers(min_value=0, max_value=4))


def test_dimension_score_is_mean_level_over_four_times_hundred():
    assert scoring.dimension_score([4, 4, 4]) == 100.0
    assert scoring.dimension_score([0, 0]) == 0.0
    assert scoring.dimension_score([2, 3]) == 62.5
    assert scoring.dimension_score([1, 2, 2]) == pytest.approx(100 * (5 / 3) / 4)


def test_na_and_unanswered_are_excluded_not_zero():
    assert scoring.dimension_score([4, None, None]) == 100.0
    assert scoring.dimension_score([None, None]) is None
    assert scoring.dimension_score([]) is None


def test_level_out_of_range_is_refused():
    with pytest.raises(ValueError):
        scoring.dimension_score([5])
    with pytest.raises(ValueError):
        scoring.dimension_score([-1])
    with pytest.raises(ValueError):
        scoring.dimension_score([True])


def test_overall_is_weighted_mean_of_scored_dimensions():
    scores = {"D1": 50.0, "D2": 100.0, "D3": None}
    assert scoring.overall_index(scores, {"D1": 1, "D2": 3, "D3": 5}) == pytest.approx((50 + 300) / 4)
    assert scoring.overall_index({"D1": None}, {"D1": 1}) is None


def test_default_bands_and_edges():
    assert scoring.readiness_level(0) == 0
    assert scoring.readiness_level(19.99) == 0
    assert scoring.readiness_level(20) == 1
    assert scoring.readiness_level(40) == 2
    assert scoring.readiness_level(59.9) == 2
    assert scoring.readiness_level(60) == 3
    assert scoring.readiness_level(80) == 4
    assert scoring.readiness_level(100) == 4
    assert scoring.readiness_level(None) is None
    assert scoring.band_label(3) == "Kesiapan matang"


def test_custom_bands_are_sorted_and_may_leave_low_scores_unlevelled():
    bands = [Band(50, "Siap"), Band(10, "Awal")]
    assert scoring.readiness_level(5, bands) is None
    assert scoring.readiness_level(10, bands) == 0
    assert scoring.readiness_level(75, bands) == 1
    assert scoring.band_label(1, bands) == "Siap"


def test_exact_arithmetic_puts_a_true_sixty_in_band_three():
    # Weights 0.1/0.2 and scores whose float mean would be 59.999…
    dims = [DimensionSpec("A", 0.1, ("a1",)), DimensionSpec("B", 0.2, ("b1", "b2"))]
    result = scoring.score_assessment(dims, {"a1": 4, "b1": 2, "b2": 0})
    # A = 100, B = 25 → R = (10 + 5) / 0.3 = 50
    assert result.overall == 50.0
    assert result.level == 2
    dims = [DimensionSpec("A", 1, ("a1", "a2", "a3", "a4", "a5"))]
    result = scoring.score_assessment(dims, {"a1": 3, "a2": 3, "a3": 2, "a4": 2, "a5": 2})
    assert result.overall == 60.0 and result.level == 3


def test_score_assessment_whole():
    dims = [
        DimensionSpec("D1", 1, ("D1.1", "D1.2")),
        DimensionSpec("D2", 1, ("D2.1",)),
        DimensionSpec("D3", 2, ("D3.1",)),
    ]
    result = scoring.score_assessment(dims, {"D1.1": 4, "D1.2": 2, "D2.1": None})
    assert result.dimension_scores == {"D1": 75.0, "D2": None, "D3": None}
    assert result.overall == 75.0
    assert result.level == 3


def test_change_only_where_both_exist():
    assert scoring.change(40.0, 52.5) == 12.5
    assert scoring.change(None, 52.5) is None
    assert scoring.change(40.0, None) is None


def test_priorities_weight_share_times_gap():
    ranked = scoring.priorities({"D1": 50.0, "D2": 90.0, "D3": None}, {"D1": 1, "D2": 1, "D3": 2})
    assert ranked == [("D1", pytest.approx(0.25 * 50)), ("D2", pytest.approx(0.25 * 10))]


def test_round_for_export():
    assert scoring.round_for_export(57.26) == 57.3
    assert scoring.round_for_export(None) is None


@given(st.lists(levels_or_na, max_size=12))
def test_dimension_scores_within_bounds(levels):
    score = scoring.dimension_score(levels)
    answered = [level for level in levels if level is not None]
    if not answered:
        assert score is None
    else:
        assert 0 <= score <= 100
        assert score == pytest.approx(100 * sum(answered) / len(answered) / 4)


@given(st.lists(st.integers(0, 4), min_size=1, max_size=8), st.integers(1, 8))
def test_na_never_counts_as_zero(levels, na_count):
    assert scoring.dimension_score(levels + [None] * na_count) == scoring.dimension_score(levels)


weights = st.integers(min_value=1, max_value=1000).map(lambda n: Fraction(n, 10))
scores_or_none = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


@given(
    st.dictionaries(
        st.sampled_from(["D1", "D2", "D3", "D4", "D5", "D6"]), st.tuples(scores_or_none, weights), min_size=1
    )
)
def test_overall_within_bounds_and_scale_invariant(data):
    scores = {code: s for code, (s, _w) in data.items()}
    w = {code: weight for code, (_s, weight) in data.items()}
    overall = scoring.overall_index(scores, w)
    if all(s is None for s in scores.values()):
        assert overall is None
        return
    assert 0 <= overall <= 100
    assert min(s for s in scores.values() if s is not None) - 1e-9 <= overall
    for factor in (Fraction(1, 7), 3, 1000):
        scaled = scoring.overall_index(scores, {code: weight * factor for code, weight in w.items()})
        assert scaled == pytest.approx(overall, abs=1e-9)


@given(st.floats(0, 100, allow_nan=False), st.floats(0, 100, allow_nan=False))
def test_level_monotone_in_score(a, b):
    low, high = sorted([a, b])
    assert scoring.readiness_level(low) <= scoring.readiness_level(high)


@given(
    st.lists(st.integers(0, 100), min_size=1, max_size=6, unique=True),
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_level_monotone_for_any_bands(minimums, a, b):
    bands = [Band(m, f"b{m}") for m in minimums]
    low, high = sorted([a, b])
    level_low, level_high = scoring.readiness_level(low, bands), scoring.readiness_level(high, bands)
    assert (level_low if level_low is not None else -1) <= (level_high if level_high is not None else -1)


@given(st.dictionaries(st.sampled_from([f"i{n}" for n in range(10)]), levels_or_na))
def test_score_assessment_bounds_and_level_consistent(answers):
    dims = [
        DimensionSpec("A", 2, ("i0", "i1", "i2")),
        DimensionSpec("B", 1, ("i3", "i4")),
        DimensionSpec("C", 0.5, ("i5", "i6", "i7", "i8", "i9")),
    ]
    result = scoring.score_assessment(dims, answers)
    for value in result.dimension_scores.values():
        assert value is None or 0 <= value <= 100
    if result.overall is None:
        assert result.level is None
    else:
        assert 0 <= result.overall <= 100
        assert result.level == scoring.readiness_level(result.overall)
