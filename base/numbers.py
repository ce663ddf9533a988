"""Rounding numbers for people: half-up, as Excel's ROUND and the quiz pages do.

Python's ``round`` rounds a tie to the even neighbour and works on the binary float
(``round(56.25, 1) == 56.2``, ``round(0.15, 1) == 0.1``); people compare our figures with
Excel, where both are ``56.3`` and ``0.2``. Every score or percentage that pages, exports
and PDFs show is rounded here. A float is read by its shortest decimal form (``repr``), so
``0.15`` is the 0.15 people typed, not 0.1499999….
"""

from decimal import ROUND_HALF_UP, Decimal
from numbers import Real


def half_up_decimal(value: Real | Decimal | None, places: int = 1) -> Decimal | None:
    """``value`` rounded half away from zero to ``places`` decimals, exactly (None stays None)."""
    if value is None:
        return None
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_half_up(value: Real | Decimal | None, places: int = 1) -> float | None:
    """As ``half_up_decimal``, as a float for files and charts (``56.25`` → ``56.3``)."""
    rounded = half_up_decimal(value, places)
    return None if rounded is None else float(rounded)


def format_decimal(value: Real | Decimal | None, places: int = 1, *, none: str = "–", sign: bool = False) -> str:
    """Rounded half-up and written with a decimal comma (``56,3``), for PDFs and fixed texts.

    Pages use the template filter ``score`` (``readiness_tags``), which rounds here and
    then writes the number in the page's language.
    """
    rounded = half_up_decimal(value, places)
    if rounded is None:
        return none
    text = f"{rounded:+.{places}f}" if sign else f"{rounded:.{places}f}"
    return text.replace(".", ",")
