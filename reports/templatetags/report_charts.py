"""A light horizontal bar chart as inline SVG (no JS, no external request).

``{% bar_chart items maximum=100 %}`` where ``items`` is a list of ``(label, value)``
(value may be None: no bar, shown as "—"). Without ``maximum`` the largest value fills
the width, which suits counts; scores pass ``maximum=100``.
"""

from django import template

register = template.Library()

ROW_HEIGHT = 26
LABEL_WIDTH = 150
BAR_WIDTH = 220
VALUE_WIDTH = 60


def _coordinate(value):
    # SVG needs a dot as the decimal separator whatever the page's locale.
    return f"{value:.1f}"


def _value_text(value, decimals):
    if value is None:
        return "—"
    return f"{value:.{decimals}f}".replace(".", ",") if decimals else str(round(value))


@register.inclusion_tag("reports/includes/bar_chart.html")
def bar_chart(items, maximum=None, decimals=1, title=""):
    items = list(items)
    values = [value for _label, value in items if value is not None]
    top = maximum if maximum is not None else (max(values) if values else 0)
    rows = []
    for index, (label, value) in enumerate(items):
        width = 0.0 if not top or value is None else BAR_WIDTH * max(0.0, min(float(value), top)) / top
        rows.append(
            {
                "label": str(label),
                "text": _value_text(value, decimals),
                "y": 4 + index * ROW_HEIGHT,
                "text_y": 4 + index * ROW_HEIGHT + 16,
                "width": _coordinate(width),
                "value_x": _coordinate(LABEL_WIDTH + width + 6),
            }
        )
    return {
        "rows": rows,
        "title": title,
        "width": LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        "height": 8 + len(rows) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 6,
        "bar_width": BAR_WIDTH,
    }
