"""Formatting for readiness scores: one decimal, arrows for change."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from readiness import selectors
from readiness.scoring import round_for_export

register = template.Library()


@register.filter
def score(value):
    """A stored score shown with one decimal (in the page's locale), or a dash."""
    value = round_for_export(value)
    return "–" if value is None else number_format(value, 1)


@register.filter
def change_arrow(value):
    """▲ +5,2 / ▼ −3,0 / = 0,0 with a text alternative for screen readers."""
    value = round_for_export(value)
    if value is None:
        return "–"
    if value > 0:
        return format_html(
            '<span class="change up"><span aria-hidden="true">▲</span> +{} <span class="visually-hidden">{}</span></span>',
            number_format(value, 1),
            _("naik"),
        )
    if value < 0:
        return format_html(
            '<span class="change down"><span aria-hidden="true">▼</span> −{} <span class="visually-hidden">{}</span></span>',
            number_format(-value, 1),
            _("turun"),
        )
    return format_html(
        '<span class="change same"><span aria-hidden="true">=</span> 0 <span class="visually-hidden">{}</span></span>',
        _("tetap"),
    )


@register.filter
def level_or_na(value):
    return _("Tidak berlaku") if value is None else value


@register.filter
def get_item(mapping, key):
    return mapping.get(str(key), 0)


def _dimension_names(context):
    # Read once per request however many tags, cards and options ask.
    request = context.get("request")
    names = getattr(request, "_dimension_names", None)
    if names is None:
        names = selectors.dimension_names()
        if request is not None:
            request._dimension_names = names
    return names


@register.simple_tag(takes_context=True)
def dimension_label(context, code):
    """``D1 · Strategi dan kepemimpinan`` for a dimension code (a course tag, a filter value)."""
    code = str(code)
    return selectors.dimension_label(code, _dimension_names(context).get(code.upper(), ""))


@register.simple_tag(takes_context=True)
def dimension_name(context, code):
    """The name alone of a dimension code in the current framework ("" when unknown)."""
    return _dimension_names(context).get(str(code).upper(), "")
