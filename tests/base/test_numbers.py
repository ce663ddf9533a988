"""Half-up rounding for people (``base.numbers``): 56,25 → 56,3, as Excel's ROUND does."""

from decimal import Decimal
from fractions import Fraction

import pytest

from base.numbers import format_decimal, half_up_decimal, round_half_up
from readiness.scoring import round_for_export


@pytest.mark.parametrize(
    "value, expected",
    [
        (56.25, 56.3),  # a tie Python's round() sends to the even neighbour (56.2)
        (56.24999, 56.2),
        (0.05, 0.1),
        (0.15, 0.2),  # 0.15 is 0.1499999… as a float: round() gives 0.1
        (0.25, 0.3),
        (0.35, 0.4),
        (0.45, 0.5),
        (1.05, 1.1),
        (2.675, 2.7),
        (99.95, 100.0),
        (-0.05, -0.1),  # half away from zero, as Excel
        (-56.25, -56.3),
        (0.04999, 0.0),
        (0, 0.0),
        (100, 100.0),
        (Decimal("56.25"), 56.3),
        (Decimal("0.05"), 0.1),
        (Fraction(225, 4), 56.3),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected
    assert round_for_export(value) == expected


def test_decimal_is_exact_and_other_places():
    assert half_up_decimal(Decimal("56.25")) == Decimal("56.3")
    assert half_up_decimal(2.675, 2) == Decimal("2.68")  # the float 2.675 is 2.67499…; people typed 2.675
    assert half_up_decimal(2.5, 0) == Decimal("3")
    assert round_half_up(None) is None


def test_format_decimal():
    assert format_decimal(56.25) == "56,3"
    assert format_decimal(0.05) == "0,1"
    assert format_decimal(None) == "–"
    assert format_decimal(None, none="-") == "-"
    assert format_decimal(3.25, sign=True) == "+3,3"
    assert format_decimal(-3.25, sign=True) == "-3,3"
    assert format_decimal(7.5, 0) == "8"
