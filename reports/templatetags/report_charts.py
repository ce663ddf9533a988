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
def bar_chart(items, maximum=None, decimals=1, title="", labels_above=False):
    """``labels_above``: each label on a line of its own over its bar, for long labels
    (dimension names) that a label column would cut."""
    items = list(items)
    values = [value for _label, value in items if value is not None]
    top = maximum if maximum is not None else (max(values) if values else 0)
    label_width = 0 if labels_above else LABEL_WIDTH
    bar_width = BAR_WIDTH + LABEL_WIDTH if labels_above else BAR_WIDTH
    row_height = ROW_HEIGHT + 16 if labels_above else ROW_HEIGHT
    bar_offset = 16 if labels_above else 0
    rows = []
    for index, (label, value) in enumerate(items):
        width = 0.0 if not top or value is None else bar_width * max(0.0, min(float(value), top)) / top
        y = 4 + index * row_height + bar_offset
        rows.append(
            {
                "label": str(label),
                "text": _value_text(value, decimals),
                "y": y,
                "label_y": y - 4 if labels_above else y + 16,
                "text_y": y + 16,
                "width": _coordinate(width),
                "value_x": _coordinate(label_width + width + 6),
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
