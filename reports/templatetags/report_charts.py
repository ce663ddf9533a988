"""``{% bar_chart items maximum=100 %}``: the bar chart of ``base.charts`` in a template.

``items`` is a list of ``(label, value)`` (value may be None: no bar, shown as "—").
Without ``maximum`` the largest value fills the width, which suits counts; scores pass
``maximum=100``.
"""

from django import template

from base.charts import bar_chart_context

register = template.Library()


@register.inclusion_tag("reports/includes/bar_chart.html")
def bar_chart(items, maximum=None, decimals=1, title="", labels_above=False):
    return bar_chart_context(items, maximum=maximum, decimals=decimals, title=title, labels_above=labels_above)
