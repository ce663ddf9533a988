"""Light server-rendered SVG bar charts (no script, no external request): one module for
the report card's dimension chart and the district reports' bar charts.

Coordinates are written with a dot whatever the page's language (SVG needs it); the
values people read are rounded half-up (``base.numbers``).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from .numbers import format_decimal

# --- shared ---------------------------------------------------------------------------


def coordinate(value):
    """An SVG coordinate: one decimal, always a dot."""
    return f"{value:.1f}"


def bar_length(value, maximum, width):
    """How long a bar of ``value`` is on a scale where ``maximum`` fills ``width`` (clamped)."""
    if not maximum or value is None:
        return 0.0
    return width * max(0.0, min(float(value), maximum)) / maximum


# --- the district reports' bar chart ---------------------------------------------------

ROW_HEIGHT = 26
LABEL_WIDTH = 150
BAR_WIDTH = 220
VALUE_WIDTH = 60


def bar_chart_context(items, maximum=None, decimals=1, title="", labels_above=False):
    """The context of ``reports/includes/bar_chart.html`` for ``items`` = [(label, value)].

    Without ``maximum`` the largest value fills the width (counts); scores pass 100.
    ``labels_above``: each label on a line of its own over its bar, for long labels
    (dimension names) that a label column would cut.
    """
    items = list(items)
    values = [value for _label, value in items if value is not None]
    top = maximum if maximum is not None else (max(values) if values else 0)
    label_width = 0 if labels_above else LABEL_WIDTH
    bar_width = BAR_WIDTH + LABEL_WIDTH if labels_above else BAR_WIDTH
    row_height = ROW_HEIGHT + 16 if labels_above else ROW_HEIGHT
    bar_offset = 16 if labels_above else 0
    rows = []
    for index, (label, value) in enumerate(items):
        width = bar_length(value, top, bar_width)
        y = 4 + index * row_height + bar_offset
        rows.append(
            {
                "label": str(label),
                "text": format_decimal(value, decimals, none="—"),
                "y": y,
                "label_y": y - 4 if labels_above else y + 16,
                "text_y": y + 16,
                "width": coordinate(width),
                "value_x": coordinate(label_width + width + 6),
            }
        )
    return {
        "rows": rows,
        "title": title,
        "width": label_width + bar_width + VALUE_WIDTH,
        "height": 8 + len(rows) * row_height,
        "label_width": label_width,
        "label_x": 0 if labels_above else LABEL_WIDTH - 6,
        "label_anchor": "start" if labels_above else "end",
        "labels_above": labels_above,
        "bar_width": bar_width,
    }


# --- the report card's dimension chart -------------------------------------------------

# Each row: the dimension's code and name on a line of its own, the bar under it, so the
# name is readable on a phone without a wide label column.
DIMENSION_ROW_HEIGHT = 46
DIMENSION_BAR_WIDTH = 300
DIMENSION_WIDTH = DIMENSION_BAR_WIDTH + 56


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


def _score_x(value):
    return None if value is None else coordinate(bar_length(value, 100, DIMENSION_BAR_WIDTH))


def dimension_chart(lines, *, label):
    """SVG markup: one bar per dimension (score 0–100), a tick for the district mean and a
    hollow marker for the previous round. ``label(code, name)`` names a row."""
    rows = [
        ChartRow(
            code=line.code,
            name=line.name,
            label=label(line.code, line.name),
            score=line.score,
            y=8 + index * DIMENSION_ROW_HEIGHT,
            bar=coordinate(bar_length(line.score, 100, DIMENSION_BAR_WIDTH)),
            district_x=_score_x(line.district_mean),
            previous_x=_score_x(line.previous),
        )
        for index, line in enumerate(lines)
    ]
    height = 8 + len(rows) * DIMENSION_ROW_HEIGHT + 22
    return render_to_string(
        "readiness/includes/dimension_chart.svg",
        {
            "rows": rows,
            "width": DIMENSION_WIDTH,
            "height": height,
            "label_width": 0,
            "bar_width": DIMENSION_BAR_WIDTH,
            "axis_y": height - 18,
            "ticks": [(coordinate(DIMENSION_BAR_WIDTH * t / 100), t) for t in (0, 20, 40, 60, 80, 100)],
        },
    )
