"""A light server-rendered SVG bar chart of dimension scores (no JS, no external request)."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from .selectors import dimension_label

# Each row: the dimension's code and name on a line of its own, the bar under it, so the
# name is readable on a phone without a wide label column.
ROW_HEIGHT = 46
LABEL_WIDTH = 0
BAR_WIDTH = 300
WIDTH = LABEL_WIDTH + BAR_WIDTH + 56


@dataclass
class ChartRow:
    code: str
    name: str
    label: str
    score: float | None
    y: int
    bar: str
    district_x: str | None
    previous_x: str | None


def _coordinate(value):
    # SVG needs a dot as decimal separator whatever the page's locale.
    return f"{value:.1f}"


def _x(value):
    if value is None:
        return None
    return _coordinate(LABEL_WIDTH + BAR_WIDTH * max(0.0, min(100.0, value)) / 100)


def dimension_chart(lines):
    """SVG markup: one bar per dimension (score 0–100), a tick for the district mean and
    a hollow marker for the previous round."""
    rows = [
        ChartRow(
            code=line.code,
            name=line.name,
            label=dimension_label(line.code, line.name),
            score=line.score,
            y=8 + index * ROW_HEIGHT,
            bar=_coordinate(0 if line.score is None else BAR_WIDTH * line.score / 100),
            district_x=_x(line.district_mean),
            previous_x=_x(line.previous),
        )
        for index, line in enumerate(lines)
    ]
    height = 8 + len(rows) * ROW_HEIGHT + 22
    return render_to_string(
        "readiness/includes/dimension_chart.svg",
        {
            "rows": rows,
            "width": WIDTH,
            "height": height,
            "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH,
            "axis_y": height - 18,
            "ticks": [(_coordinate(LABEL_WIDTH + BAR_WIDTH * t / 100), t) for t in (0, 20, 40, 60, 80, 100)],
        },
    )
