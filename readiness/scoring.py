"""The readiness scoring formula of PRODUCT.md section 3, as pure functions.

No request, no ORM: plain values in, plain values out, so the contract is tested on its
own (tests/readiness/test_scoring.py). Arithmetic is exact (``Fraction``) until the very
end, so a score that is mathematically 60 is never 59.999… and the level (a band edge
comparison) never depends on float rounding. Values are returned unrounded as floats;
exports round to one decimal.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Inexact
from fractions import Fraction
from math import isfinite
from numbers import Real

from base.numbers import round_half_up

MIN_LEVEL = 0
MAX_LEVEL = 4
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))


@dataclass(frozen=True)
class Band:
    """A level band: the level applies from ``min`` (inclusive) upwards."""

    min: Real
    label: str


DEFAULT_BANDS = (
    Band(0, "Belum siap"),
    Band(20, "Kesiapan awal"),
    Band(40, "Kesiapan sedang"),
    Band(60, "Kesiapan matang"),
    Band(80, "Sudah menerapkan"),
)


@dataclass(frozen=True)
class DimensionSpec:
    """What scoring needs to know of a dimension: its weight and its indicators."""

    code: str
    weight: Real
    indicator_codes: tuple = ()


@dataclass(frozen=True)
class ScoreResult:
    dimension_scores: dict = field(default_factory=dict)  # code -> float | None
    overall: float | None = None
    level: int | None = None


def _exact(value):
    # Fraction(str(x)) keeps 0.1 as 1/10 rather than the binary float's long tail.
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def _check_level(level):
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(f"a level must be an integer {MIN_LEVEL}..{MAX_LEVEL} or None (NA), not {level!r}")


def _dimension_score_exact(levels):
    answered = []
    for level in levels:
        if level is None:  # not applicable (or unanswered): excluded from the mean
            continue
        _check_level(level)
        answered.append(level)
    if not answered:
        return None
    return Fraction(100 * sum(answered), MAX_LEVEL * len(answered))


def dimension_score(levels: Iterable[int | None]) -> float | None:
    """``S_d = 100 × mean(answered levels) / 4``; None when nothing is answered.

    ``None`` in ``levels`` stands for not applicable or unanswered: excluded, never 0.
    """
    score = _dimension_score_exact(levels)
    return None if score is None else float(score)


def _overall_exact(scores, weights):
    total_weight = Fraction(0)
    total = Fraction(0)
    for code, score in scores.items():
        if score is None:
            continue
        weight = _exact(weights[code])
        if weight <= 0:
            raise ValueError(f"the weight of {code} must be > 0, not {weights[code]!r}")
        total_weight += weight
        total += weight * _exact(score)
    if not total_weight:
        return None
    return total / total_weight


def overall_index(scores: Mapping[str, Real | None], weights: Mapping[str, Real]) -> float | None:
    """``R = Σ w_d·S_d / Σ w_d`` over the dimensions that have a score; None if none has."""
    value = _overall_exact(scores, weights)
    return None if value is None else float(value)


def sorted_bands(bands: Sequence[Band] | None) -> tuple:
    return tuple(sorted(bands or DEFAULT_BANDS, key=lambda band: _exact(band.min)))


def readiness_level(overall: Real | None, bands: Sequence[Band] | None = None) -> int | None:
    """The index (0-based, bands sorted by minimum) of the highest band whose minimum ≤ R.

    None when R is None or lies below every band's minimum.
    """
    if overall is None:
        return None
    value = _exact(overall)
    level = None
    for index, band in enumerate(sorted_bands(bands)):
        if _exact(band.min) <= value:
            level = index
    return level


def band_label(level: int | None, bands: Sequence[Band] | None = None) -> str:
    if level is None:
        return ""
    ordered = sorted_bands(bands)
    return ordered[level].label if 0 <= level < len(ordered) else ""


def score_assessment(
    dimensions: Sequence[DimensionSpec],
    answers: Mapping[str, int | None],
    bands: Sequence[Band] | None = None,
) -> ScoreResult:
    """Score one assessment.

    ``answers`` maps indicator codes to a level 0..4 or None (not applicable); an
    indicator missing from ``answers`` is unanswered. Both are excluded from the means.
    """
    exact_scores = {}
    for dimension in dimensions:
        levels = [answers.get(code) for code in dimension.indicator_codes]
        exact_scores[dimension.code] = _dimension_score_exact(levels)
    weights = {dimension.code: dimension.weight for dimension in dimensions}
    overall = _overall_exact(exact_scores, weights)
    return ScoreResult(
        dimension_scores={code: None if s is None else float(s) for code, s in exact_scores.items()},
        overall=None if overall is None else float(overall),
        level=readiness_level(overall, bands),
    )


# Wide enough that the difference of any two finite floats' shortest decimal forms is
# exact (their digits span at most about 650 places); Inexact raises if it ever were not.
_EXACT_DECIMAL = Context(prec=1000, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])


def change(before: Real | None, after: Real | None) -> float | None:
    """``after − before`` where both exist (a round-to-round change), else None."""
    if before is None or after is None:
        return None
    if type(before) is float and type(after) is float and isfinite(before) and isfinite(after):
        # The same exact value as the Fraction path below (a float's str is its shortest
        # decimal form, which Decimal keeps exactly) at a fraction of the cost: exports
        # compute this for every dimension of every cooperative.
        return float(_EXACT_DECIMAL.subtract(Decimal(str(after)), Decimal(str(before))))
    return float(_exact(after) - _exact(before))


def priorities(scores: Mapping[str, Real | None], weights: Mapping[str, Real]) -> list:
    """``w_d / Σw × (100 − S_d)`` for every dimension that has a score, highest first.

    Returns ``[(code, priority), …]``; ties keep the order of ``scores``. Σw is over all
    the framework's dimensions (``weights``), so a priority does not depend on which
    other dimensions happen to be answered.
    """
    total_weight = sum(_exact(w) for w in weights.values())
    if not total_weight:
        return []
    result = []
    for code, score in scores.items():
        if score is None:
            continue
        value = _exact(weights[code]) / total_weight * (100 - _exact(score))
        result.append((code, float(value)))
    result.sort(key=lambda item: -item[1])
    return result


def round_for_export(value: Real | None) -> float | None:
    """One decimal, half-up (``base.numbers``), as every page, export and PDF shows it
    (values are stored unrounded)."""
    return round_half_up(value, 1)
