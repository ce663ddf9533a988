from django import template

from network import figures

register = template.Library()


@register.filter
def rupiah(value):
    """120000000 → Rp 120.000.000."""
    return figures.format_rupiah(value)


@register.filter
def persen(value):
    """A stored percentage shown to one decimal with a comma, or a dash."""
    value = figures.percent_for_export(value)
    return "–" if value is None else f"{value:.1f}%".replace(".", ",")
